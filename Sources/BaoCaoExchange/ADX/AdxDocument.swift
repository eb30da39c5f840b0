/// An ADX document as it stands in the file, in the receiver's codes: what ``AdxWriter``
/// writes and ``AdxReader`` reads, before any mapping back to ours.
public struct AdxDocument: Sendable, Hashable {
    /// The ADX namespace, `urn:ihe:qrph:adx:2015`.
    public static let namespace = "urn:ihe:qrph:adx:2015"
    /// Attribute names of `dataValue` that are not disaggregations.
    static let reservedAttributes: Set<String> = ["dataElement", "value", "annotation"]

    /// When the file was made, as `xs:dateTime` (`2026-11-16T08:00:00Z`).
    public var exported: String
    public var groups: [Group]

    public init(exported: String, groups: [Group]) {
        self.exported = exported
        self.groups = groups
    }

    /// One `group`: an org unit's figures for one period of one data set.
    public struct Group: Sendable, Hashable {
        public var orgUnit: String
        /// `2026-10-15/P1M`: see ``AdxPeriod``.
        public var period: String
        public var dataSet: String
        public var dataValues: [DataValue]

        public init(orgUnit: String, period: String, dataSet: String, dataValues: [DataValue]) {
            self.orgUnit = orgUnit
            self.period = period
            self.dataSet = dataSet
            self.dataValues = dataValues
        }
    }

    /// One `dataValue`: a data element, its disaggregation attributes and the value.
    public struct DataValue: Sendable, Hashable {
        public var dataElement: String
        /// Attribute name → the receiver's member code.
        public var disaggregation: [String: String]
        /// The value as the file wrote it (canonical decimal text when we write it).
        public var value: String

        public init(dataElement: String, disaggregation: [String: String] = [:], value: String) {
            self.dataElement = dataElement
            self.disaggregation = disaggregation
            self.value = value
        }
    }
}
