import Foundation

/// The PEM text of a DER encoding (RFC 7468): base64 in lines of 64, between a BEGIN and
/// an END line, as `PEM_write_bio_*` writes it.
///
/// Why not libcrypto: once the DER exists nothing here can fail, so certificates and
/// requests offer their PEM as a plain property instead of one that throws.
enum PEM {
    static func encode(_ der: Data, label: String) -> Data {
        let body = der.base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return Data("-----BEGIN \(label)-----\n\(body)\n-----END \(label)-----\n".utf8)
    }
}
