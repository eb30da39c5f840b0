/// One entered value of a report: its text in canonical form and whether it is an
/// estimate (ước tính) or final (chính thức).
///
/// Numbers are canonical decimal strings (`1245.5`), yes/no values are `true`/`false`,
/// text is NFC. The typed reading is ``number``.
public struct ReportValue: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case estimated, final

        public var vietnameseName: String { self == .estimated ? "ước tính" : "chính thức" }
    }

    public var text: String
    public var status: Status

    public init(text: String, status: Status = .final) {
        self.text = text.nfc
        self.status = status
    }

    public init(_ number: ExactDecimal, status: Status = .final) {
        self.text = number.description   // ASCII: NFC already
        self.status = status
    }

    /// The value as an exact number, if it is one.
    public var number: ExactDecimal? { try? ExactDecimal(canonical: text) }

    private enum CodingKeys: String, CodingKey { case text = "value", status }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            text: try c.decode(String.self, forKey: .text),
            status: try c.decodeIfPresent(Status.self, forKey: .status) ?? .final)
    }
}
