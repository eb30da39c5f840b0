/// How often a report comes back: the kind of a ``Period``.
///
/// A struct rather than a public enum, so that a kind added later (weekly, say) breaks no
/// one who switches over it. Encoded as its raw value: `monthly`, `quarterly`,
/// `halfYear`, `nineMonths`, `yearly`, `adHoc`.
public struct PeriodKind: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    /// The name shown to users: "Tháng", "Quý", "6 tháng", "9 tháng", "Năm", "Đột xuất".
    public let displayName: String
    /// Position in ``all``, used to order periods that cover the same days.
    let rank: Int

    private init(_ rawValue: String, _ displayName: String, rank: Int) {
        self.rawValue = rawValue
        self.displayName = displayName
        self.rank = rank
    }

    /// One calendar month: `2026-11`.
    public static let monthly = PeriodKind("monthly", "Tháng", rank: 0)
    /// One quarter: `2026-Q4`.
    public static let quarterly = PeriodKind("quarterly", "Quý", rank: 1)
    /// Half a year: `2026-H1` or `2026-H2`.
    public static let halfYear = PeriodKind("halfYear", "6 tháng", rank: 2)
    /// The first nine months, a provincial practice: `2026-9M`.
    public static let nineMonths = PeriodKind("nineMonths", "9 tháng", rank: 3)
    /// A whole year: `2026`.
    public static let yearly = PeriodKind("yearly", "Năm", rank: 4)
    /// Explicit dates, for ad hoc (đột xuất) reports: `2026-03-01..2026-03-20`.
    public static let adHoc = PeriodKind("adHoc", "Đột xuất", rank: 5)

    /// Every kind, from the shortest regular one to ad hoc.
    public static let all: [PeriodKind] = [.monthly, .quarterly, .halfYear, .nineMonths, .yearly, .adHoc]

    /// The kind with this raw value.
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidPeriodKind`` for any other text.
    public init(rawValue: String) throws {
        guard let kind = Self.all.first(where: { $0.rawValue == rawValue }) else {
            throw CoreError.invalidPeriodKind(rawValue)
        }
        self = kind
    }

    public var description: String { rawValue }

    // Equality and hashing on the raw value alone: it is the identity.
    public static func == (lhs: PeriodKind, rhs: PeriodKind) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

extension PeriodKind: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(rawValue: text)
        } catch let error as CoreError {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.message, underlyingError: error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
