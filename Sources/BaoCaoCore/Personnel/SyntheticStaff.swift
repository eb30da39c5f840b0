import Foundation

/// Realistic synthetic staff, for tests, the demo and benchmarks: never a real person.
/// Deterministic: the same unit, count, seed, catalog and day give the same records.
///
/// Names follow common Vietnamese usage (family names at roughly their frequencies,
/// middle names by sex, common given names; Mường family names for Mường people); birth
/// dates 1965–2002; mostly Kinh, and in Hòa Bình (a catalog whose authority is the
/// province 17's) about a third Mường. National ID numbers are well formed and obviously
/// synthetic: the birth province's three digits, the sex-and-century digit, the birth
/// year's last two digits, then `99` and a four-digit serial. Each person is recruited
/// at 21–30, paid from the catalog's rank table with a step every 3 years (then seniority
/// beyond the frame), some promoted, trained, appointed, rewarded, evaluated every year,
/// and the oldest retired. Every record passes ``PersonnelCatalog/validate(_:topology:)``
/// against the sample catalog (`Config/catalog/nhan-su.yaml`); codes the catalog lacks
/// fall back to its list's first entry.
public enum SyntheticStaff {
    /// `count` records of people employed at `unit`, with events up to `today`.
    public static func roster(for unit: UnitCode, count: Int, seed: UInt64, catalog: PersonnelCatalog,
                              today: CivilDate) -> [PersonnelRecord] {
        var generator = SeededGenerator(seed: seed ^ 0x5EED_57AF_F000_0000 ^ UInt64(truncatingIfNeeded: unit.rawValue.hashValueStable))
        let maker = SyntheticPersonMaker(unit: unit, catalog: catalog, today: today)
        return (0..<count).map { serial in maker.person(serial: serial, using: &generator) }
    }
}

extension String {
    /// FNV-1a over the UTF-8 bytes: a hash that is the same in every process (Swift's
    /// `hashValue` is seeded per process).
    fileprivate var hashValueStable: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
