import BaoCaoCore
import Foundation

/// Reading people's files: UTF-8 only for now, NFC on the way in.
enum TextFile {
    static func read(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError("Không tìm thấy tệp \(path).")
        }
        guard !isDirectory.boolValue else { throw CLIError("\(path) là một thư mục, không phải tệp.") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("Không đọc được tệp \(path) (kiểm tra quyền truy cập).")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw CLIError("Tệp \(path) không phải văn bản UTF-8. Hãy lưu lại tệp với bảng mã Unicode (UTF-8).")
        }
        return text.nfc
    }

    /// The file's name for messages: as the user typed it.
    static func displayName(_ path: String) -> String { path }
}
