#ifndef BAOCAO_COPENSSL_SHIM_H
#define BAOCAO_COPENSSL_SHIM_H

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/buffer.h>
#include <openssl/ec.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <time.h>

// OpenSSL exposes much of its API as macros, variadic functions or struct fields, none of
// which Swift can import. These small wrappers are the only C in BaoCao; each does one
// thing the Swift side cannot.

// MARK: - Macros

static inline long baocao_BIO_get_mem_data(BIO *bio, char **out) {
    return BIO_get_mem_data(bio, out);
}

static inline void baocao_OPENSSL_free(void *pointer) {
    OPENSSL_free(pointer);
}

static inline int baocao_sk_X509_num(const STACK_OF(X509) *stack) {
    return sk_X509_num(stack);
}

static inline X509 *baocao_sk_X509_value(const STACK_OF(X509) *stack, int index) {
    return sk_X509_value(stack, index);
}

static inline STACK_OF(X509) *baocao_sk_X509_new_null(void) {
    return sk_X509_new_null();
}

/// Pushes a certificate, taking a new reference to it.
static inline int baocao_sk_X509_push_up_ref(STACK_OF(X509) *stack, X509 *certificate) {
    if (!X509_up_ref(certificate)) return 0;
    if (!sk_X509_push(stack, certificate)) {
        X509_free(certificate);
        return 0;
    }
    return 1;
}

static inline void baocao_sk_X509_pop_free(STACK_OF(X509) *stack) {
    sk_X509_pop_free(stack, X509_free);
}

static inline void baocao_sk_X509_free(STACK_OF(X509) *stack) {
    sk_X509_free(stack);
}

/// RFC 2253 order and escaping, but UTF-8 left as is (Vietnamese names stay readable).
static inline unsigned long baocao_name_print_flags(void) {
    return XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
}

// MARK: - Keys (EVP_PKEY_Q_keygen is variadic)

static inline EVP_PKEY *baocao_generate_rsa(unsigned int bits) {
    return EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)bits);
}

static inline EVP_PKEY *baocao_generate_ec_p256(void) {
    return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
}

// MARK: - Time

/// Seconds since 1970 of an ASN1_TIME, or -1 if it cannot be read.
static inline long long baocao_asn1_time_to_unix(const ASN1_TIME *time) {
    struct tm tm;
    if (time == NULL || !ASN1_TIME_to_tm(time, &tm)) return -1;
    return (long long)timegm(&tm);
}

// MARK: - CMS

/// Adds one signer to a CMS being built, with a signing-time attribute of `signing_time`.
static inline int baocao_cms_add_signer(CMS_ContentInfo *cms, X509 *certificate, EVP_PKEY *key,
                                        long long signing_time, const EVP_MD *digest, unsigned int flags) {
    CMS_SignerInfo *info = CMS_add1_signer(cms, certificate, key, digest, flags);
    if (info == NULL) return 0;
    ASN1_TIME *time = ASN1_TIME_set(NULL, (time_t)signing_time);
    if (time == NULL) return 0;
    int ok = CMS_signed_add1_attr_by_NID(info, NID_pkcs9_signingTime, ASN1_STRING_type(time), time, -1);
    ASN1_TIME_free(time);
    return ok;
}

/// A detached CMS SignedData over `data` (the `digest` — SHA-256 but in tests of the
/// algorithm floor —, signer certificates and `chain` included, a signing-time attribute of
/// `signing_time` on each signer), or NULL. With a person (`person_certificate` and
/// `person_key` not NULL) the person's SignerInfo comes first and the unit's second: two
/// signatures over the same content, each verifiable on its own.
static inline CMS_ContentInfo *baocao_cms_sign_detached(X509 *certificate, EVP_PKEY *key,
                                                        X509 *person_certificate, EVP_PKEY *person_key,
                                                        STACK_OF(X509) *chain, BIO *data, long long signing_time,
                                                        const EVP_MD *digest) {
    unsigned int flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
    CMS_ContentInfo *cms = CMS_sign(NULL, NULL, chain, NULL, flags);
    if (cms == NULL) return NULL;
    int ok = (person_certificate == NULL || baocao_cms_add_signer(cms, person_certificate, person_key, signing_time, digest, flags))
        && baocao_cms_add_signer(cms, certificate, key, signing_time, digest, flags)
        && CMS_final(cms, data, NULL, flags);
    if (!ok) {
        CMS_ContentInfo_free(cms);
        return NULL;
    }
    return cms;
}

