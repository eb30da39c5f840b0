import Foundation

extension PersonnelDossier {
    /// The dossier as JSON (the content sealed), in the records' wire format
    /// (``PersonnelWireFormat``: keys sorted, instants ISO 8601 UTC), scans base64.
    public func jsonData() throws -> Data {
        try PersonnelWireFormat.encoder().encode(Document(format: Self.formatVersion, kind: kind, records: records, scans: scans,
                                           transfer: transfer, custody: custody))
    }

    /// Reads an opened dossier strictly: its size first, then the format version, no
    /// unknown field at the top level or in the order, the kind's details present (and
    /// only those), custody complete with a sequence from 1, records numbered once each,
    /// within `limits`, and every scan belonging to a record, its size and hash well formed.
    ///
    /// #### Errors
    /// ``CoreError/Code/invalidPersonnelDossier`` naming what is wrong (never a person's data).
    public init(jsonData data: Data, limits: PersonnelDossierLimits = .default) throws {
        guard data.count <= limits.maximumSize else {
            throw CoreError.invalidDossier("lớn \(data.count) byte, vượt giới hạn \(limits.maximumSize) byte", log: "\(data.count) bytes")
        }
        let decoder = PersonnelWireFormat.decoder()
        decoder.userInfo[Document.limitsKey] = limits
        let document: Document
        do {
            document = try decoder.decode(Document.self, from: data)
        } catch let error as CoreError {
            throw error
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            throw CoreError.invalidDossier("không đọc được nội dung JSON", log: "not JSON")
        } catch let DecodingError.keyNotFound(key, context) {
            throw CoreError.invalidDossier("thiếu trường \(Self.path(context.codingPath + [key]))", log: "missing \(key.stringValue)")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context), let DecodingError.dataCorrupted(context) {
            throw CoreError.invalidDossier("trường \(Self.path(context.codingPath)) sai kiểu hoặc sai giá trị", log: "bad \(Self.path(context.codingPath))")
        } catch {
            throw CoreError.invalidDossier("không đọc được nội dung JSON", log: "undecodable")
        }
        guard document.format == Self.formatVersion else {
            throw CoreError.invalidDossier("phiên bản định dạng \(document.format) không được hỗ trợ (chỉ đọc phiên bản \(Self.formatVersion))",
                                           log: "format \(document.format)")
        }
        switch (document.kind, document.transfer, document.custody) {
        case (.transfer, .some, nil):
            break
        case (.custody, nil, let custody?):
            guard custody.complete else {
                throw CoreError.invalidDossier("gói lưu giữ phải là toàn bộ hồ sơ của đơn vị (complete: true)", log: "custody not complete")
            }
            guard custody.sequence >= 1 else {
                throw CoreError.invalidDossier("số thứ tự gói lưu giữ phải từ 1 trở lên", log: "custody sequence \(custody.sequence)")
            }
        case (.transfer, _, _):
            throw CoreError.invalidDossier("gói chuyển giao phải có quyết định chuyển (transfer) và không có phần lưu giữ (custody)", log: "transfer details")
        case (.custody, _, _):
            throw CoreError.invalidDossier("gói lưu giữ phải có phần lưu giữ (custody) và không có quyết định chuyển (transfer)", log: "custody details")
        }
        if document.kind == .transfer, document.records.isEmpty {
            throw CoreError.invalidDossier("gói chuyển giao không có hồ sơ nào", log: "empty transfer")
        }
        var numbers: Set<PersonnelID> = []
        for record in document.records where !numbers.insert(record.id).inserted {
            throw CoreError.invalidDossier("hồ sơ \(record.id) có hai lần", log: "record \(record.id) twice")
        }
        var scanBytes = 0
        for (index, scan) in document.scans.enumerated() {
            guard numbers.contains(scan.record) else {
                throw CoreError.invalidDossier("tệp quét thứ \(index + 1) thuộc hồ sơ \(scan.record) không có trong gói", log: "scan \(index) of absent record")
            }
            guard !scan.name.isEmpty, scan.name.utf8.count <= 255, !scan.name.contains("/"), PartRule.isWellFormed(scan.mediaType) else {
                throw CoreError.invalidDossier("tệp quét thứ \(index + 1) có tên hoặc kiểu tệp không hợp lệ", log: "scan \(index) name or type")
            }
            guard scan.sha256.utf8.count == 64, scan.sha256.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
                throw CoreError.invalidDossier("tệp quét thứ \(index + 1) có mã băm SHA-256 không hợp lệ", log: "scan \(index) hash")
            }
            scanBytes += scan.bytes.count
        }
        guard scanBytes <= limits.maximumScanBytes else {
            throw CoreError.invalidDossier("các tệp quét lớn \(scanBytes) byte, vượt giới hạn \(limits.maximumScanBytes) byte", log: "\(scanBytes) scan bytes")
        }
        self.init(kind: document.kind, records: document.records, scans: document.scans, transfer: document.transfer, custody: document.custody)
    }

    /// Checks every scan's bytes against its SHA-256, with the digest the caller has
    /// (`digest` returns lowercase hexadecimal; the domain has no cryptography of its own).
    ///
    /// #### Errors
    /// ``CoreError/Code/invalidPersonnelDossier`` naming the scan by its position.
    public func checkScans(digest: (Data) -> String) throws {
        for (index, scan) in scans.enumerated() where digest(scan.bytes) != scan.sha256 {
            throw CoreError.invalidDossier("tệp quét thứ \(index + 1) của hồ sơ \(scan.record) không khớp mã băm SHA-256 (đã bị sửa đổi)",
                                           log: "scan \(index) hash mismatch")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        let path = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        return path.isEmpty ? "gốc" : String(path.prefix(80))
    }
}

