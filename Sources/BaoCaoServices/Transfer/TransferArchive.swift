import Foundation

/// The bundles waiting to go up, zipped for a download (``TransferService/exportArchive(by:at:)``).
public struct TransferArchive: Sendable {
    /// The ZIP file.
    public let data: Data
    /// How many bundles it holds.
    public let count: Int
    /// The name to save it under: `baocao-<unit>-<yyyymmdd>.zip`, the day in Vietnam.
    public let fileName: String
}
