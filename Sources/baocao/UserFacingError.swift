import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import BaoCaoExchange
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation

/// Errors raised by the command line itself (bad files, bad arguments), with a
/// Vietnamese message.
struct CLIError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
    init(_ message: String) { self.message = message }
}

/// Turns any error the domain or the store raises into the one line a person reads.
enum UserFacingError {
    static func line(for error: any Error) -> String? {
        // A full disk or read-only storage, whichever layer noticed it (SQLite, a file write).
        if let storage = StoreError.storageFailure(from: error) { return storage.message }
        return switch error {
        case let error as CLIError: error.message
        case let error as CellErrors: error.description   // every wrong cell, one per line
        case let error as any CodedError: error.message  // every domain's DomainError
        case let error as CocoaError:
            "Không đọc hoặc ghi được tệp \(error.filePath ?? (error.userInfo[NSFilePathErrorKey] as? String) ?? "") "
                + "(\(error.code == .fileNoSuchFile || error.code == .fileReadNoSuchFile ? "không tồn tại" : "lỗi \(error.code.rawValue)"))."
        default: RefusedArgument.message(answering: error)   // a regime, period or unit on the command line
        }
    }

    /// 1 for refused input, 2 for problems with the node's own storage.
    static func exitCode(for error: any Error) -> Int32 {
        if let failure = error as? NodeError { return failure.isStorageCondition || failure.code == .notStored ? 2 : 1 }
        return error is StoreError || StoreError.storageFailure(from: error) != nil ? 2 : 1
    }
}
