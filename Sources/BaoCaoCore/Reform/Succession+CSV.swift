/// The succession table file (`Topology/phu-tho-2025-07-ke-thua.csv`, written by
/// `Scripts/make-topology` from the official table):
///
/// ```
/// old_code,old_name,old_kind,old_parent,new_code,share,default
/// 17,Tỉnh Hoà Bình,province,,25,whole,
/// 148,Thành phố Hòa Bình,district,17,25,archive,
/// 04891,Xã Vầy Nưa,commune,150,04891,part,default
/// 04891,Xã Vầy Nưa,commune,150,04828,part,
/// ```
///
/// One line per (former unit, successor); a divided unit has one line per piece. Lines
/// starting with `#` are comments; every error names the file line. The date, grace date
/// and legal basis are not in the table: the province gives them when it publishes.
extension Succession {
    public static let csvColumns = ["old_code", "old_name", "old_kind", "old_parent", "new_code", "share", "default"]

    /// The succession a table file describes; see ``SuccessionTable`` to keep each row's
    /// file line for the checks against the new map.
    public init(csv text: String, fileName: String, effective: CivilDate, graceUntil: CivilDate, basis: String) throws {
        self = try SuccessionTable(csv: text, fileName: fileName, effective: effective, graceUntil: graceUntil, basis: basis).succession
    }
}
