import BaoCaoBundle
import BaoCaoCore
import BaoCaoExchange
import BaoCaoTesting
import Foundation
import Testing

/// The report as a signed PDF for the e-office system, checked by tools that are not
/// ours: poppler's `pdfsig` (NSS, trusting the development root through `certutil`) finds
/// the leader's and the unit's PAdES signatures valid and the last covering the whole
/// document; `pdftotext` reads back the Vietnamese text exactly; OpenSSL sees the CAdES
/// attributes. A PDF changed after signing is caught by our checker and by pdfsig.
@Suite("Signed report PDF (PAdES)")
struct SignedReportPDFTests {
    /// A development CA, a unit's signing identity and a leader's personal one.
    final class Fixture {
        let root: SigningIdentity
        let unit: SigningIdentity
        let person: SigningIdentity
        let directory: URL
        let nss: URL
        /// When the tests sign: 2026-11-30 07:53:20 in Vietnam.
        static let signingTime = Date(timeIntervalSince1970: 1_796_000_000)
        var now: Date { Self.signingTime }

        init() throws {
            let start = Self.signingTime.addingTimeInterval(-86_400)
            let rootKey = try PrivateKey.generate(.ecP256)
            root = try SigningIdentity(key: rootKey, certificate: CertificateAuthority.makeRoot(
                subject: DistinguishedName(commonName: "CA thử nghiệm Hòa Bình", unitCode: "17"), key: rootKey,
                validity: DateInterval(start: start, duration: 3650 * 86_400)))
            let unitKey = try PrivateKey.generate(.ecP256)
            unit = try SigningIdentity(key: unitKey, certificate: CertificateAuthority.issue(
                for: unitKey, subject: DistinguishedName(commonName: "Huyện Lạc Sơn", unitCode: "157"), profile: .signing,
                validity: DateInterval(start: start, duration: 730 * 86_400), issuer: root))
            person = try DevelopmentPKI.issuePerson(name: "Nguyễn Văn Thắng", unit: "157", issuer: root, now: Self.signingTime)
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-pdf-\(UUID().uuidString)")
            nss = directory.appendingPathComponent("nss")
            try PDFTools.makeNSSDatabase(at: nss, trusting: root.certificate.pem)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        func write(_ pdf: Data, _ name: String) throws -> URL {
            let url = directory.appendingPathComponent(name)
            try pdf.write(to: url)
            return url
        }
    }

    static func document(extraRows: Int = 0) -> ReportPDFDocument {
        var rows: [ReportPDFDocument.Row] = [
            .section(title: "Nông nghiệp"),
            .figure(code: "NN01", name: "Diện tích lúa", unit: "ha", value: "1.245,5"),
            .figure(code: "NN02", name: "Sản lượng lương thực có hạt", unit: "tấn", value: "12.030,125"),
            .section(title: "Lao động"),
            .figure(code: "LD01", name: "Số lao động được tạo việc làm", unit: "người", value: "63"),
        ]
        for index in 0..<extraRows {
            rows.append(.figure(code: "TK\(index + 100)", name: "Chỉ tiêu thống kê số \(index + 100) của huyện, gồm phần giải thích dài để xuống dòng trong ô",
                                unit: "người", value: "\(index),5"))
        }
        return ReportPDFDocument(
            parentName: "TỈNH HÒA BÌNH", unitName: "HUYỆN LẠC SƠN", number: "1/BC-157", placeDate: "Huyện Lạc Sơn, ngày 29 tháng 11 năm 2026",
            regimeName: "BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI HẰNG THÁNG", periodLine: "Kỳ báo cáo: 2026-11 — lần 1",
            formTitle: "Biểu tổng hợp tháng", rows: rows, narrative: "Tình hình sản xuất nông nghiệp ổn định; thu ngân sách đạt kế hoạch.",
            receiverName: "Ủy ban nhân dân tỉnh Hòa Bình", signerTitle: "THỦ TRƯỞNG ĐƠN VỊ", signerName: "Nguyễn Văn Thắng",
            sealName: "Huyện Lạc Sơn")
    }

