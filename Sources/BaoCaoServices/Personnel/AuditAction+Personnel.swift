/// What the personnel service records in the audit log. Every read, search and export of
/// a record names the record number(s) read in the entry's object or detail — never the
/// person's name or data (Decree 13/2023: who read whose record).
extension AuditAction {
    public static let personnelGrant = Self("personnel.grant")
    public static let personnelRevoke = Self("personnel.revoke")
    public static let personnelRecruit = Self("personnel.recruit")
    public static let personnelEvent = Self("personnel.event")
    public static let personnelApprove = Self("personnel.approve")
    public static let personnelCorrect = Self("personnel.correct")
    public static let personnelRead = Self("personnel.read")
    public static let personnelSearch = Self("personnel.search")
    public static let personnelRoster = Self("personnel.roster")
    public static let personnelExport = Self("personnel.export")
    public static let personnelQuota = Self("personnel.quota")
    public static let personnelDeclarationsRequest = Self("personnel.declarations")
    public static let personnelStatistics = Self("personnel.statistics")
    public static let personnelGenerate = Self("personnel.generate")
}
