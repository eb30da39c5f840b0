import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body, in order, NFC.
public struct FormBody: Sendable {
    public let fields: [(name: String, value: String)]

    public init(fields: [(name: String, value: String)]) {
        self.fields = fields
    }

    /// Parses a body; `+` is a space, `%XX` a byte of UTF-8.
    public init(encoded text: String) {
        var fields: [(String, String)] = []
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding?.precomposedStringWithCanonicalMapping ?? ""
            }
            fields.append((decode(parts[0]), parts.count > 1 ? decode(parts[1]) : ""))
        }
        self.fields = fields
    }

    /// Reads a request's body (collected, so later readers see it too).
    public static func read(_ request: inout Request, context: some RequestContext) async throws -> FormBody {
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return FormBody(encoded: String(buffer: buffer))
    }

    public subscript(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Every field whose name starts with `prefix`, the prefix removed.
    public func prefixed(_ prefix: String) -> [(name: String, value: String)] {
        fields.filter { $0.name.hasPrefix(prefix) }.map { (String($0.name.dropFirst(prefix.count)), $0.value) }
    }
}