/// As baocao_cms_sign_detached, in the CAdES profile PAdES asks for (ETSI EN 319 142-1):
/// CMS_CADES adds the ESS signing-certificate-v2 attribute (RFC 5035) binding the signer's
/// certificate into what is signed, beside content-type and message-digest.
static inline CMS_ContentInfo *baocao_cms_sign_cades_detached(X509 *certificate, EVP_PKEY *key, STACK_OF(X509) *chain,
                                                              BIO *data, long long signing_time, const EVP_MD *digest) {
    unsigned int flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP | CMS_CADES;
    CMS_ContentInfo *cms = CMS_sign(NULL, NULL, chain, NULL, flags);
    if (cms == NULL) return NULL;
    CMS_SignerInfo *info = CMS_add1_signer(cms, certificate, key, digest, flags);
    ASN1_TIME *time = ASN1_TIME_set(NULL, (time_t)signing_time);
    int ok = info != NULL && time != NULL
        && CMS_signed_add1_attr_by_NID(info, NID_pkcs9_signingTime, ASN1_STRING_type(time), time, -1)
        && CMS_final(cms, data, NULL, flags);
    ASN1_TIME_free(time);
    if (!ok) {
        CMS_ContentInfo_free(cms);
        return NULL;
    }
    return cms;
}

/// Checks a SHA-256 signature over `data` with a public key: PKCS #1 v1.5 for RSA, DER
/// ECDSA for EC. `sha256` is a fetched EVP_MD (see SHA256Digest.swift). 1 when it
/// verifies, 0 when it does not (a wrong or malformed signature), -1 when libcrypto could
/// not check at all (no memory, a key it cannot use).
static inline int baocao_verify_sha256(EVP_PKEY *key, const EVP_MD *sha256, const unsigned char *signature,
                                       size_t signature_length, const unsigned char *data, size_t length) {
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    if (context == NULL) return -1;
    int result = -1;
    if (EVP_DigestVerifyInit(context, NULL, sha256, NULL, key) == 1) {
        result = EVP_DigestVerify(context, signature, signature_length, data, length) == 1 ? 1 : 0;
    }
    EVP_MD_CTX_free(context);
    return result;
}

// MARK: - Sealing (CMS AuthEnvelopedData, RFC 5083/5084)

/// Sets one recipient's key management as BaoCao seals: RSAES-OAEP with SHA-256 and
/// MGF1-SHA-256 for a key-transport recipient (RSA), the SHA-256 X9.63 KDF for a
/// key-agreement recipient (ECDH, ephemeral-static; the key wrap follows the content
/// cipher: AES-256 wrap). 1 on success, 0 for any other kind of recipient or a failure.
static inline int baocao_cms_recipient_set_sha256(CMS_RecipientInfo *info, const EVP_MD *sha256) {
    EVP_PKEY_CTX *context = CMS_RecipientInfo_get0_pkey_ctx(info);
    if (context == NULL) return 0;
    switch (CMS_RecipientInfo_type(info)) {
    case CMS_RECIPINFO_TRANS:
        return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING) > 0
            && EVP_PKEY_CTX_set_rsa_oaep_md(context, sha256) > 0
            && EVP_PKEY_CTX_set_rsa_mgf1_md(context, sha256) > 0;
    case CMS_RECIPINFO_AGREE:
        return EVP_PKEY_CTX_set_ecdh_kdf_md(context, sha256) > 0;
    default:
        return 0;
    }
}

/// A memory BIO whose buffer already holds `capacity` bytes, so that writing up to that
/// much never reallocates: BIO_s_mem grows by a third at a time, copying and wiping the
/// whole buffer each time — for a MiB written in 4 KiB pieces, several times the cost of
/// encrypting it. NULL on failure.
static inline BIO *baocao_bio_new_mem_reserved(size_t capacity) {
    BUF_MEM *buffer = BUF_MEM_new();
    if (buffer == NULL) return NULL;
    if (capacity > 0 && BUF_MEM_grow(buffer, capacity) == 0) {
        BUF_MEM_free(buffer);
        return NULL;
    }
    buffer->length = 0;
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL) {
        BUF_MEM_free(buffer);
        return NULL;
    }
    BIO_set_mem_buf(bio, buffer, BIO_CLOSE);
    return bio;
}

/// A CMS AuthEnvelopedData of the `length` bytes `data` holds, encrypted with `cipher`
/// (AES-256-GCM) to the `count` certificates of `recipients`, each with
/// ``baocao_cms_recipient_set_sha256``; NULL on failure (the reasons on libcrypto's error
/// queue). The ciphertext is written into a buffer reserved for it (``baocao_bio_new_mem_reserved``),
/// which the envelope then owns.
static inline CMS_ContentInfo *baocao_cms_seal(X509 *const *recipients, int count, BIO *data, size_t length,
                                               const EVP_CIPHER *cipher, const EVP_MD *sha256) {
    unsigned int flags = CMS_BINARY | CMS_PARTIAL | CMS_KEY_PARAM;
    CMS_ContentInfo *cms = CMS_AuthEnvelopedData_create(cipher);
    if (cms == NULL) return NULL;
    // The ciphertext inside the envelope (a new one is detached until told otherwise).
    int ok = CMS_set_detached(cms, 0);
    for (int index = 0; ok && index < count; index++) {
        CMS_RecipientInfo *info = CMS_add1_recipient_cert(cms, recipients[index], flags);
        ok = info != NULL && baocao_cms_recipient_set_sha256(info, sha256);
    }
    // CMS_final writes the ciphertext into `sink` and hands its buffer to the envelope
    // (marking the BIO read-only, so freeing the BIO leaves the buffer to the envelope).
    BIO *sink = ok ? baocao_bio_new_mem_reserved(length) : NULL;
    if (sink == NULL || !CMS_final(cms, data, sink, flags)) {
        BIO_free(sink);
        CMS_ContentInfo_free(cms);
        return NULL;
    }
    BIO_free(sink);
    return cms;
}

