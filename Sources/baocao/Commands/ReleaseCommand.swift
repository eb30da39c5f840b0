import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import BaoCaoSync
import Foundation

struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Bản phát hành: danh sách đơn vị, danh mục, biểu mẫu, chế độ báo cáo và danh sách tin cậy do tỉnh ký số.",
        subcommands: [Publish.self, Close.self, Show.self, Import.self]
    )

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Phát hành phiên bản mới (nút tỉnh), hoặc bản phát hành riêng của đơn vị (nút huyện, xã, sở: --catalog với chế độ báo cáo riêng).",
            discussion: "Phiên bản mới nối tiếp phiên bản đang dùng, được ký bằng khóa ký số của nút và được nút nhận ngay."
        )

        @Option(name: .long, help: "Tệp cấu hình của nút.")
        var config: String

        @Option(name: .long, help: "Tệp danh mục thay cho danh mục đang dùng (tỉnh), hoặc danh mục riêng của đơn vị.")
        var catalog: String?

        @Option(name: .long, help: "Tệp danh sách đơn vị thay cho danh sách đang dùng (chỉ nút tỉnh).")
        var topology: String?

        @Option(name: .long, parsing: .singleValue, help: "Đăng ký chứng thư ký số cho đơn vị: MÃ=tệp.pem. Lặp lại được.")
        var register: [String] = []

        @Option(name: .long, parsing: .singleValue,
                help: "Đưa chứng thư mã hóa của đơn vị vào danh sách tin cậy (để niêm phong hồ sơ gửi đơn vị): MÃ=tệp.pem. Lặp lại được.")
        var encryption: [String] = []

        @Option(name: .long, parsing: .singleValue, help: "Thu hồi chứng thư (tệp .pem hoặc dấu vân tay SHA-256). Lặp lại được.")
        var revoke: [String] = []

        @Option(name: .long, help: "Lý do thu hồi.")
        var reason: String = "thu hồi theo yêu cầu"

        @Option(name: .long, parsing: .singleValue, help: "Khóa phát hành mới (tệp .pem); thay danh sách khóa được phép ký bản phát hành kế tiếp.")
        var publisher: [String] = []

        @Option(name: .long, parsing: .singleValue,
                help: "Danh sách chứng thư bị thu hồi (CRL, tệp DER hoặc PEM) của một CA trong danh sách tin cậy, đưa vào bản phát hành. Lặp lại được.")
        var crl: [String] = []

        @Option(name: .long, parsing: .singleValue, help: "Chứng thư gốc (.pem) của tổ chức chứng thực cấp chứng thư số cá nhân mà tỉnh chấp nhận. Lặp lại được.")
        var personAnchor: [String] = []

        @Option(name: .long, help: "Tệp đăng ký người ký (persons.json: đơn vị, chức vụ, vai trò, tệp chứng thư cá nhân), như pki init-dev --persons ghi ra.")
        var persons: String?

        @Option(name: .long, help: "Từ ngày này (YYYY-MM-DD, giờ Việt Nam) báo cáo và quyết định phải có chữ ký số cá nhân bên cạnh chữ ký của đơn vị.")
        var requirePersonalSignaturesFrom: String?

        @Option(name: .long, help: "Tệp danh mục nhân sự (hồ sơ cán bộ, công chức, viên chức: các danh mục, ngạch lương, Sở Nội vụ quản lý) thay cho danh mục đang dùng (chỉ nút tỉnh).")
        var personnel: String?

        @Option(name: .long, help: "Phương án sắp xếp đơn vị hành chính (YAML, như Config/reform/phu-tho-2025-07.yaml) công bố cùng danh sách đơn vị mới (chỉ nút tỉnh).")
        var succession: String?

        @Option(name: .long, parsing: .singleValue,
                help: "Bản phát hành cuối của một tỉnh cũ mà bản này nối tiếp (tệp gói tin .bcb hoặc release.json của nó). Lặp lại được.")
        var continues: [String] = []

        @Option(name: .long, help: "Tệp gói tin ghi ra; mặc định trong thư mục dữ liệu của nút.")
        var out: String?

        func run() throws {
            try publish(at: Date())
        }

        /// Publishes the release as of `now` (the reform demo dates its network's releases in
        /// the past), writes its file, and says where.
        @discardableResult
        func publish(at now: Date) throws -> PublishedRelease {
            let node = try NodeContext(configFile: config)
            let service = ReleaseService(work: try node.work(signing: .required), settings: ReleaseSettings(
                validForDays: node.configuration.effectiveReleaseValidityDays, installedTrust: try node.bootstrap(),
                calendarOverrides: try CalendarOverridesFile.load(node.loaded.calendarOverridesPath), configurationName: node.loaded.file,
                personnelCatalog: try node.loaded.personnelPath.map { try Self.personnelCatalog(fromFile: $0, node) }))
            let changes: ReleaseChanges
            if try service.publishesProvinceReleases() {
                changes = try provinceChanges(node)
            } else {
                guard let catalog, register.isEmpty, encryption.isEmpty, revoke.isEmpty, publisher.isEmpty, crl.isEmpty, topology == nil,
                      personAnchor.isEmpty, persons == nil, requirePersonalSignaturesFrom == nil, personnel == nil, succession == nil,
                      continues.isEmpty else {
                    throw ValidationError("Đơn vị không phải cấp tỉnh chỉ phát hành danh mục riêng: dùng --catalog với tệp chế độ báo cáo riêng.")
                }
                var local = ReleaseChanges()
                local.catalog = try YAMLDocument.decode(Catalog.self, fromFile: catalog)
                local.catalogSource = catalog
                changes = local
            }
            let release = try service.publish(changes, by: .node, at: now)
            try Self.write(release, to: out, node)
            return release
        }

        /// Writes the release bundle (by default into the node's outbox folder) and says where.
        static func write(_ release: PublishedRelease, to out: String?, _ node: NodeContext) throws {
            let path = out ?? (node.loaded.dataDirectory as NSString)
                .appendingPathComponent("outbox/release-\(release.publisher)-v\(release.version).bcb")
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try release.data.write(to: URL(fileURLWithPath: path), options: .atomic)
            print("Đã phát hành phiên bản \(release.version) của \(release.publisher): \(path)")
            print("Mã gói tin: \(release.id)")
        }

        /// A release to continue, from its bundle (`.bcb`) or its `release.json`.
        static func continuedRelease(fromFile path: String) throws -> AcceptedRelease {
            let data = try BinaryFile.read(path, what: "bản phát hành được nối tiếp")
            let bytes: Data
            if let archive = try? BundleArchive(reading: data) {
                guard let inner = try archive.contents(of: ReleaseContent.fileName) else {
                    throw CLIError("Tệp \(path) không phải bản phát hành (thiếu release.json).")
                }
                bytes = inner
            } else {
                bytes = data
            }
            do {
                return try AcceptedRelease(bytes: bytes)
            } catch let error as BundleError {
                throw CLIError("Tệp \(path): \(error.message)")
            }
        }

        /// A personnel catalog file (`Config/catalog/nhan-su.yaml`: shared by provinces,
        /// each one's Sở Nội vụ under `authorities`), as this province publishes it.
        static func personnelCatalog(fromFile path: String, _ node: NodeContext) throws -> PersonnelCatalog {
            try YAMLDocument.decode(PersonnelCatalogFile.self, fromFile: path).catalog(forProvince: node.configuration.unit)
        }

        /// The options of a province release, read from their files.
        private func provinceChanges(_ node: NodeContext) throws -> ReleaseChanges {
            var changes = ReleaseChanges()
            changes.topology = try topology.map { try TopologyFile.load($0).units }
            if let catalog {
                var read = try YAMLDocument.decode(Catalog.self, fromFile: catalog)
                read.plans += try node.loaded.plans()
                changes.catalog = read
                changes.catalogSource = catalog
            }
            changes.registrations = try register.map { spec in
                guard let equals = spec.firstIndex(of: "=") else { throw ValidationError("\"\(spec)\" phải có dạng MÃ=tệp.pem.") }
                let file = String(spec[spec.index(after: equals)...])
                return ReleaseChanges.Registration(unit: try UnitCode(parsing: String(spec[..<equals])),
                                                   certificate: try Certificate(pem: BinaryFile.read(file, what: "chứng thư")))
            }
            changes.encryptionCertificates = try encryption.map { spec in
                guard let equals = spec.firstIndex(of: "=") else { throw ValidationError("--encryption \"\(spec)\" phải có dạng MÃ=tệp.pem.") }
                let file = String(spec[spec.index(after: equals)...])
                return ReleaseChanges.Registration(unit: try UnitCode(parsing: String(spec[..<equals])),
                                                   certificate: try Certificate(pem: BinaryFile.read(file, what: "chứng thư mã hóa")))
            }
            changes.revocations = try revoke.map { item in
                SHA256Digest.isHex(item.lowercased()) ? item.lowercased()
                    : try Certificate(pem: BinaryFile.read(item, what: "chứng thư")).fingerprint
            }
            changes.revocationReason = reason
            changes.publishers = try publisher.map { try Certificate(pem: BinaryFile.read($0, what: "chứng thư khóa phát hành")).fingerprint }
            changes.revocationLists = try crl.flatMap { file -> [RevocationList] in
                do {
                    return try RevocationList.read(BinaryFile.read(file, what: "danh sách thu hồi"))
                } catch let error as BundleError where error.code == .invalidRevocationList {
                    throw CLIError("Tệp \(file): \(error.message)")
                }
            }
            changes.personAnchors = try personAnchor.flatMap { try Certificate.all(pem: BinaryFile.read($0, what: "chứng thư gốc cho chữ ký cá nhân")) }
            if let persons {
                let folder = (persons as NSString).deletingLastPathComponent
                changes.personRegistrations = try PersonRegistrationFile.decode(BinaryFile.read(persons, what: "tệp đăng ký người ký")).map { entry in
                    let path = entry.certificate.hasPrefix("/") ? entry.certificate : (folder as NSString).appendingPathComponent(entry.certificate)
                    return ReleaseChanges.PersonRegistration(unit: entry.unit, title: entry.title, roles: entry.roles,
                                                             certificate: try Certificate(pem: BinaryFile.read(path, what: "chứng thư cá nhân")))
                }
            }
            changes.personnel = try personnel.map { try Self.personnelCatalog(fromFile: $0, node) }
            changes.succession = try succession.map { try SuccessionFile.load($0) }
            changes.continues = try continues.map { try Self.continuedRelease(fromFile: $0) }
            if let requirePersonalSignaturesFrom {
                guard let day = try? CivilDate(parsing: requirePersonalSignaturesFrom) else {
                    throw ValidationError("--require-personal-signatures-from \"\(requirePersonalSignaturesFrom)\" phải là ngày dạng YYYY-MM-DD.")
                }
                changes.personalSignaturesRequiredFrom = VietnamTime.startOfDay(day)
            }
            return changes
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kết thúc chuỗi bản phát hành của tỉnh (sắp xếp đơn vị hành chính): phát hành bản cuối chỉ định tỉnh kế tiếp.",
            discussion: "Các nút nhận bản này sẽ không nhận thêm bản phát hành nào của tỉnh này, chỉ nhận bản phát hành đầu tiên của tỉnh kế tiếp, "
                + "ký bằng một trong các khóa đã nêu và nối tiếp đúng bản này (baocao release publish --continues ở tỉnh kế tiếp)."
        )

        @Option(name: .long, help: "Tệp cấu hình của nút tỉnh.")
        var config: String

        @Option(name: .long, help: "Mã tỉnh kế tiếp (ví dụ 25).")
        var successor: String

        @Option(name: .long, help: "Tệp các khóa phát hành của tỉnh kế tiếp: dấu vân tay SHA-256 (mỗi dòng một) hoặc chứng thư PEM.")
        var successorPublishers: String

        @Option(name: .long, help: "Phiên bản bản phát hành của tỉnh kế tiếp nối tiếp bản này.")
        var firstVersion: Int = 1

        @Option(name: .long, parsing: .singleValue,
                help: "Chứng thư gốc (.pem) của CA cấp khóa cho tỉnh kế tiếp, nếu khác CA của tỉnh này. Lặp lại được.")
        var successorAnchor: [String] = []

        @Option(name: .long, help: "Tệp gói tin ghi ra; mặc định trong thư mục dữ liệu của nút.")
        var out: String?

        func validate() throws {
            guard (try? UnitCode(parsing: successor)) != nil else { throw ValidationError("--successor \"\(successor)\" không phải mã đơn vị hợp lệ.") }
            guard firstVersion >= 1 else { throw ValidationError("--first-version phải từ 1.") }
        }

        func run() throws {
            try publish(at: Date())
        }

        /// Publishes the chain's last release as of `now` (the reform demo closes Hòa Bình's
        /// chain on 30 June 2025).
        func publish(at now: Date) throws {
            let node = try NodeContext(configFile: config)
            let service = ReleaseService(work: try node.work(signing: .required), settings: ReleaseSettings(
                validForDays: node.configuration.effectiveReleaseValidityDays, installedTrust: try node.bootstrap(),
                calendarOverrides: try CalendarOverridesFile.load(node.loaded.calendarOverridesPath), configurationName: node.loaded.file))
            guard try service.publishesProvinceReleases() else {
                throw CLIError("Chỉ nút cấp tỉnh mới kết thúc chuỗi bản phát hành của tỉnh.")
            }
            var changes = ReleaseChanges()
            changes.successor = ReleaseSuccessor(publisher: try UnitCode(parsing: successor),
                                                 publisherKeys: try Self.publisherKeys(fromFile: successorPublishers), firstVersion: firstVersion)
            changes.addedAnchors = try successorAnchor.flatMap { try Certificate.all(pem: BinaryFile.read($0, what: "chứng thư gốc của tỉnh kế tiếp")) }
            let release = try service.publish(changes, by: .node, at: now)
            try Publish.write(release, to: out, node)
            print("Chuỗi bản phát hành của \(release.publisher) kết thúc ở phiên bản \(release.version); tỉnh \(successor) tiếp nối từ phiên bản \(firstVersion).")
        }

        /// Fingerprints from a file of certificates (PEM) or of fingerprints, one a line.
        static func publisherKeys(fromFile path: String) throws -> [String] {
            let data = try BinaryFile.read(path, what: "tệp khóa phát hành của tỉnh kế tiếp")
            let text = String(decoding: data, as: UTF8.self)
            let keys: [String]
            if text.contains("-----BEGIN CERTIFICATE-----") {
                keys = try Certificate.all(pem: data).map(\.fingerprint)
            } else {
                keys = PKIFiles.fingerprints(text)
                if let bad = keys.first(where: { !SHA256Digest.isHex($0) }) {
                    throw CLIError("Tệp \(path): \"\(bad.prefix(80))\" không phải dấu vân tay SHA-256 (64 chữ số hệ 16).")
                }
            }
            guard !keys.isEmpty else { throw CLIError("Tệp \(path) không có khóa phát hành nào.") }
            return keys
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Xem bản phát hành đang dùng và lịch sử phát hành của nút, hoặc nội dung một tệp bản phát hành.")

        @Option(name: .long, help: "Tệp cấu hình của nút.")
        var config: String?

        @Argument(help: "Tệp gói tin bản phát hành (.bcb), thay cho --config.")
        var file: String?

        @Flag(name: .long, help: "In kết quả dạng JSON.")
        var json = false

        func validate() throws {
            guard (config == nil) != (file == nil) else { throw ValidationError("Cần đúng một trong hai: --config hoặc một tệp bản phát hành.") }
        }

        func run() throws {
            var releases: [(AcceptedRelease, Date?)] = []
            if let file {
                let archive = try BundleArchive(reading: BinaryFile.read(file, what: "bản phát hành"))
                guard let bytes = try archive.contents(of: ReleaseContent.fileName) else { throw CLIError("Tệp \(file) không phải bản phát hành (thiếu release.json).") }
                releases = [(try AcceptedRelease(bytes: bytes), nil)]
            } else {
                let node = try NodeContext(configFile: config!)
                releases = try node.store.releaseHistory().map { (try AcceptedRelease(bytes: $0.content), $0.receivedAt) }
            }
            if json {
                print(JSONValue.array(releases.map { release, received in
                    let c = release.content
                    let encryptionUnits = c.trust?.encryption?.count ?? 0
                    return .object([
                        ("publisher", .string(c.publisher.rawValue)), ("version", .int(c.version)), ("hash", .string(release.hash)),
                        ("previousHash", c.previousHash.map(JSONValue.string) ?? .null),
                        ("publishedAt", .string(c.publishedAt.formatted(.iso8601))), ("expiresAt", .string(c.expiresAt.formatted(.iso8601))),
                        ("receivedAt", received.map { .string($0.formatted(.iso8601)) } ?? .null),
                        ("units", .int(c.topology?.count ?? 0)), ("indicators", .int(c.catalog.indicators.count)),
                        ("forms", .int(c.catalog.forms.count)), ("regimes", .int(c.catalog.regimes.count)),
                        ("publishers", .array((c.trust?.publishers ?? []).map(JSONValue.string))),
                        ("registeredUnits", .int(c.trust?.signers.count ?? 0)), ("encryptionUnits", .int(encryptionUnits)), ("revoked", .int(c.revoked?.count ?? 0)),
                        ("crls", .int(c.trust?.crls?.count ?? 0)),
                        ("successor", c.successor.map { .object([("publisher", .string($0.publisher.rawValue)), ("firstVersion", .int($0.firstVersion))]) } ?? .null),
                        ("continues", .array((c.continues ?? []).map { .object([("publisher", .string($0.publisher.rawValue)),
                                                                               ("version", .int($0.version)), ("hash", .string($0.hash))]) })),
                        ("succession", c.succession.map { .object([("effective", .string($0.effective.description)),
                                                                   ("graceUntil", .string($0.graceUntil.description)),
                                                                   ("formerUnits", .int($0.formerUnits.count))]) } ?? .null),
                    ])
                }).text)
                return
            }
            guard !releases.isEmpty else {
                print("Nút chưa nhận bản phát hành nào; đang dùng danh mục khởi tạo.")
                return
            }
            for (release, received) in releases {
                let c = release.content
                let kind = c.isProvinceRelease ? "Bản phát hành của tỉnh" : "Bản phát hành riêng của đơn vị"
                print("\(kind) \(c.publisher), phiên bản \(c.version)")
                print("  Mã băm: \(release.hash)")
                print("  Phát hành: \(VietnamTime.displayText(c.publishedAt)); hết hạn: \(VietnamTime.displayText(c.expiresAt))")
                if let received { print("  Nhận lúc: \(VietnamTime.displayText(received))") }
                if let successor = c.successor {
                    print("  Kết thúc chuỗi: tỉnh \(successor.publisher) tiếp nối từ phiên bản \(successor.firstVersion)")
                }
                if let continues = c.continues, !continues.isEmpty {
                    print("  Nối tiếp: " + continues.map { "\($0.publisher) phiên bản \($0.version)" }.joined(separator: ", "))
                }
                if let succession = c.succession {
                    print("  Sắp xếp đơn vị hành chính từ \(succession.effective.vietnameseText): \(succession.formerUnits.count) đơn vị cũ, "
                        + "nhận báo cáo muộn đến hết \(succession.graceUntil.vietnameseText)")
                }
                print("  Nội dung: \(c.topology?.count ?? 0) đơn vị, \(c.catalog.indicators.count) chỉ tiêu, \(c.catalog.forms.count) biểu mẫu, \(c.catalog.regimes.count) chế độ báo cáo")
                if let trust = c.trust {
                    print("  Tin cậy: \(trust.anchors.count) chứng thư gốc, \(trust.signers.count) đơn vị đã đăng ký chứng thư, \(trust.encryption?.count ?? 0) đơn vị có chứng thư mã hóa, \(c.revoked?.count ?? 0) chứng thư bị thu hồi")
                    print("  Khóa được phép phát hành tiếp: \(trust.publishers.joined(separator: ", "))")
                    for list in trust.revocationLists.lists {
                        let next = list.nextUpdate.map { "cập nhật kế tiếp \(VietnamTime.displayText($0))" } ?? "không hẹn ngày cập nhật"
                        print("  Danh sách thu hồi (CRL) của \(list.issuer): phát hành \(VietnamTime.displayText(list.thisUpdate)), \(next), \(list.entryCount) chứng thư")
                    }
                }
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Nhận bản phát hành từ tệp; in kết quả cho từng tệp.")

        @Option(name: .long, help: "Tệp cấu hình của nút.")
        var config: String

        @Argument(help: "Các tệp bản phát hành (.bcb), theo thứ tự phiên bản.")
        var files: [String]

        func run() throws {
            let node = try NodeContext(configFile: config)
            let service = ReleaseService(work: try node.work(), settings: ReleaseSettings())
            var rejected = 0
            for file in files {
                let data = try BinaryFile.read(file, what: "bản phát hành")
                // Each file sees the trust the previous ones established.
                let outcome = try service.importRelease(data, at: Date())
                if case .rejected = outcome { rejected += 1 }
                print("\(file): \(outcome)")
            }
            if rejected > 0 { throw ExitCode(1) }
        }
    }
}
