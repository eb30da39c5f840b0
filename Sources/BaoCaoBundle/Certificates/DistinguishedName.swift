import COpenSSL

/// The subject BaoCao writes into its certificates: the unit's Vietnamese name as the
/// common name, the unit code as the organisational unit, the province's reporting
/// system as the organisation, country VN.
public struct DistinguishedName: Sendable, Hashable {
    public var commonName: String
    public var unitCode: String?
    public var organization: String

    public init(commonName: String, unitCode: String? = nil, organization: String = "Hệ thống thông tin báo cáo") {
        self.commonName = commonName
        self.unitCode = unitCode
        self.organization = organization
    }

    /// A new X509_NAME, freed when the caller is done with it.
    func makeName() throws -> Owned {
        let name = try Owned(X509_NAME_new(), free: X509_NAME_free, making: "tên chứng thư")
        var entries: [(String, String)] = [("C", "VN"), ("O", organization)]
        if let unitCode { entries.append(("OU", unitCode)) }
        entries.append(("CN", commonName))
        for (field, value) in entries {
            let bytes = Array(value.utf8)
            guard X509_NAME_add_entry_by_txt(name.pointer, field, MBSTRING_UTF8, bytes, Int32(bytes.count), -1, 0) == 1 else {
                throw BundleError.cryptoFailure("ghi tên chứng thư")
            }
        }
        return name
    }
}
