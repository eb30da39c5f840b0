import BaoCaoBundle
import BaoCaoCore
import COpenSSL
import Foundation

/// Seals a 1 MiB transfer (a person's record with its scans) to three recipients — one RSA
/// 2048 encryption certificate (RSA-OAEP SHA-256) and two EC P-256 ones (ECDH SHA-256) — and
/// opens it with each recipient's key in turn, each as a whole DER CMS AuthEnvelopedData
/// (``SealedEnvelope``); beside it, in the same rounds, raw libcrypto on the same bytes: one
/// AES-256-GCM encryption (or decryption with its tag checked) of the MiB, and the key
/// management alone — one RSA-OAEP encryption and two ephemeral ECDH derivations to seal,
/// the RSA-OAEP decryption or the ECDH derivation of the recipient to open.
struct SealBenchmark {
    /// Envelopes per round; seven rounds.
    let perRound: Int

    static let size = 1 << 20

    func run() throws -> [BenchmarkRow] {
        let now = Date()
        let topology = try Topology(units: [
            ReportingUnit(code: "17", name: "Tỉnh Hoà Bình", kind: .province),
            ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "17"),
        ])
        let rsa = try DevelopmentPKI.make(topology: topology, keyKind: .rsa2048, now: now)
        let ec = try DevelopmentPKI.make(topology: topology, keyKind: .ecP256, now: now)
        let identities = [rsa.units["05290"]!.encryption, ec.units["05290"]!.encryption, ec.units["17"]!.encryption]
        let recipients = identities.map(\.certificate)
        let raw = try RawSeal()
        let contents = (0..<perRound).map { index in
            var bytes = Data(count: Self.size)
            bytes.withUnsafeMutableBytes { raw in _ = RAND_bytes(raw.bindMemory(to: UInt8.self).baseAddress, Int32(raw.count)) }
            bytes[0] = UInt8(index & 0xFF)
            return bytes
        }

        var sealRates: [Double] = [], rawSealRates: [Double] = [], openRates: [Double] = [], rawOpenRates: [Double] = []
        var envelopes: [Data] = []
        for _ in 0..<7 {
            var sealed: [Data] = []
            let sealSeconds = try measure {
                for content in contents { sealed.append(try SealedEnvelope.seal(content, to: recipients)) }
            }
            sealRates.append(Double(perRound) / sealSeconds)
            var rawSealed: [RawSeal.Sealed] = []
            let rawSealSeconds = try measure {
                for content in contents { rawSealed.append(try raw.seal(content)) }
            }
            rawSealRates.append(Double(perRound) / rawSealSeconds)

            var opened = 0
            let openSeconds = try measure {
                for (index, envelope) in sealed.enumerated() {
                    let content = try SealedEnvelope.open(envelope, with: identities[index % identities.count])
                    if content.count == Self.size { opened += 1 }
                }
            }
            guard opened == perRound else { throw BenchmarkFailure("only \(opened) of \(perRound) envelopes opened") }
            openRates.append(Double(perRound) / openSeconds)
            let rawOpenSeconds = try measure {
                for (index, item) in rawSealed.enumerated() { _ = try raw.open(item, recipient: index % 3) }
            }
            rawOpenRates.append(Double(perRound) / rawOpenSeconds)
            envelopes = sealed
        }
        guard let first = envelopes.first, try SealedEnvelope.recipients(of: first).count == 3 else {
            throw BenchmarkFailure("the envelope does not name three recipients")
        }
        return [
            BenchmarkRow(name: "Seal a 1 MiB transfer to 3 recipients (RSA-OAEP + 2 ECDH, AES-256-GCM)", figure: median(sealRates),
                         unit: "envelopes/s", reference: median(rawSealRates),
                         referenceName: "raw libcrypto: AES-256-GCM of the MiB + 1 RSA-OAEP + 2 ECDH", goalRatio: 0.5),
            BenchmarkRow(name: "Open a 1 MiB sealed transfer (each recipient in turn)", figure: median(openRates),
                         unit: "envelopes/s", reference: median(rawOpenRates),
                         referenceName: "raw libcrypto: AES-256-GCM decrypt + RSA-OAEP decrypt or ECDH", goalRatio: 0.5),
        ]
    }
}

/// The raw reference: AES-256-GCM over the bytes with a fresh key and nonce, the key given
/// to one RSA 2048 key by RSA-OAEP (SHA-256, MGF1-SHA-256) and agreed with two P-256 keys by
/// ephemeral ECDH — no KDF, no key wrap, no structure around it.
final class RawSeal {
    final class Sealed {
        let ciphertext: [UInt8]
        let tag: [UInt8]
        let nonce: [UInt8]
        let key: [UInt8]
        let wrapped: [UInt8]
        /// The ephemeral key pairs of the two agreements (their public halves travel).
        let ephemeral: [OpaquePointer]

        init(ciphertext: [UInt8], tag: [UInt8], nonce: [UInt8], key: [UInt8], wrapped: [UInt8], ephemeral: [OpaquePointer]) {
            (self.ciphertext, self.tag, self.nonce, self.key, self.wrapped, self.ephemeral) = (ciphertext, tag, nonce, key, wrapped, ephemeral)
        }

        deinit { ephemeral.forEach { EVP_PKEY_free($0) } }
    }

    /// RSA 2048, then two EC P-256 keys.
    private let keys: [OpaquePointer]
    private let cipher: OpaquePointer

