import Foundation

/// Parsed certificates by their DER, so that the certificates bundles carry
/// are parsed once per node rather than once per bundle. A certificate is immutable and
/// identified by its bytes, so a cached one is the same certificate; nothing about its
/// trust is cached here.
final class CertificateCache: @unchecked Sendable {
    static let shared = CertificateCache()

    private var entries: [Data: Certificate] = [:]
    private let lock = NSLock()
    private let limit = 8192

    func certificate(der: Data) throws -> Certificate {
        if let cached = lock.withLock({ entries[der] }) { return cached }
        let certificate = try Certificate(der: der)
        lock.withLock {
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[der] = certificate
        }
        return certificate
    }
}
