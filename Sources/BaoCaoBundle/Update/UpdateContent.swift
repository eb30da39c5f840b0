import BaoCaoCore
import Foundation

/// The signed description of a software update (`update.json`): which version of the
/// program the package installs, for which architecture, and the package's name, size and
/// SHA-256 — so the package kept on a node can be checked again, long after the bundle's
/// signature was, right before it is installed. Like a release, each update names the hash
/// of the one before it (a chain a node can show and audit).
public struct UpdateContent: Sendable, Hashable, Codable {
    public static let formatVersion = 1

    public var formatVersion: Int
    /// The province that publishes it.
    public var publisher: UnitCode
    /// The version the package installs: it must be greater than the last update taken.
    public var version: SoftwareVersion
    /// The Debian architecture the package is built for (`amd64`).
    public var architecture: String
    /// The package's file name as published (`baocao_0.2.0_amd64.deb`).
    public var packageName: String
    public var packageSize: Int
    /// SHA-256 of the package, hex.
    public var packageSHA256: String
    /// What changed, for the admins who decide when to install it (Vietnamese).
    public var notes: String
    /// The hash of the previous update's `update.json`; `nil` for the province's first.
    public var previousHash: String?
    public var publishedAt: Date

    public init(publisher: UnitCode, version: SoftwareVersion, architecture: String, packageName: String, packageSize: Int,
                packageSHA256: String, notes: String, previousHash: String?, publishedAt: Date) {
        self.formatVersion = Self.formatVersion
        self.publisher = publisher
        self.version = version
        self.architecture = architecture
        self.packageName = packageName
        self.packageSize = packageSize
        self.packageSHA256 = packageSHA256
        self.notes = notes
        self.previousHash = previousHash
        self.publishedAt = publishedAt
    }

    /// Canonical bytes: sorted keys, ISO 8601 times. The update's hash is their SHA-256.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    public init(decoding data: Data) throws(BundleError) {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            self = try decoder.decode(UpdateContent.self, from: data)
        } catch {
            throw BundleError.invalidUpdate("\(SoftwareUpdatePart.description) không đúng định dạng (\(error))")
        }
        guard formatVersion == Self.formatVersion else {
            throw BundleError.invalidUpdate("phiên bản định dạng \(formatVersion) không được hỗ trợ")
        }
    }

    /// Whether `package` is the package this description names: same size, same SHA-256.
    public func describes(package: Data) -> Bool {
        package.count == packageSize && SHA256Digest.hex(of: package) == packageSHA256.lowercased()
    }
}
