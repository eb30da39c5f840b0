import BaoCaoBundle
import BaoCaoCore
import Foundation
import GRDB

/// A bundle that reached its recipient here.
public struct Arrival: Sendable {
    public let bundleId: String
    public let kind: BundleKind
    public let sender: UnitCode
    public let about: [String: String]
    public let at: Date
}

/// What to write, in the bundle's own commit, when a bundle for this node arrives: the
/// services layer hands in the audit log's append.
public struct ArrivalRecorder: Sendable {
    public let record: @Sendable (Arrival, Database) throws -> Void

    public init(_ record: @escaping @Sendable (Arrival, Database) throws -> Void) {
        self.record = record
    }
}
