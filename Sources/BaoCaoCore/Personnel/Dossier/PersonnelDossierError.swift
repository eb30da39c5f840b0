extension ErrorCode where Domain == CoreDomain {
    /// An opened dossier that does not read: not our format, a field missing or unknown,
    /// over a limit, a scan whose hash does not match.
    public static let invalidPersonnelDossier = Self("invalidPersonnelDossier")
    /// A dossier that does not belong in the bundle carrying it: custody of another
    /// holder's records, a transfer addressed elsewhere, records that were not transferred.
    public static let personnelDossierMismatch = Self("personnelDossierMismatch")
}

extension CoreError {
    /// A dossier that does not read; `what` names the field or limit, never a person's data.
    static func invalidDossier(_ what: String, log: String) -> CoreError {
        CoreError(.invalidPersonnelDossier, message: "Gói hồ sơ cán bộ không hợp lệ: \(what). Không lưu hồ sơ nào.",
                  log: "personnel dossier: \(log)")
    }

    /// A dossier that may not be taken from this bundle's sender or for its recipient.
    static func dossierMismatch(_ what: String, log: String) -> CoreError {
        CoreError(.personnelDossierMismatch, message: "Gói hồ sơ cán bộ bị từ chối: \(what). Không lưu hồ sơ nào.",
                  log: "personnel dossier mismatch: \(log)")
    }
}