    init() throws {
        guard let rsa = baocao_generate_rsa(2048), let ec1 = baocao_generate_ec_p256(), let ec2 = baocao_generate_ec_p256(),
              let cipher = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil) else { throw BenchmarkFailure("raw keys") }
        keys = [rsa, ec1, ec2]
        self.cipher = cipher
    }

    deinit {
        keys.forEach { EVP_PKEY_free($0) }
        EVP_CIPHER_free(cipher)
    }

    func seal(_ content: Data) throws -> Sealed {
        var key = [UInt8](repeating: 0, count: 32), nonce = [UInt8](repeating: 0, count: 12)
        guard RAND_bytes(&key, 32) == 1, RAND_bytes(&nonce, 12) == 1 else { throw BenchmarkFailure("rand") }
        let (ciphertext, tag) = try gcm(content, key: key, nonce: nonce, encrypt: true, tag: nil)
        // RSA-OAEP SHA-256 of the key.
        guard let context = EVP_PKEY_CTX_new(keys[0], nil) else { throw BenchmarkFailure("ctx") }
        defer { EVP_PKEY_CTX_free(context) }
        var length = 256
        var wrapped = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_encrypt_init(context) == 1, EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING) > 0,
              EVP_PKEY_CTX_set_rsa_oaep_md(context, SHA256Digest.algorithm) > 0, EVP_PKEY_CTX_set_rsa_mgf1_md(context, SHA256Digest.algorithm) > 0,
              EVP_PKEY_encrypt(context, &wrapped, &length, key, key.count) == 1 else { throw BenchmarkFailure("oaep") }
        // Two ephemeral-static ECDH agreements.
        var ephemeral: [OpaquePointer] = []
        for recipient in keys[1...] {
            guard let pair = baocao_generate_ec_p256() else { throw BenchmarkFailure("ephemeral") }
            ephemeral.append(pair)
            _ = try derive(pair, peer: recipient)
        }
        return Sealed(ciphertext: ciphertext, tag: tag, nonce: nonce, key: key, wrapped: Array(wrapped.prefix(length)), ephemeral: ephemeral)
    }

    /// Opens as recipient 0 (RSA), 1 or 2 (EC); returns the plaintext size.
    func open(_ sealed: Sealed, recipient: Int) throws -> Int {
        if recipient == 0 {
            guard let context = EVP_PKEY_CTX_new(keys[0], nil) else { throw BenchmarkFailure("ctx") }
            defer { EVP_PKEY_CTX_free(context) }
            var length = 256
            var key = [UInt8](repeating: 0, count: length)
            guard EVP_PKEY_decrypt_init(context) == 1, EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING) > 0,
                  EVP_PKEY_CTX_set_rsa_oaep_md(context, SHA256Digest.algorithm) > 0, EVP_PKEY_CTX_set_rsa_mgf1_md(context, SHA256Digest.algorithm) > 0,
                  EVP_PKEY_decrypt(context, &key, &length, sealed.wrapped, sealed.wrapped.count) == 1, length == 32 else { throw BenchmarkFailure("oaep decrypt") }
        } else {
            _ = try derive(keys[recipient], peer: sealed.ephemeral[recipient - 1])
        }
        let (plaintext, _) = try gcm(sealed.ciphertext, key: sealed.key, nonce: sealed.nonce, encrypt: false, tag: sealed.tag)
        return plaintext.count
    }

    private func derive(_ key: OpaquePointer, peer: OpaquePointer) throws -> [UInt8] {
        guard let context = EVP_PKEY_CTX_new(key, nil) else { throw BenchmarkFailure("ctx") }
        defer { EVP_PKEY_CTX_free(context) }
        var length = 32
        var secret = [UInt8](repeating: 0, count: 32)
        guard EVP_PKEY_derive_init(context) == 1, EVP_PKEY_derive_set_peer(context, peer) == 1,
              EVP_PKEY_derive(context, &secret, &length) == 1 else { throw BenchmarkFailure("ecdh") }
        return secret
    }

    private func gcm(_ input: some ContiguousBytes, key: [UInt8], nonce: [UInt8], encrypt: Bool, tag: [UInt8]?) throws -> ([UInt8], [UInt8]) {
        guard let context = EVP_CIPHER_CTX_new() else { throw BenchmarkFailure("cipher ctx") }
        defer { EVP_CIPHER_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: input.withUnsafeBytes { $0.count } + 16)
        var length: Int32 = 0, final: Int32 = 0
        guard EVP_CipherInit_ex(context, cipher, nil, key, nonce, encrypt ? 1 : 0) == 1 else { throw BenchmarkFailure("gcm init") }
        let updated = input.withUnsafeBytes { raw in
            EVP_CipherUpdate(context, &output, &length, raw.bindMemory(to: UInt8.self).baseAddress, Int32(raw.count))
        }
        guard updated == 1 else { throw BenchmarkFailure("gcm update") }
        var tagBytes = tag ?? [UInt8](repeating: 0, count: 16)
        if !encrypt, EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_TAG, 16, &tagBytes) != 1 { throw BenchmarkFailure("gcm tag") }
        guard output.withUnsafeMutableBufferPointer({ EVP_CipherFinal_ex(context, $0.baseAddress! + Int(length), &final) }) == 1 else {
            throw BenchmarkFailure("gcm final (tag)")
        }
        if encrypt, EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_GET_TAG, 16, &tagBytes) != 1 { throw BenchmarkFailure("gcm tag") }
        output.removeLast(output.count - Int(length + final))
        return (output, tagBytes)
    }
}
