import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import Foundation

struct PKICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pki",
        abstract: "Chứng thư số: hạ tầng khóa cho thử nghiệm, yêu cầu cấp và cấp chứng thư.",
        subcommands: [InitDev.self, Request.self, Issue.self, Revoke.self, RevocationListCommand.self]
    )

    struct KeyTypeOption: ParsableArguments {
        @Option(name: .long, help: "Loại khóa: rsa (RSA 2048, mặc định), rsa3072 hoặc ec (ECDSA P-256).")
        var keyType: String = "rsa"

        func kind() throws -> PrivateKey.Kind {
            guard let kind = PrivateKey.Kind(name: keyType) else {
                throw ValidationError("Loại khóa \"\(keyType)\" không hợp lệ: dùng rsa, rsa3072 hoặc ec.")
            }
            return kind
        }
    }

    struct InitDev: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init-dev",
            abstract: "Tạo CA gốc và, cho mỗi đơn vị, khóa ký số, khóa TLS của nút và khóa mã hóa (niêm phong hồ sơ) cùng chứng thư, kèm danh sách đăng ký chứng thư.",
            discussion: "Chỉ dùng cho thử nghiệm và triển khai nhỏ. Khóa bí mật được ghi với quyền 0600; giữ root.key ngoài mạng."
        )

        @Option(name: .long, help: "Tệp danh sách đơn vị (CSV).")
        var topology: String

        @Option(name: .long, help: "Thư mục ghi kết quả.")
        var out: String

        @Option(name: .long, help: "Chỉ tạo cho các đơn vị này (mã, cách nhau bởi dấu phẩy); tỉnh luôn được tạo.")
        var units: String?

        @Option(name: .long, parsing: .singleValue,
                help: "Tên máy của nút một đơn vị: MÃ=tên[,tên…] (ví dụ 157=baocao.lacson.hoabinh.gov.vn). Lặp lại cho nhiều đơn vị; mặc định <mã>.baocao.test.")
        var host: [String] = []

        @Flag(name: .long, help: "Tạo thêm một CA cho chứng thư số cá nhân (thay cho CA của Chính phủ khi thử nghiệm) và, cho mỗi đơn vị, chứng thư cá nhân của lãnh đạo (lanhdao) và cán bộ tổng hợp (tonghop), cùng tệp persons.json để đăng ký.")
        var persons = false

        @OptionGroup var key: KeyTypeOption

        func run() throws {
            let topology = try TopologyFile.load(topology)
            var codes = try units.map { list in
                try list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.map { text in
                    guard let code = try? UnitCode(parsing: text), topology.unit(code: code) != nil else {
                        throw CLIError("Đơn vị \(text) không có trong danh sách đơn vị.")
                    }
                    return code
                }
            }
            if let wanted = codes {
                codes = wanted + topology.roots.map(\.code)
            }
            if FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent("root.key")) {
                throw CLIError("Thư mục \(out) đã có một CA (root.key); không ghi đè. Hãy chọn thư mục khác hoặc xóa thư mục cũ.")
            }
            let hostNames = try Dictionary(host.map { spec -> (UnitCode, [String]) in
                guard let equals = spec.firstIndex(of: "="), let code = try? UnitCode(parsing: String(spec[..<equals])),
                      topology.unit(code: code) != nil else {
                    throw ValidationError("--host \"\(spec)\" phải có dạng MÃ=tên với mã một đơn vị trong danh sách.")
                }
                return (code, try HostNames.parse(String(spec[spec.index(after: equals)...])))
            }, uniquingKeysWith: { _, _ in throw ValidationError("Một đơn vị chỉ khai báo --host một lần.") })
            let pki = try DevelopmentPKI.make(topology: topology, unitCodes: codes, keyKind: try key.kind(), now: Date(), hostNames: hostNames,
                                          persons: persons)
            try pki.write(to: URL(fileURLWithPath: out))
            print("Đã tạo CA gốc và chứng thư cho \(pki.units.count) đơn vị tại \(out).")
            print("Mỗi đơn vị có chứng thư ký số (signing.pem), chứng thư TLS của nút (node.pem) và chứng thư mã hóa để niêm phong hồ sơ (encryption.pem); registry.json ghi cả chứng thư mã hóa cho bản phát hành đầu tiên.")
            if let personRoot = pki.personRoot {
                print("CA chữ ký cá nhân: \(out)/person-root.pem — dấu vân tay SHA-256 \(personRoot.certificate.fingerprint); đăng ký người ký: \(out)/persons.json")
            }
            print("Chứng thư gốc: \(out)/root.pem — dấu vân tay SHA-256 \(pki.root.certificate.fingerprint)")
            print("Khóa phát hành (tỉnh): \(pki.publisher)")
        }
    }

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csr",
            abstract: "Tạo khóa bí mật và yêu cầu cấp chứng thư (CSR) để gửi lên tỉnh; khóa không bao giờ rời khỏi đơn vị."
        )

        @Option(name: .long, help: "Mã đơn vị.")
        var unit: UnitCode

        @Option(name: .long, help: "Tên đơn vị (tiếng Việt).")
        var name: String

        @Option(name: .long, help: "Tệp ghi khóa bí mật mới (PEM).")
        var keyOut: String

        @Option(name: .long, help: "Tệp ghi yêu cầu cấp chứng thư (PEM).")
        var csrOut: String

        @Option(name: .long, help: "Tên biến môi trường chứa mật khẩu để mã hóa khóa bí mật.")
        var passwordEnv: String?

        @OptionGroup var key: KeyTypeOption

        func run() throws {
            guard !FileManager.default.fileExists(atPath: keyOut) else {
                throw CLIError("Tệp \(keyOut) đã tồn tại; không ghi đè khóa bí mật.")
            }
            let password = try passwordEnv.map { variable in
                guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
                    throw CLIError("Biến môi trường \(variable) chưa được đặt.")
                }
                return value
            }
            let privateKey = try PrivateKey.generate(try key.kind())
            let request = try CertificateRequest.make(subject: DistinguishedName(commonName: name.nfc, unitCode: unit.rawValue), key: privateKey)
            try PKIFiles.writeSecret(privateKey.pem(password: password), to: URL(fileURLWithPath: keyOut))
            try PKIFiles.write(request.pem, to: URL(fileURLWithPath: csrOut))
            print("Đã tạo khóa bí mật \(keyOut) và yêu cầu cấp chứng thư \(csrOut) cho \(name.nfc) (\(unit)).")
        }
    }

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cấp chứng thư cho một yêu cầu (CSR), ký bằng CA của tỉnh."
        )

        @Option(name: .long, help: "Thư mục CA (có root.pem và root.key).")
        var ca: String

        @Option(name: .long, help: "Tệp yêu cầu cấp chứng thư (PEM).")
        var csr: String

        @Option(name: .long, help: "Mã đơn vị được cấp.")
        var unit: UnitCode

        @Option(name: .long, help: "Tên đơn vị; mặc định lấy từ yêu cầu.")
        var name: String?

        @Option(name: .long, help: "Mục đích: signing (ký số, mặc định), encryption (mã hóa, để niêm phong hồ sơ) hoặc node (TLS của nút).")
        var profile: String = "signing"

        @Option(name: .long, help: "Thời hạn, tính bằng ngày.")
        var days: Int = 730

        @Option(name: .long, help: "Tên máy của nút (bắt buộc với --profile node), cách nhau bởi dấu phẩy: tên mà các nút cấp dưới dùng để gọi tới.")
        var host: String?

        @Option(name: .long, help: "Tệp ghi chứng thư (PEM).")
        var out: String

        func run() throws {
            let root = try SigningIdentity(
                keyPEM: BinaryFile.read((ca as NSString).appendingPathComponent("root.key"), what: "khóa của CA"),
                certificatePEM: BinaryFile.read((ca as NSString).appendingPathComponent("root.pem"), what: "chứng thư của CA"))
            let request = try CertificateRequest(pem: BinaryFile.read(csr, what: "yêu cầu cấp chứng thư"))
            let certificateProfile: CertificateProfile
            switch profile {
            case "signing": certificateProfile = .signing
            case "encryption": certificateProfile = .encryption
            case "node":
                guard let host else { throw ValidationError("Chứng thư của nút cần --host: tên máy mà các nút cấp dưới dùng để gọi tới.") }
                certificateProfile = .node(hosts: try HostNames.parse(host))
            default: throw ValidationError("Mục đích \"\(profile)\" không hợp lệ: dùng signing, encryption hoặc node.")
            }
            guard (1...3650).contains(days) else { throw ValidationError("Thời hạn phải từ 1 đến 3650 ngày.") }
            let commonName = name?.nfc ?? request.commonName ?? unit.rawValue
            let certificate = try CertificateAuthority.issue(
                for: request, subject: DistinguishedName(commonName: commonName, unitCode: unit.rawValue), profile: certificateProfile,
                validity: DateInterval(start: Date().addingTimeInterval(-3600), duration: TimeInterval(days) * 86_400), issuer: root)
            try PKIFiles.write(certificate.pem, to: URL(fileURLWithPath: out))
            print("Đã cấp chứng thư \(out) cho \(commonName) (\(unit)).")
            print("Dấu vân tay SHA-256: \(certificate.fingerprint)")
            if profile == "encryption" {
                print("Đưa chứng thư mã hóa vào bản phát hành tiếp theo: baocao release publish --encryption \(unit)=\(out)")
            } else {
                print("Đăng ký chứng thư vào bản phát hành tiếp theo: baocao release publish --register \(unit)=\(out)")
            }
        }
    }
}
