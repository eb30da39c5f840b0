#ifndef BAOCAO_COPENSSL_SHIM_H
#define BAOCAO_COPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

// OpenSSL exposes these as macros, which Swift cannot import; wrap them.

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

static inline int baocao_sk_X509_push(STACK_OF(X509) *stack, X509 *certificate) {
    return sk_X509_push(stack, certificate);
}

static inline void baocao_sk_X509_pop_free(STACK_OF(X509) *stack) {
    sk_X509_pop_free(stack, X509_free);
}

static inline void baocao_sk_X509_free(STACK_OF(X509) *stack) {
    sk_X509_free(stack);
}

#endif
