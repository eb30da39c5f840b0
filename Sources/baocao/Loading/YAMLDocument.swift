import Foundation
import Yams

/// Decodes configuration and catalog files (YAML; JSON is valid YAML too), turning
/// decoding failures into a Vietnamese line that names the file and the field.
enum YAMLDocument {
    static func decode<T: Decodable>(_ type: T.Type, fromFile path: String) throws -> T {
        let text = try TextFile.read(path)
        do {
            return try YAMLDecoder().decode(type, from: text)
        } catch let error as DecodingError {
            throw CLIError("Tệp \(path): \(describe(error)).")
        } catch let error as YamlError {
            throw CLIError("Tệp \(path) không phải YAML hợp lệ: \(describe(error)).")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { key in key.intValue.map { "[\($0)]" } ?? "." + key.stringValue }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "(gốc)" : text)
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "" : " trong \(path(context.codingPath))"
            return "thiếu trường \"\(key.stringValue)\"\(parent)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "trường \(path(context.codingPath)) có giá trị sai kiểu"
        case .dataCorrupted(let context):
            return "trường \(path(context.codingPath)) không hợp lệ (\(context.debugDescription))"
        @unknown default:
            return "nội dung không hợp lệ"
        }
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return "\(problem) ở dòng \(mark.line), cột \(mark.column)"
        default:
            return "\(error)"
        }
    }
}