    @Test func leaderThenUnit_pdfsigFindsBothValid_theLastCoveringTheDocument() throws {
        let fixture = try Fixture()
        let pdf = try SignedReportPDF.make(Self.document(), person: fixture.person, unit: fixture.unit, at: fixture.now)
        let report = try PDFTools.pdfsig(try fixture.write(pdf, "signed.pdf"), nssDirectory: fixture.nss)
        let sections = PDFTools.signatureSections(report)
        #expect(sections.count == 2, "\(report)")
        guard sections.count == 2 else { return }
        #expect(sections[0].contains("Nguyễn Văn Thắng"), "\(report)")
        #expect(sections[1].contains("Huyện Lạc Sơn"), "\(report)")
        for section in sections {
            #expect(section.contains("Signature Validation: Signature is Valid."), "\(report)")
            #expect(section.contains("Certificate Validation: Certificate is Trusted."), "\(report)")
            #expect(section.contains("Signature Type: ETSI.CAdES.detached"), "\(report)")
        }
        #expect(sections[0].contains("Not total document signed"), "\(report)")
        #expect(sections[1].contains("Total document signed") && !sections[1].contains("Not total document signed"), "\(report)")

        let check = PDFSignatureCheck(pdf: pdf, anchors: try TrustStore(anchors: [fixture.root.certificate]))
        #expect(check.isValid, "\(check.reasons)")
        #expect(check.signatures.map(\.signerName) == ["Nguyễn Văn Thắng", "Huyện Lạc Sơn"])
        #expect(check.signatures.map(\.coversWholeFile) == [false, true])
    }

    @Test func pdftotext_readsBackTheVietnameseText() throws {
        let fixture = try Fixture()
        let pdf = try SignedReportPDF.make(Self.document(), person: fixture.person, unit: fixture.unit, at: fixture.now)
        let text = try PDFTools.pdftotext(try fixture.write(pdf, "text.pdf"))
        for expected in ["HUYỆN LẠC SƠN", "TỈNH HÒA BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                         "Huyện Lạc Sơn, ngày 29 tháng 11 năm 2026", "BÁO CÁO\nTÌNH HÌNH KINH TẾ - XÃ HỘI HẰNG THÁNG",
                         "Diện tích lúa", "1.245,5", "12.030,125", "Số lao động được tạo việc làm",
                         "Tình hình sản xuất nông nghiệp ổn định", "THỦ TRƯỞNG ĐƠN VỊ", "Nguyễn Văn Thắng"] {
            #expect(text.contains(expected), "missing \(expected) in \(text)")
        }
        // The fonts are embedded (no substitute on another machine).
        let fonts = try PDFTools.run("pdffonts", [fixture.directory.appendingPathComponent("text.pdf").path], allowFailure: false).output
        #expect(fonts.contains("NotoSerif"), "\(fonts)")
        for line in fonts.split(separator: "\n").dropFirst(2) {
            #expect(line.split(separator: " ", omittingEmptySubsequences: true).dropLast(4).last == "yes", "font not embedded: \(line)")
        }
    }

    @Test func longTable_isPaginated_withItsHeaderRepeated() throws {
        let fixture = try Fixture()
        let document = Self.document(extraRows: 90)
        let rendered = try ReportPageRenderer().render(document)
        #expect(rendered.pageCount >= 3)
        let url = try fixture.write(try SignedReportPDF.make(document, person: nil, unit: fixture.unit, at: fixture.now), "long.pdf")
        let second = try PDFTools.pdftotext(url, page: 2)
        #expect(second.contains("Chỉ tiêu") && second.contains("Số liệu"), "\(second)")
        #expect(second.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "2" }, "no page number: \(second)")
        let all = try PDFTools.pdftotext(url)
        #expect(all.contains("TK189") && all.contains("89,5"))
        // The signatures are on the page of the signature block: the last.
        #expect(rendered.placement.pageIndex == rendered.pageCount - 1)
        let report = try PDFTools.pdfsig(url, nssDirectory: fixture.nss)
        #expect(report.contains("Signature is Valid.") && report.contains("Total document signed"), "\(report)")
    }