/// The dossier as written: the top-level fields, read with unknown fields refused and
/// counts checked as they are read.
private struct Document: Codable {
    static let limitsKey = CodingUserInfoKey(rawValue: "personnelDossierLimits")!

    var format: Int
    var kind: PersonnelDossier.Kind
    var records: [PersonnelRecord]
    var scans: [PersonnelScan]
    var transfer: PersonnelTransferOrder?
    var custody: PersonnelCustody?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, kind, records, scans, transfer, custody
    }

    init(format: Int, kind: PersonnelDossier.Kind, records: [PersonnelRecord], scans: [PersonnelScan],
         transfer: PersonnelTransferOrder?, custody: PersonnelCustody?) {
        self.format = format
        self.kind = kind
        self.records = records
        self.scans = scans
        self.transfer = transfer
        self.custody = custody
    }

    init(from decoder: any Decoder) throws {
        let limits = decoder.userInfo[Self.limitsKey] as? PersonnelDossierLimits ?? .default
        let names = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        if let unknown = names.first(where: { CodingKeys(rawValue: $0) == nil }) {
            throw CoreError.invalidDossier("trường lạ \"\(unknown.prefix(40))\"", log: "unknown field")
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(Int.self, forKey: .format)
        kind = try container.decode(PersonnelDossier.Kind.self, forKey: .kind)
        // Counted before the elements are decoded: a dossier of a million records is
        // refused without building them.
        var recordList = try container.nestedUnkeyedContainer(forKey: .records)
        if let count = recordList.count, count > limits.maximumRecords {
            throw CoreError.invalidDossier("có \(count) hồ sơ, vượt giới hạn \(limits.maximumRecords)", log: "\(count) records")
        }
        var scanList = try container.nestedUnkeyedContainer(forKey: .scans)
        if let count = scanList.count, count > limits.maximumScans {
            throw CoreError.invalidDossier("có \(count) tệp quét, vượt giới hạn \(limits.maximumScans)", log: "\(count) scans")
        }
        records = []
        while !recordList.isAtEnd { records.append(try recordList.decode(PersonnelRecord.self)) }
        scans = []
        while !scanList.isAtEnd { scans.append(try scanList.decode(PersonnelScan.self)) }
        transfer = try container.decodeIfPresent(PersonnelTransferOrder.self, forKey: .transfer)
        custody = try container.decodeIfPresent(PersonnelCustody.self, forKey: .custody)
    }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
