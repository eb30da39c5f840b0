import COpenSSL

/// The object identifiers of a sealed envelope, as the content bytes of their DER
/// encoding (compared without decoding), and the names libcrypto gives any other.
enum EnvelopeObjectIdentifier {
    /// 1.2.840.113549.1.9.16.1.23, id-ct-authEnvelopedData (RFC 5083).
    static let authEnvelopedData: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x01, 0x17]
    /// 1.2.840.113549.1.7.3, id-envelopedData: encryption without authentication, refused.
    static let envelopedData: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x03]
    /// 2.16.840.1.101.3.4.1.46, id-aes256-GCM (RFC 5084).
    static let aes256GCM: [UInt8] = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2E]
    /// 2.16.840.1.101.3.4.1.45, id-aes256-wrap (RFC 3394).
    static let aes256Wrap: [UInt8] = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2D]
    /// 1.2.840.113549.1.1.7, id-RSAES-OAEP (RFC 8017).
    static let rsaesOAEP: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x07]
    /// 1.2.840.113549.1.1.8, id-mgf1.
    static let mgf1: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x08]
    /// 1.3.132.1.11.1, dhSinglePass-stdDH-sha256kdf-scheme (RFC 5753): ECDH, ephemeral-static,
    /// the X9.63 KDF with SHA-256.
    static let ecdhSHA256KDF: [UInt8] = [0x2B, 0x81, 0x04, 0x01, 0x0B, 0x01]

    /// libcrypto's long name of an object identifier given by its content bytes ("aes-128-gcm",
    /// "rsaEncryption"), or its dotted form when libcrypto has no name for it.
    static func name(_ content: ArraySlice<UInt8>) -> String {
        let der = [0x06, UInt8(truncatingIfNeeded: content.count)] + Array(content.prefix(127))
        let object: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_ASN1_OBJECT(nil, &cursor, buffer.count)
        }
        guard let object else {
            ERR_clear_error()
            return "không rõ"
        }
        defer { ASN1_OBJECT_free(object) }
        let nid = OBJ_obj2nid(object)
        if nid != NID_undef, let name = OBJ_nid2ln(nid) { return String(cString: name) }
        var buffer = [CChar](repeating: 0, count: 128)
        let length = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1)
        return length > 0 ? String(decoding: buffer.prefix(Int(min(length, 127))).map { UInt8(bitPattern: $0) }, as: UTF8.self) : "không rõ"
    }
}