    @Test func withoutLeader_onlyTheUnitSigns() throws {
        let fixture = try Fixture()
        let pdf = try SignedReportPDF.make(Self.document(), person: nil, unit: fixture.unit, at: fixture.now)
        let report = try PDFTools.pdfsig(try fixture.write(pdf, "unit.pdf"), nssDirectory: fixture.nss)
        #expect(PDFTools.signatureSections(report).count == 1, "\(report)")
        #expect(report.contains("Huyện Lạc Sơn") && report.contains("Signature is Valid.") && report.contains("Total document signed"), "\(report)")
        #expect(PDFSignatureCheck(pdf: pdf).signatures.count == 1)
    }

    @Test func signature_isCAdES_withSigningCertificateV2_andFormFlags() throws {
        let fixture = try Fixture()
        let pdf = try SignedReportPDF.make(Self.document(), person: fixture.person, unit: fixture.unit, at: fixture.now)
        let text = String(decoding: pdf, as: Unicode.ASCII.self)
        #expect(text.contains("/SubFilter /ETSI.CAdES.detached") && text.contains("/Filter /Adobe.PPKLite"))
        #expect(text.contains("/SigFlags 3"))
        // The time in /M is Vietnam's (2026-11-30 00:53:20 UTC).
        #expect(text.contains("/M (D:20261130075320+07'00')"))
        // The last signature's CMS, read by OpenSSL.
        guard let ranges = text.ranges(of: "/Contents <").last, let close = text[ranges.upperBound...].firstIndex(of: ">") else {
            Issue.record("no /Contents")
            return
        }
        let hex = text[ranges.upperBound..<close]
        var der = Data()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            der.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        let cms = fixture.directory.appendingPathComponent("unit.p7s")
        try der.write(to: cms)
        let printed = try PDFTools.run("openssl", ["cms", "-cmsout", "-print", "-inform", "DER", "-in", cms.path]).output
        #expect(printed.contains("id-smime-aa-signingCertificateV2"), "\(printed.prefix(3000))")
        #expect(printed.contains("messageDigest") && printed.contains("contentType"))
    }

    @Test func byteChangedInTheSignedRange_isNamed_andPdfsigNoLongerSaysValid() throws {
        let fixture = try Fixture()
        var pdf = try SignedReportPDF.make(Self.document(), person: fixture.person, unit: fixture.unit, at: fixture.now)
        // One byte of the page's metadata, covered by both signatures.
        let marker = Data("/Producer (".utf8)
        let found = try #require(pdf.range(of: marker))
        pdf[found.upperBound] ^= 0x20
        let check = PDFSignatureCheck(pdf: pdf)
        #expect(!check.isValid)
        #expect(check.signatures.count == 2)
        for signature in check.signatures {
            #expect(signature.problem?.contains("đã bị sửa trong phần được ký") == true, "\(check.reasons)")
        }
        let report = try PDFTools.pdfsig(try fixture.write(pdf, "altered.pdf"), nssDirectory: fixture.nss)
        #expect(!report.contains("Signature is Valid."), "\(report)")
    }

    @Test func contentAppendedAfterTheLastSignature_isNamed_andNotTotal() throws {
        let fixture = try Fixture()
        var pdf = try SignedReportPDF.make(Self.document(), person: fixture.person, unit: fixture.unit, at: fixture.now)
        pdf += Data("\n% thêm vào sau khi ký\n".utf8)
        let check = PDFSignatureCheck(pdf: pdf)
        #expect(!check.isValid)
        #expect(check.signatures.allSatisfy { $0.problem == nil })
        #expect(check.problems.contains { $0.contains("byte được thêm vào sau chữ ký cuối cùng (của Huyện Lạc Sơn)") }, "\(check.problems)")
        let report = try PDFTools.pdfsig(try fixture.write(pdf, "appended.pdf"), nssDirectory: fixture.nss)
        #expect(!report.contains("- Total document signed"), "\(report)")
        #expect(PDFTools.signatureSections(report).allSatisfy { $0.contains("Not total document signed") }, "\(report)")
    }

    @Test func untrustedSigner_isNamed_whenAnchorsAreGiven() throws {
        let fixture = try Fixture()
        let pdf = try SignedReportPDF.make(Self.document(), person: fixture.person, unit: fixture.unit, at: fixture.now)
        let otherKey = try PrivateKey.generate(.ecP256)
        let other = try CertificateAuthority.makeRoot(subject: DistinguishedName(commonName: "CA khác"), key: otherKey,
                                                      validity: DateInterval(start: Date().addingTimeInterval(-60), duration: 86_400))
        let check = PDFSignatureCheck(pdf: pdf, anchors: try TrustStore(anchors: [other]))
        #expect(!check.isValid)
        #expect(check.signatures.allSatisfy { $0.problem?.contains("không do tổ chức chứng thực được tin cậy cấp") == true }, "\(check.reasons)")
    }

