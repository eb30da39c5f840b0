import BaoCaoCore
import BaoCaoStore

/// The namespace of ``NodeError``'s codes.
public enum NodeDomain {}

/// An error of the node itself (not a verdict on what was offered to it): a bundle it
/// could not store, storage it cannot write. See ``CodedError``.
public typealias NodeError = DomainError<NodeDomain>

extension ErrorCode where Domain == NodeDomain {
    /// The bundle was fine but could not be stored; offered again, it may be.
    public static let notStored = Self("notStored")
    /// The disk holding the node's data is full.
    public static let diskFull = Self("diskFull")
    /// The node's data sits on read-only storage.
    public static let readOnly = Self("readOnly")
    /// The signed copies of what was sent to the national system cannot be read.
    public static let nationalArchive = Self("nationalArchive")
}

extension NodeError {
    /// What a failure to store a bundle is, in words that may travel to the node that sent
    /// it: a full disk or read-only storage as such (without this node's folders), anything
    /// else as "not stored, offer it again" — the cause goes to the log only.
    public static func notStored(_ error: any Error, file: String = #fileID, line: UInt = #line) -> NodeError {
        if let error = error as? NodeError { return error }
        if let storage = StoreError.storageFailure(from: error)?.withoutLocation {
            return NodeError(storage.code == .diskFull ? .diskFull : .readOnly, message: storage.message, log: storage.logDescription,
                             file: file, line: line)
        }
        let cause = (error as? any CodedError)?.logDescription ?? "\(error)"
        return NodeError(.notStored, message: "Nút nhận chưa lưu được gói tin này; gói tin vẫn được giữ ở nơi gửi và sẽ được gửi lại.",
                         log: "bundle not stored: \(cause)", file: file, line: line)
    }

    /// Whether this node cannot write at all right now (full disk, read-only storage):
    /// then nothing it is offered can be stored, whichever bundle it is.
    public var isStorageCondition: Bool { code == .diskFull || code == .readOnly }
}