/// Opens a sealed CMS with `key` through the one recipient info naming `certificate`,
/// decrypting the content straight into `out` (at most `capacity` bytes; `*length` becomes
/// their count) — CMS_decrypt's own steps without its growing intermediate buffer — and
/// checks the GCM tag once the content is read. 1 on success; 0 on failure (no recipient
/// for the certificate, a key that does not unwrap, a tag mismatch, more content than
/// `capacity`), with nothing to be used in `out`.
static inline int baocao_cms_open(CMS_ContentInfo *cms, EVP_PKEY *key, X509 *certificate, unsigned char *out,
                                  size_t capacity, size_t *length) {
    *length = 0;
    if (!CMS_decrypt_set1_pkey_and_peer(cms, key, certificate, NULL)) return 0;
    BIO *content = CMS_dataInit(cms, NULL);
    if (content == NULL) return 0;
    int ok = 0;
    size_t total = 0;
    unsigned char spare[64];
    for (;;) {
        size_t room = capacity - total;
        unsigned char *into = room > 0 ? out + total : spare;
        int chunk = room == 0 ? (int)sizeof(spare) : room > (1u << 20) ? (1 << 20) : (int)room;
        int read = BIO_read(content, into, chunk);
        if (read <= 0) {
            // The end: the cipher BIO has checked the tag (EVP_DecryptFinal).
            ok = read == 0 && BIO_method_type(content) == BIO_TYPE_CIPHER && BIO_get_cipher_status(content) > 0;
            break;
        }
        if (room == 0) break;  // more content than the envelope could hold
        total += (size_t)read;
    }
    BIO_free_all(content);
    if (ok) *length = total;
    return ok;
}

/// Whether the certificate is an encryption certificate: keyUsage present, asserting
/// keyEncipherment for an RSA key or keyAgreement for an EC key, and neither
/// digitalSignature nor nonRepudiation (a unit's encryption key is not its signing key);
/// not a CA.
static inline int baocao_x509_is_for_encryption(X509 *certificate) {
    uint32_t usage = X509_get_key_usage(certificate);
    if (usage == UINT32_MAX || X509_check_ca(certificate) > 0) return 0;
    if ((usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) != 0) return 0;
    EVP_PKEY *key = X509_get0_pubkey(certificate);
    if (key == NULL) return 0;
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA: return (usage & KU_KEY_ENCIPHERMENT) != 0;
    case EVP_PKEY_EC: return (usage & KU_KEY_AGREEMENT) != 0;
    default: return 0;
    }
}

// MARK: - Certificate revocation lists

/// How many certificates a CRL lists (0 for none).
static inline int baocao_x509_crl_entry_count(X509_CRL *crl) {
    STACK_OF(X509_REVOKED) *entries = X509_CRL_get_REVOKED(crl);
    return entries == NULL ? 0 : sk_X509_REVOKED_num(entries);
}

// MARK: - X.509 extensions

/// Adds an extension given in OpenSSL's configuration syntax ("critical,CA:TRUE").
static inline int baocao_x509_add_extension(X509 *certificate, X509 *issuer, int nid, const char *value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, NULL, NULL, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(NULL, &context, nid, value);
    if (extension == NULL) return 0;
    int ok = X509_add_ext(certificate, extension, -1);
    X509_EXTENSION_free(extension);
    return ok;
}

/// Whether the certificate's keyUsage allows digital signatures (or it has no keyUsage).
static inline int baocao_x509_allows_signing(X509 *certificate) {
    uint32_t usage = X509_get_key_usage(certificate);
    if (usage == UINT32_MAX) return 1;
    return (usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) != 0;
}

/// Whether the certificate is a CA (basicConstraints CA:TRUE).
static inline int baocao_x509_is_ca(X509 *certificate) {
    return X509_check_ca(certificate) > 0;
}

