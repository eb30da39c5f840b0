import ArgumentParser
import BaoCaoCore
import Foundation

struct TextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Văn bản tiếng Việt: chuyển tệp từ bảng mã cũ (TCVN3, VNI) sang Unicode.",
        subcommands: [Convert.self]
    )

    /// Where the text comes from: a named legacy encoding, or detected.
    enum SourceEncoding: String, CaseIterable, ExpressibleByArgument {
        case auto, tcvn3, vni

        var legacyEncoding: LegacyVietnameseEncoding? {
            switch self {
            case .auto: nil
            case .tcvn3: .tcvn3
            case .vni: .vni
            }
        }
    }

    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Chuyển một tệp văn bản sang Unicode (UTF-8, dạng chuẩn NFC).",
            discussion: """
                Dòng đã là Unicode có chữ tiếng Việt thật được giữ nguyên. Với --from auto, bảng mã được \
                nhận ra từ chính nội dung tệp; khi không chắc chắn, lệnh dừng và yêu cầu chọn --from tcvn3 \
                hoặc --from vni. Kết quả ghi ra tệp --output hoặc ra màn hình; thông báo ghi ra luồng lỗi.
                """
        )

        @Option(name: .long, help: "Bảng mã của tệp: auto (tự nhận ra), tcvn3 (ABC, .VnTime) hoặc vni (VNI-Times).")
        var from: SourceEncoding = .auto

        @Option(name: .long, help: "Tệp kết quả; mặc định ghi ra màn hình.")
        var output: String?

        @Argument(help: "Tệp cần chuyển.")
        var file: String

        func run() throws {
            let bytes = try Self.readBytes(file)
            let conversion = try LegacyVietnamese.convert(bytes, from: from.legacyEncoding, fileName: file)
            let data = Data(conversion.text.utf8)
            if let output {
                do {
                    try data.write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    throw CLIError("Không ghi được tệp \(output) (kiểm tra thư mục và quyền ghi).")
                }
            } else {
                FileHandle.standardOutput.write(data)
            }
            FileHandle.standardError.write(Data((report(conversion, wasASCII: bytes.allSatisfy { $0 < 0x80 }) + "\n").utf8))
        }

        /// What was done, in one or two sentences.
        func report(_ conversion: LegacyConversion, wasASCII: Bool) -> String {
            guard let encoding = conversion.encoding else {
                var text = wasASCII
                    ? "Tệp chỉ có ký tự ASCII; không chuyển đổi dòng nào."
                    : "Tệp đã là Unicode (UTF-8); không chuyển đổi dòng nào."
                if conversion.normalizedLineCount > 0 {
                    text += " Đã chuẩn hoá NFC \(conversion.normalizedLineCount) dòng."
                }
                return text
            }
            var text = "Bảng mã: \(encoding.displayName)\(from == .auto ? " (tự nhận ra)" : ""). "
                + "Đã chuyển \(conversion.convertedCount)/\(conversion.lineCount) dòng sang Unicode."
            if conversion.garbledLineCount > 0 {
                text += " Trong đó \(conversion.garbledLineCount) dòng là chữ \(encoding.displayName) đã bị lưu dưới dạng Unicode."
            }
            if conversion.unicodeLineCount > 0 {
                text += " Giữ nguyên \(conversion.unicodeLineCount) dòng đã là Unicode."
            }
            return text
        }

        static func readBytes(_ path: String) throws -> [UInt8] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError("Không tìm thấy tệp \(path).")
            }
            guard !isDirectory.boolValue else { throw CLIError("\(path) là một thư mục, không phải tệp.") }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("Không đọc được tệp \(path) (kiểm tra quyền truy cập).")
            }
            return Array(data)
        }
    }
}
