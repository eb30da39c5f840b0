import BaoCaoCore
import CXlsxWriter
import Foundation

/// A workbook made with libxlsxwriter, which writes to a file: `build` fills it, and its
/// bytes come back; the temporary file is always removed. A failure to write (a full
/// disk, no permission) is a clear error and leaves nothing behind.
enum XlsxFile {
    static func bytes(_ build: (UnsafeMutablePointer<lxw_workbook>) throws -> Void) throws -> Data {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write(to: path, build)
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ExchangeError(.storageFailure, message: "Không đọc lại được tệp Excel vừa tạo.", log: "xlsx read back: \(error)")
        }
    }

    private static func write(to path: String, _ build: (UnsafeMutablePointer<lxw_workbook>) throws -> Void) throws {
        guard let workbook = workbook_new(path) else {
            throw ExchangeError(.storageFailure, message: "Không tạo được tệp Excel \(path).", log: "workbook_new failed: \(path)")
        }
        do {
            try build(workbook)
        } catch {
            _ = workbook_close(workbook)
            throw error
        }
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else {
            throw ExchangeError(.storageFailure, message: "Không ghi được tệp Excel \(path) (đĩa đầy hoặc không có quyền ghi?).",
                                log: "workbook_close: \(String(cString: lxw_strerror(result)))")
        }
    }
}
