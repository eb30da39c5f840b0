import BaoCaoCore
import BaoCaoNode

/// What a node's configuration says about the releases it publishes.
public struct ReleaseSettings: Sendable {
    /// For how many days a published release stays acceptable. The default is 180.
    public var validForDays: Int
    /// The trust the node was installed with (anchors, pinned publisher keys, a first
    /// registry): the province's first release starts its trust list from it. The default
    /// is none, which makes a first release impossible.
    public var installedTrust: NodeTrust.Bootstrap?
    /// The official days off and make-up working days to carry when the release in force
    /// carries none. The default is none (the Labour Code's holidays alone).
    public var calendarOverrides: CalendarOverrides
    /// The personnel catalog to carry when the release in force carries none. The default is none.
    public var personnelCatalog: PersonnelCatalog?
    /// How people know the node's configuration (its file), named when it lacks something.
    public var configurationName: String

    public init(validForDays: Int = 180, installedTrust: NodeTrust.Bootstrap? = nil, calendarOverrides: CalendarOverrides = .none,
                configurationName: String = "cấu hình", personnelCatalog: PersonnelCatalog? = nil) {
        self.personnelCatalog = personnelCatalog
        self.validForDays = validForDays
        self.installedTrust = installedTrust
        self.calendarOverrides = calendarOverrides
        self.configurationName = configurationName
    }
}
