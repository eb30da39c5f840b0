import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// The parts of a `multipart/form-data` body (a form with a file): each field's name, and
/// for a file its name, declared type and bytes. Parsed by MultipartKit.
struct MultipartBody {
    struct Field {
        var name = ""
        var fileName: String?
        var contentType: String?
        var data = Data()
    }

    let fields: [Field]

    /// The boundary of a `multipart/form-data` content type, if it is one.
    static func boundary(of contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    init(_ buffer: ByteBuffer, boundary: String) throws {
        var fields: [Field] = []
        var current = Field()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in
            switch name.lowercased() {
            case "content-disposition":
                for parameter in value.split(separator: ";").dropFirst() {
                    let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard pair.count == 2 else { continue }
                    let text = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                    if pair[0] == "name" { current.name = text }
                    if pair[0] == "filename" { current.fileName = text.precomposedStringWithCanonicalMapping }
                }
            case "content-type":
                current.contentType = value
            default:
                break
            }
        }
        parser.onBody = { body in current.data.append(contentsOf: body.readableBytesView) }
        parser.onPartComplete = {
            fields.append(current)
            current = Field()
        }
        try parser.execute(buffer)
        self.fields = fields
    }

    /// A text field's value (NFC).
    subscript(_ name: String) -> String? {
        fields.first { $0.name == name && $0.fileName == nil }.map { String(decoding: $0.data, as: UTF8.self).precomposedStringWithCanonicalMapping }
    }

    /// A file field, if a file was chosen.
    func file(_ name: String) -> Field? {
        fields.first { $0.name == name && $0.fileName.map { !$0.isEmpty } == true }
    }

    /// Reads a request's multipart body (collected, so later readers see it too).
    static func read(_ request: inout Request, context: some RequestContext) async throws -> MultipartBody? {
        guard let boundary = boundary(of: request.headers[.contentType]) else { return nil }
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return try MultipartBody(buffer, boundary: boundary)
    }
}