    @Test func expiredLeaderCertificate_isRefused_beforeAnythingIsSigned() throws {
        let fixture = try Fixture()
        let expired = try DevelopmentPKI.issuePerson(name: "Trần Thị Hết Hạn", unit: "157", issuer: fixture.root,
                                                     now: fixture.now.addingTimeInterval(-10 * 86_400), validityDays: 2)
        do {
            _ = try SignedReportPDF.make(Self.document(), person: expired, unit: fixture.unit, at: fixture.now)
            Issue.record("an expired certificate signed")
        } catch let error as PDFError {
            #expect(error.code == .certificateNotUsable)
            #expect(error.message.contains("Chứng thư số của lãnh đạo (Trần Thị Hết Hạn) đã hết hạn từ"), "\(error.message)")
        }
        // A CA's certificate is not a signer's.
        #expect(throws: PDFError.self) { try SignedReportPDF.make(Self.document(), person: nil, unit: fixture.root, at: fixture.now) }
    }

    @Test func hostileByteRanges_andContents_areNamed_neverTrusted() throws {
        let fixture = try Fixture()
        let pdf = try SignedReportPDF.make(Self.document(), person: nil, unit: fixture.unit, at: fixture.now)
        #expect(!PDFSignatureCheck(pdf: Data("%PDF-1.5\nnot signed\n%%EOF\n".utf8)).isValid)
        #expect(PDFSignatureCheck(pdf: Data("%PDF-1.5\n".utf8)).problems == ["Tệp PDF không có chữ ký số nào."])
        // Numbers that would overflow, point outside the file or not at the signature.
        for range in ["[0 99999999999999999 9223372036854775807 9223372036854775807]", "[0 10 20 30]", "[5 10 20 30]", "[0 -1 4 4]"] {
            let hostile = Data("%PDF-1.5\n<< /ByteRange \(range) /Contents <3000> >>\n".utf8)
            let check = PDFSignatureCheck(pdf: hostile)
            #expect(!check.isValid)
            #expect(check.signatures.first?.problem?.contains("/ByteRange") == true, "\(range): \(check.reasons)")
        }
        // The signature's own range, its contents replaced by bytes that are not CMS.
        var broken = pdf
        let offset = try #require(pdf.range(of: Data("/Contents <".utf8))).upperBound
        broken.replaceSubrange(offset..<(offset + 4), with: Data("4142".utf8))
        let check = PDFSignatureCheck(pdf: broken)
        #expect(!check.isValid)
        #expect(check.signatures.first?.problem?.contains("không phải dữ liệu CMS") == true, "\(check.reasons)")
    }
}

extension SignedReportPDFTests {
    /// A signature without the ESS signing-certificate-v2 attribute (a plain CMS, as a
    /// bundle's) put in the unit's place verifies mathematically, but is not PAdES: named.
    @Test func signatureWithoutSigningCertificateV2_isNotPAdES() throws {
        let fixture = try Fixture()
        var pdf = try SignedReportPDF.make(Self.document(), person: nil, unit: fixture.unit, at: fixture.now)
        let ranges = try #require(PDFSignatureCheck.byteRanges(in: [UInt8](pdf)).last)
        let signed = pdf[0..<ranges[1]] + pdf[ranges[2]..<(ranges[2] + ranges[3])]
        let plain = try DetachedSignature.sign(Data(signed), with: fixture.unit, at: fixture.now).der
        let hex = Data(plain.map { String(format: "%02X", $0) }.joined().utf8)
        pdf.replaceSubrange((ranges[1] + 1)..<(ranges[1] + 1 + hex.count), with: hex)
        let check = PDFSignatureCheck(pdf: pdf)
        #expect(!check.isValid)
        #expect(check.signatures.first?.problem?.contains("thiếu thuộc tính signing-certificate-v2") == true, "\(check.reasons)")
    }
}
