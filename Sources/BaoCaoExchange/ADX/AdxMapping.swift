import BaoCaoCore
import Foundation

/// How our codes become the receiving system's codes in an ADX file (IHE Aggregate Data
/// Exchange, what DHIS2 reads and writes), and back.
///
/// Our indicator codes become ADX `dataElement` codes, our unit codes `orgUnit` codes, a
/// regime's code the `dataSet` code, and each disaggregation dimension (phân tổ) an
/// attribute of `dataValue` whose values are the receiver's codes for our members:
///
/// ```json
/// {
///   "unmappedCodes": "refuse",
///   "dataSets": { "KTXH-THANG": "DS_KTXH" },
///   "dataElements": { "NN02": "RICE_AREA", "DS01": "POP" },
///   "orgUnits": { "04801": "OU_XM01" },
///   "dimensions": { "GT": "SEX" },
///   "members": { "GT": { "NAM": "M", "NU": "F" } }
/// }
/// ```
///
/// A code with no entry keeps its own spelling only when `unmappedCodes` is `"keep"`;
/// with `"refuse"` (the default) it is an error both ways, so that a figure never goes to
/// or comes from the wrong data element because a line was forgotten.
///
/// ## Periods
///
/// ADX writes a period as its first day and an ISO 8601 duration. The first day is the
/// first day of the period's *cut-off window* (thời gian chốt số liệu), not of the calendar
/// month: under Nghị định 09/2019/NĐ-CP the report for November 2026 covers 15 October to
/// 14 November, so it is written `2026-10-15/P1M`, not `2026-11-01/P1M`. Quarters, half
/// years, nine months and years start on their windows' first days too (`2026-09-15/P3M`
/// for 2026-Q4, `2025-12-15/P6M` for 2026-H1, `2025-12-15/P9M` for 2026-9M,
/// `2025-12-15/P1Y` for 2026); an ad hoc period is its own dates (`2026-03-01/P20D`). A
/// regime with another ``CutOffRule`` gets its own rule's start days. See ``AdxPeriod``.
public struct AdxMapping: Sendable, Hashable, Codable {
    /// What to do with a code the mapping does not list.
    public enum UnmappedCodes: String, Sendable, Hashable, Codable {
        /// Use our code as the receiver's code (and the receiver's as ours).
        case keep
        /// Refuse the figure, naming the code.
        case refuse
    }

    /// Regime code → ADX `dataSet` code. The default is none.
    public var dataSets: [String: String]
    /// Indicator code → ADX `dataElement` code. The default is none.
    public var dataElements: [String: String]
    /// Unit code → ADX `orgUnit` code. The default is none.
    public var orgUnits: [String: String]
    /// Dimension code → the name of the `dataValue` attribute that carries it. The default is none.
    public var dimensions: [String: String]
    /// Dimension code → member code → the receiver's code for the member. The default is none.
    public var members: [String: [String: String]]
    /// The default is ``UnmappedCodes/refuse``.
    public var unmappedCodes: UnmappedCodes

    public init(dataSets: [String: String] = [:], dataElements: [String: String] = [:], orgUnits: [String: String] = [:],
                dimensions: [String: String] = [:], members: [String: [String: String]] = [:], unmappedCodes: UnmappedCodes = .refuse) {
        self.dataSets = dataSets
        self.dataElements = dataElements
        self.orgUnits = orgUnits
        self.dimensions = dimensions
        self.members = members
        self.unmappedCodes = unmappedCodes
    }

    /// Every code kept as it is: for a receiver that uses BaoCao's own codes.
    public static let identity = AdxMapping(unmappedCodes: .keep)

    private enum CodingKeys: String, CodingKey { case dataSets, dataElements, orgUnits, dimensions, members, unmappedCodes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(dataSets: try c.decodeIfPresent([String: String].self, forKey: .dataSets) ?? [:],
                  dataElements: try c.decodeIfPresent([String: String].self, forKey: .dataElements) ?? [:],
                  orgUnits: try c.decodeIfPresent([String: String].self, forKey: .orgUnits) ?? [:],
                  dimensions: try c.decodeIfPresent([String: String].self, forKey: .dimensions) ?? [:],
                  members: try c.decodeIfPresent([String: [String: String]].self, forKey: .members) ?? [:],
                  unmappedCodes: try c.decodeIfPresent(UnmappedCodes.self, forKey: .unmappedCodes) ?? .refuse)
    }

    /// Reads a mapping from JSON, checking that no two of our codes share a receiver code
    /// (which would make the way back ambiguous) and that attribute names are XML names.
    ///
    /// #### Errors
    /// ``ExchangeError`` `.malformedFile` naming what is wrong.
    public static func load(from data: Data, name: String = "tệp ánh xạ ADX") throws -> AdxMapping {
        let mapping: AdxMapping
        do {
            mapping = try JSONDecoder().decode(AdxMapping.self, from: data)
        } catch {
            throw ExchangeError(.malformedFile,
                                message: "\(name) không phải JSON ánh xạ ADX hợp lệ (cần các mục dataSets, dataElements, orgUnits, dimensions, members, unmappedCodes là \"keep\" hoặc \"refuse\"): \(Self.reason(error))",
                                log: "adx mapping: undecodable: \(error)")
        }
        try mapping.check(name: name)
        return mapping
    }

    /// Reads a mapping from a JSON file; see ``load(from:name:)``.
    public static func load(contentsOf url: URL) throws -> AdxMapping {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ExchangeError(.storageFailure, message: "Không đọc được tệp ánh xạ ADX \(url.path).", log: "adx mapping: unreadable \(url.path)")
        }
        return try load(from: data, name: "Tệp ánh xạ ADX \(url.lastPathComponent)")
    }

    /// Refuses a mapping whose way back is ambiguous or whose attribute names XML refuses.
    public func check(name: String = "Bảng ánh xạ ADX") throws {
        for (what, table) in [("dataSets", dataSets), ("dataElements", dataElements), ("orgUnits", orgUnits), ("dimensions", dimensions)]
            + members.sorted(by: { $0.key < $1.key }).map({ ("members.\($0.key)", $0.value) }) {
            var seen: [String: String] = [:]
            for (ours, theirs) in table.sorted(by: { $0.key < $1.key }) {
                if let other = seen.updateValue(ours, forKey: theirs) {
                    throw ExchangeError(.malformedFile, message: "\(name): mục \(what) gán cùng mã \"\(theirs)\" cho cả \(other) và \(ours); chiều nhập về sẽ không xác định.",
                                        log: "adx mapping: \(what) maps \(other) and \(ours) to \(theirs)")
                }
            }
        }
        for (dimension, attribute) in dimensions where !XMLText.isAttributeName(attribute) || AdxDocument.reservedAttributes.contains(attribute) {
            throw ExchangeError(.malformedFile, message: "\(name): tên thuộc tính \"\(attribute)\" cho phân tổ \(dimension) không dùng được trong ADX (phải là tên XML, khác dataElement, value, annotation).",
                                log: "adx mapping: bad attribute name \(attribute)")
        }
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "tại \(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