/// Whether the certificate's keyUsage asserts nonRepudiation (contentCommitment): what a
/// person's signature with legal standing needs. A certificate without keyUsage does not.
static inline int baocao_x509_allows_non_repudiation(X509 *certificate) {
    uint32_t usage = X509_get_key_usage(certificate);
    if (usage == UINT32_MAX) return 0;
    return (usage & KU_NON_REPUDIATION) != 0;
}

// MARK: - PKCS#11 tokens (libp11's engine)

// The ENGINE API is deprecated in OpenSSL 3.0, but libp11's engine (Debian's
// libengine-pkcs11-openssl) is what reaches a PKCS#11 token's key as an EVP_PKEY that
// CMS_sign uses unchanged. Its calls stay here, and the deprecation warnings are silenced
// here only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <openssl/engine.h>
#include <openssl/crypto.h>

/// Where libcrypto looks for engines: `OPENSSL_ENGINES` or the directory it was built with.
static inline const char *baocao_engines_directory(void) {
    const char *variable = getenv("OPENSSL_ENGINES");
    return variable != NULL && *variable != 0 ? variable : OPENSSL_info(OPENSSL_INFO_ENGINES_DIR);
}

/// libp11's engine, loaded from `so_path` as an engine of its own (not added to
/// libcrypto's list, so each PKCS#11 module gets its own), bound to the PKCS#11 `module`,
/// quiet (libp11 writes nothing to stderr) and initialized; NULL on failure. Kept for the
/// life of the process.
static inline ENGINE *baocao_pkcs11_engine_new(const char *so_path, const char *module) {
    ENGINE *engine = ENGINE_by_id("dynamic");
    if (engine == NULL) return NULL;
    if (!ENGINE_ctrl_cmd_string(engine, "SO_PATH", so_path, 0)
        || !ENGINE_ctrl_cmd_string(engine, "ID", "pkcs11", 0)
        || !ENGINE_ctrl_cmd_string(engine, "LIST_ADD", "0", 0)
        || !ENGINE_ctrl_cmd_string(engine, "LOAD", NULL, 0)
        || !ENGINE_ctrl_cmd_string(engine, "MODULE_PATH", module, 0)
        || !ENGINE_ctrl_cmd_string(engine, "QUIET", NULL, 0)
        || !ENGINE_init(engine)) {
        ENGINE_free(engine);
        return NULL;
    }
    return engine;
}

/// Logs in to the token with `pin` (unless this process is logged in already), loads the
/// private key at `key_uri` and, when `certificate_uri` is not NULL, the certificate at
/// it. Returns 1 with both set, or 0 with neither and the reasons (libp11's "PKCS#11
/// module" errors carry the CKR_ value) on libcrypto's error queue. The engine's copy of
/// the PIN is wiped before returning. Callers serialize calls on one engine.
static inline int baocao_pkcs11_load(ENGINE *engine, const char *pin, const char *key_uri, const char *certificate_uri,
                                     EVP_PKEY **key, X509 **certificate) {
    struct { const char *uri; X509 *certificate; } request = { certificate_uri, NULL };
    *key = NULL;
    *certificate = NULL;
    ERR_clear_error();
    int ok = ENGINE_ctrl_cmd_string(engine, "PIN", pin, 0);
    if (ok) {
        *key = ENGINE_load_private_key(engine, key_uri, NULL, NULL);
        ok = *key != NULL;
    }
    if (ok && certificate_uri != NULL) {
        ok = ENGINE_ctrl_cmd(engine, "LOAD_CERT_CTRL", 0, &request, NULL, 0) && request.certificate != NULL;
    }
    // libp11 keeps the PIN it was given until it is replaced; replacing it wipes it.
    ENGINE_ctrl_cmd_string(engine, "PIN", "", 0);
    if (!ok) {
        EVP_PKEY_free(*key);
        X509_free(request.certificate);
        *key = NULL;
        return 0;
    }
    *certificate = request.certificate;
    return 1;
}
#pragma GCC diagnostic pop

/// The reason of a queued error: for libp11's "PKCS#11 module" library, the CKR_ value.
static inline int baocao_err_reason(unsigned long code) {
    return ERR_GET_REASON(code);
}

// MARK: - Raw signatures

/// A SHA-256 signature over `data` with `key`: PKCS #1 v1.5 for RSA, DER ECDSA for EC,
/// written to `signature` (at most `*length` bytes; `*length` becomes the size). 1 on
/// success, 0 on failure (the reasons on libcrypto's error queue). Works for token keys too.
static inline int baocao_sign_sha256(EVP_PKEY *key, const EVP_MD *sha256, const unsigned char *data, size_t data_length,
                                     unsigned char *signature, size_t *length) {
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    if (context == NULL) return 0;
    int ok = EVP_DigestSignInit(context, NULL, sha256, NULL, key) == 1
        && EVP_DigestSign(context, signature, length, data, data_length) == 1;
    EVP_MD_CTX_free(context);
    return ok;
}

#endif
