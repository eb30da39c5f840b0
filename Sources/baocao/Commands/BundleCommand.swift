import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import BaoCaoSync
import Foundation

struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Gói tin dữ liệu báo cáo (.bcb): tạo, xem, kiểm tra chữ ký số.",
        subcommands: [Create.self, Inspect.self, Verify.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tạo và ký số một gói tin từ các tệp.")

        @Option(name: .long, help: "Tệp cấu hình của nút (khóa ký số của đơn vị).")
        var config: String

        @Option(name: .long, help: "Loại gói tin: report, decision, receipt, notice, transfer.")
        var kind: String = "report"

        @Option(name: .long, help: "Mã đơn vị nhận.")
        var to: BundleRecipient

        @Option(name: .long, parsing: .singleValue, help: "Một phần của gói tin: tên=tệp (ví dụ report.json=bao-cao.json). Lặp lại cho nhiều phần.")
        var part: [String]

        @Option(name: .long, parsing: .singleValue, help: "Thông tin định tuyến khoa=giá trị (ví dụ regime=KTXH-THANG).")
        var about: [String] = []

        @Option(name: .long, help: "Cũng ghi gói tin ra tệp này (.bcb).")
        var out: String?

        @OptionGroup var personal: PersonalSignatureOptions

        func run() throws {
            guard let bundleKind = BundleKind(rawValue: kind), bundleKind != .release, bundleKind != .localRelease, bundleKind != .softwareUpdate else {
                throw ValidationError("Loại gói tin \"\(kind)\" không hợp lệ (bản phát hành tạo bằng baocao release publish, bản cập nhật phần mềm bằng baocao update publish).")
            }
            let node = try NodeContext(configFile: config)
            let parts = try part.map { spec -> BundleWriter.Part in
                guard let equals = spec.firstIndex(of: "=") else { throw ValidationError("Phần \"\(spec)\" phải có dạng tên=tệp.") }
                let name = String(spec[..<equals])
                let file = String(spec[spec.index(after: equals)...])
                return BundleWriter.Part(path: name, data: try BinaryFile.read(file, what: "phần \(name)"),
                                         mediaType: name.hasSuffix(".json") ? "application/json" : "application/octet-stream")
            }
            let labels = try Dictionary(about.map { spec -> (String, String) in
                let pieces = spec.split(separator: "=", maxSplits: 1)
                guard pieces.count == 2 else { throw ValidationError("\"\(spec)\" phải có dạng khoa=giá trị.") }
                return (String(pieces[0]), String(pieces[1]))
            }, uniquingKeysWith: { _, last in last })
            let (id, data) = try node.work().runtime.issue(kind: bundleKind, recipient: to, parts: parts, about: labels,
                                                           signedBy: try node.signingIdentity(), beside: try personal.identity(), at: Date())
            if let out { try data.write(to: URL(fileURLWithPath: out), options: .atomic) }
            print("Đã tạo gói tin mã \(id)\(out.map { " (\($0))" } ?? ""); đã xếp vào hàng đợi gửi.")
        }
    }

    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Xem nội dung một gói tin: loại, đơn vị gửi và nhận, các phần, người ký.")

        @Argument(help: "Tệp gói tin (.bcb).")
        var file: String

        @Flag(name: .long, help: "In kết quả dạng JSON.")
        var json = false

        func run() throws {
            let data = try BinaryFile.read(file, what: "gói tin")
            let archive = try BundleArchive(reading: data)
            guard let manifestBytes = try archive.contents(of: Manifest.fileName) else { throw CLIError("Gói tin thiếu tệp manifest.json.") }
            let manifest = try Manifest(decoding: manifestBytes)
            let signature = try archive.contents(of: Manifest.signatureFileName).map(DetachedSignature.init(der:))
            let signers = (try? signature?.verifyEach(contentDigest: SHA256Digest.digest(of: manifestBytes))) ?? []
            let signer = signers.count == 1 ? signers.first?.certificate : nil
            let id = SHA256Digest.hex(of: manifestBytes)
            if json {
                print(JSONValue.object([
                    ("id", .string(id)),
                    ("kind", .string(manifest.kind.rawValue)),
                    ("sender", .string(manifest.sender.rawValue)),
                    ("recipient", .string(manifest.recipient.description)),
                    ("createdAt", .string(manifest.createdAt.formatted(.iso8601))),
                    ("about", .object(manifest.about.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                    ("parts", .array(manifest.parts.map { .object([("path", .string($0.path)), ("size", .int($0.size)),
                                                                  ("sha256", .string($0.sha256)), ("mediaType", .string($0.mediaType))]) })),
                    ("signer", signer.map { .object([("subject", .string($0.subject)), ("fingerprint", .string($0.fingerprint)),
                                                     ("notBefore", .string($0.notBefore.formatted(.iso8601))),
                                                     ("notAfter", .string($0.notAfter.formatted(.iso8601)))]) } ?? .null),
                    ("signingTime", signature?.signingTime.map { .string($0.formatted(.iso8601)) } ?? .null),
                    ("signers", .array(signers.map { .object([("subject", .string($0.certificate.subject)),
                                                             ("fingerprint", .string($0.certificate.fingerprint)),
                                                             ("signingTime", $0.signingTime.map { .string($0.formatted(.iso8601)) } ?? .null)]) })),
                ]).text)
                return
            }
            print("Gói tin: \(file)")
            print("Mã gói tin: \(id)")
            print("Loại: \(manifest.kind.vietnameseName) (\(manifest.kind.rawValue))")
            print("Đơn vị gửi: \(manifest.sender) — đơn vị nhận: \(manifest.recipient)")
            print("Tạo lúc: \(VietnamTime.displayText(manifest.createdAt))")
            for (key, value) in manifest.about.sorted(by: { $0.key < $1.key }) { print("  \(key): \(value)") }
            print("Các phần:")
            for part in manifest.parts { print("  \(part.path)  \(part.size) byte  \(part.mediaType)  sha256 \(part.sha256)") }
            if signers.isEmpty {
                print("Người ký: không xác định (chữ ký không khớp nội dung)")
            }
            for signer in signers {
                print("Người ký: \(signer.certificate.subject)")
                print("Dấu vân tay chứng thư (SHA-256): \(signer.certificate.fingerprint)")
                if let time = signer.signingTime { print("Thời điểm ký: \(VietnamTime.displayText(time))") }
            }
            print("(Lệnh này không kiểm tra độ tin cậy; dùng baocao bundle verify.)")
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kiểm tra đầy đủ một gói tin; thoát với mã 0 chỉ khi gói tin hợp lệ, nếu không in lý do.",
            discussion: "Dùng --config để kiểm tra theo bản phát hành đang dùng của nút, hoặc --trust với một thư mục có root.pem, registry.json và publishers.txt."
        )

        @Argument(help: "Tệp gói tin (.bcb).")
        var file: String

        @Option(name: .long, help: "Tệp cấu hình của nút.")
        var config: String?

        @Option(name: .long, help: "Thư mục tin cậy (root.pem, registry.json, publishers.txt).")
        var trust: String?

        @Option(name: .long, help: "Với --trust: tệp danh sách đơn vị (CSV), để xét đơn vị nào được gửi gì cho ai.")
        var topology: String?

        func validate() throws {
            guard (config == nil) != (trust == nil) else { throw ValidationError("Cần đúng một trong hai: --config hoặc --trust.") }
            guard trust == nil || topology != nil else {
                throw ValidationError("Với --trust cần thêm --topology: bảng tiếp nhận xét đơn vị nào được gửi gì cho ai theo danh sách đơn vị.")
            }
        }

        func run() throws {
            let data = try BinaryFile.read(file, what: "gói tin")
            let now = Date()
            let nodeTrust: NodeTrust
            var arrivedAt: Date?
            if let config {
                let node = try NodeContext(configFile: config)
                nodeTrust = try node.trust()
                // A bundle this node holds is judged as of when it arrived here: a certificate
                // revoked since then does not undo a signature received while it was good.
                if let manifest = try? BundleArchive(reading: data).contents(of: Manifest.fileName) {
                    arrivedAt = try node.store.bundle(id: SHA256Digest.hex(of: manifest))?.receivedAt
                }
            } else {
                let store = try NodeStore.inMemory()
                try store.replaceTopology(try TopologyFile.load(topology!))
                nodeTrust = try NodeTrust.load(store: store, bootstrap: TrustDirectory.bootstrap(at: trust!), clockTolerance: 86_400)
            }
            let bundle = try nodeTrust.check(data, now: now, arrivedAt: arrivedAt)
            print("Hợp lệ: \(bundle.manifest.kind.vietnameseName) từ \(bundle.manifest.sender) gửi \(bundle.manifest.recipient), "
                + "ký bởi \(bundle.signer.subject) lúc \(VietnamTime.displayText(bundle.signingTime)).")
            if let personal = bundle.personalSignature {
                print("Chữ ký cá nhân: \(personal.summary); chứng thư \(personal.certificate.fingerprint).")
            }
            print("Mã gói tin: \(bundle.id)")
            if let arrivedAt { print("Nút này đã nhận gói tin lúc \(VietnamTime.displayText(arrivedAt)).") }
            for status in bundle.revocation {
                print("Tình trạng thu hồi (\(status.signer)): \(status.summary).")
            }
        }
    }
}
