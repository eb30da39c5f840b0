import BaoCaoCore

/// The namespace of ``StoreError``'s codes.
public enum StoreDomain {}

/// An error from the node's database. See ``CodedError``.
public typealias StoreError = DomainError<StoreDomain>

extension ErrorCode where Domain == StoreDomain {
    public static let notADatabase = Self("notADatabase")
    public static let corrupt = Self("corrupt")
    public static let newerSchema = Self("newerSchema")
    public static let cannotOpen = Self("cannotOpen")
    public static let notInitialized = Self("notInitialized")
    public static let otherUnit = Self("otherUnit")
    public static let invalidStoredData = Self("invalidStoredData")
    public static let diskFull = Self("diskFull")
    public static let readOnly = Self("readOnly")
}

extension StoreError {
    static func notADatabase(_ path: String) -> StoreError {
        StoreError(.notADatabase,
            message: "Tệp \(path) không phải là cơ sở dữ liệu BaoCao (SQLite). Tệp được giữ nguyên; hãy kiểm tra đường dẫn trong cấu hình hoặc phục hồi từ bản sao lưu.",
            log: "not an SQLite database: \(path)")
    }

    static func corrupt(_ path: String, detail: String) -> StoreError {
        StoreError(.corrupt,
            message: "Cơ sở dữ liệu \(path) bị hỏng (\(detail)). Tệp được giữ nguyên; hãy phục hồi từ bản sao lưu (baocao restore).",
            log: "corrupt database \(path): \(detail)")
    }

    static func newerSchema(_ path: String, unknown: [String]) -> StoreError {
        StoreError(.newerSchema,
            message: "Cơ sở dữ liệu \(path) do một phiên bản BaoCao mới hơn tạo ra (lược đồ \(unknown.joined(separator: ", "))). Hãy cập nhật BaoCao; tệp được giữ nguyên.",
            log: "database \(path) has migrations unknown to this build: \(unknown)")
    }

    static func cannotOpen(_ path: String, detail: String) -> StoreError {
        StoreError(.cannotOpen,
            message: "Không mở được cơ sở dữ liệu \(path): \(detail).",
            log: "cannot open database \(path): \(detail)")
    }

    static func invalidStoredData(_ what: String) -> StoreError {
        StoreError(.invalidStoredData,
            message: "Dữ liệu lưu trong cơ sở dữ liệu không đọc được (\(what)). Hãy chạy baocao status để kiểm tra hoặc phục hồi từ bản sao lưu.",
            log: "invalid stored data: \(what)")
    }

    public static func notInitialized() -> StoreError {
        StoreError(.notInitialized,
            message: "Nút chưa được khởi tạo. Hãy chạy baocao init --config <tệp cấu hình> trước.",
            log: "node not initialized")
    }
}
