/// A version of the `baocao` program: `MAJOR.MINOR.PATCH`, optionally followed by a Debian
/// revision `-N` (the `.deb`'s `Version` field may carry one). Strictly ordered by its
/// numbers, left to right, a missing revision counting as 0: an update is taken only when
/// its version is greater than the last one taken, so the order must be total and leave no
/// room for two spellings of one version ("1.2" or "01.2.0" are refused, not read).
public struct SoftwareVersion: TextRepresentable, Comparable {
    public let major: Int
    public let minor: Int
    public let patch: Int
    /// The Debian revision (`0.2.0-3` → 3), `nil` when the version has none.
    public let revision: Int?

    public init(_ major: Int, _ minor: Int, _ patch: Int, revision: Int? = nil) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.revision = revision
    }

    /// Reads `MAJOR.MINOR.PATCH[-N]`: decimal numbers without leading zeros.
    ///
    /// #### Errors
    /// ``CoreError`` `invalidSoftwareVersion` naming the text, for anything else.
    public init(parsing text: String) throws {
        let halves = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let numbers = halves[0].split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3, let major = Self.number(numbers[0]), let minor = Self.number(numbers[1]),
              let patch = Self.number(numbers[2]) else { throw Self.invalid(text) }
        var revision: Int?
        if halves.count == 2 {
            guard let read = Self.number(halves[1]) else { throw Self.invalid(text) }
            revision = read
        }
        self.init(major, minor, patch, revision: revision)
    }

    public var description: String {
        "\(major).\(minor).\(patch)" + (revision.map { "-\($0)" } ?? "")
    }

    public static func < (lhs: SoftwareVersion, rhs: SoftwareVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch, lhs.revision ?? 0) < (rhs.major, rhs.minor, rhs.patch, rhs.revision ?? 0)
    }

    /// Equal when they order equal: `0.2.0` and `0.2.0-0` are one version.
    public static func == (lhs: SoftwareVersion, rhs: SoftwareVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch, lhs.revision ?? 0) == (rhs.major, rhs.minor, rhs.patch, rhs.revision ?? 0)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(revision ?? 0)
    }

    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }),
              text == "0" || !text.hasPrefix("0") else { return nil }
        return Int(text)
    }

    private static func invalid(_ text: String) -> CoreError {
        CoreError(.invalidSoftwareVersion, message: "Số phiên bản phần mềm \"\(text)\" không hợp lệ: phải có dạng X.Y.Z hoặc X.Y.Z-N (ví dụ 0.2.0).",
                  log: "invalid software version \(text)")
    }
}

extension ErrorCode where Domain == CoreDomain {
    /// Text that is not a program version written as `X.Y.Z` or `X.Y.Z-N`.
    public static let invalidSoftwareVersion = Self("invalidSoftwareVersion")
}
