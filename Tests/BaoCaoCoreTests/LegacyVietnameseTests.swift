import Foundation
import Testing
@testable import BaoCaoCore

/// The published tables, written out letter by letter (independently of the code under
/// test), with tones in the order ngang, huyền, sắc, hỏi, ngã, nặng.
private enum Tables {
    /// TCVN3 (VN3) bytes of the lower-case letters.
    static let tcvn3Lower: [(letters: String, bytes: [UInt8])] = [
        ("a à á ả ã ạ", [0x61, 0xB5, 0xB8, 0xB6, 0xB7, 0xB9]),
        ("ă ằ ắ ẳ ẵ ặ", [0xA8, 0xBB, 0xBE, 0xBC, 0xBD, 0xC6]),
        ("â ầ ấ ẩ ẫ ậ", [0xA9, 0xC7, 0xCA, 0xC8, 0xC9, 0xCB]),
        ("e è é ẻ ẽ ẹ", [0x65, 0xCC, 0xD0, 0xCE, 0xCF, 0xD1]),
        ("ê ề ế ể ễ ệ", [0xAA, 0xD2, 0xD5, 0xD3, 0xD4, 0xD6]),
        ("i ì í ỉ ĩ ị", [0x69, 0xD7, 0xDD, 0xD8, 0xDC, 0xDE]),
        ("o ò ó ỏ õ ọ", [0x6F, 0xDF, 0xE3, 0xE1, 0xE2, 0xE4]),
        ("ô ồ ố ổ ỗ ộ", [0xAB, 0xE5, 0xE8, 0xE6, 0xE7, 0xE9]),
        ("ơ ờ ớ ở ỡ ợ", [0xAC, 0xEA, 0xED, 0xEB, 0xEC, 0xEE]),
        ("u ù ú ủ ũ ụ", [0x75, 0xEF, 0xF3, 0xF1, 0xF2, 0xF4]),
        ("ư ừ ứ ử ữ ự", [0xAD, 0xF5, 0xF8, 0xF6, 0xF7, 0xF9]),
        ("y ỳ ý ỷ ỹ ỵ", [0x79, 0xFA, 0xFD, 0xFB, 0xFC, 0xFE]),
        ("đ", [0xAE]),
    ]

    /// The capitals VN3 has a byte for: the ones without a tone.
    static let tcvn3Capitals: [(letter: String, byte: UInt8)] = [
        ("A", 0x41), ("Ă", 0xA1), ("Â", 0xA2), ("E", 0x45), ("Ê", 0xA3), ("I", 0x49), ("O", 0x4F), ("Ô", 0xA4),
        ("Ơ", 0xA5), ("U", 0x55), ("Ư", 0xA6), ("Y", 0x59), ("Đ", 0xA7),
    ]

    /// VNI-Windows, as the cp1252 characters the bytes show as in a Western font.
    static let vni: [(letters: String, vni: String)] = [
        ("a à á ả ã ạ", "a aø aù aû aõ aï"), ("A À Á Ả Ã Ạ", "A AØ AÙ AÛ AÕ AÏ"),
        ("ă ằ ắ ẳ ẵ ặ", "aê aè aé aú aü aë"), ("Ă Ằ Ắ Ẳ Ẵ Ặ", "AÊ AÈ AÉ AÚ AÜ AË"),
        ("â ầ ấ ẩ ẫ ậ", "aâ aà aá aå aã aä"), ("Â Ầ Ấ Ẩ Ẫ Ậ", "AÂ AÀ AÁ AÅ AÃ AÄ"),
        ("e è é ẻ ẽ ẹ", "e eø eù eû eõ eï"), ("E È É Ẻ Ẽ Ẹ", "E EØ EÙ EÛ EÕ EÏ"),
        ("ê ề ế ể ễ ệ", "eâ eà eá eå eã eä"), ("Ê Ề Ế Ể Ễ Ệ", "EÂ EÀ EÁ EÅ EÃ EÄ"),
        ("i ì í ỉ ĩ ị", "i ì í æ ó ò"), ("I Ì Í Ỉ Ĩ Ị", "I Ì Í Æ Ó Ò"),
        ("o ò ó ỏ õ ọ", "o oø où oû oõ oï"), ("O Ò Ó Ỏ Õ Ọ", "O OØ OÙ OÛ OÕ OÏ"),
        ("ô ồ ố ổ ỗ ộ", "oâ oà oá oå oã oä"), ("Ô Ồ Ố Ổ Ỗ Ộ", "OÂ OÀ OÁ OÅ OÃ OÄ"),
        ("ơ ờ ớ ở ỡ ợ", "ô ôø ôù ôû ôõ ôï"), ("Ơ Ờ Ớ Ở Ỡ Ợ", "Ô ÔØ ÔÙ ÔÛ ÔÕ ÔÏ"),
        ("u ù ú ủ ũ ụ", "u uø uù uû uõ uï"), ("U Ù Ú Ủ Ũ Ụ", "U UØ UÙ UÛ UÕ UÏ"),
        ("ư ừ ứ ử ữ ự", "ö öø öù öû öõ öï"), ("Ư Ừ Ứ Ử Ữ Ự", "Ö ÖØ ÖÙ ÖÛ ÖÕ ÖÏ"),
        ("y ỳ ý ỷ ỹ ỵ", "y yø yù yû yõ î"), ("Y Ỳ Ý Ỷ Ỹ Ỵ", "Y YØ YÙ YÛ YÕ Î"),
        ("đ", "ñ"), ("Đ", "Ñ"),
    ]

    /// The bytes of a string of Latin-1 characters (all the VNI table uses).
    static func latin1(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { UInt8($0.value) }
    }

    static func pairs(_ letters: String, _ codes: String) -> [(String, String)] {
        Array(zip(letters.split(separator: " ").map(String.init), codes.split(separator: " ").map(String.init)))
    }
}

/// Real Vietnamese, as officials write it.
private let sentences = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Ủy ban nhân dân tỉnh Thừa Thiên Huế",
    "Báo cáo tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2025",
    "Số lượng hộ nghèo giảm còn 3,2% so với cùng kỳ năm trước.",
    "Đề nghị các đơn vị gửi báo cáo trước ngày 15 hằng tháng.",
    "Trường trung học phổ thông Nguyễn Trãi, huyện Yên Thế",
    "Quyết định về việc phê duyệt dự toán ngân sách nhà nước",
    "Khuyến khích người dân tham gia bảo hiểm y tế tự nguyện",
    "Thủy lợi, khỏe mạnh, hoà giải, quý khách",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Theo đề nghị của Giám đốc Sở Kế hoạch và Đầu tư,",
    "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý dữ liệu thống kê.",
    "Tổng giá trị sản xuất ngành nông nghiệp ước đạt 12.345 tỷ đồng, tăng 4,5%.",
    "Chánh Văn phòng, Thủ trưởng các sở, ban, ngành chịu trách nhiệm thi hành Quyết định này.",
    "Nơi nhận: Như Điều 3; Lưu: VT.",
    "Tình hình dịch bệnh trên đàn gia súc, gia cầm được kiểm soát tốt.",
    "Số học sinh bỏ học giữa chừng ở bậc trung học cơ sở vẫn còn cao.",
    "Xã Mường Khương, huyện Bắc Hà, tỉnh Lào Cai",
    "Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
    "Tỷ lệ hộ gia đình sử dụng nước sạch đạt 98%.",
    "Khẩn trương hoàn thành việc thu thập, tổng hợp số liệu trước ngày 20.",
]

@Suite("Legacy Vietnamese encodings")
struct LegacyVietnameseTests {
    // MARK: Letter tables

    /// Every lower-case letter, all six tones, decodes from its TCVN3 byte, from .VnTime
    /// garbled Unicode, and encodes back to the byte.
    @Test func tcvn3_everyLowerCaseLetter() throws {
        for (letters, bytes) in Tables.tcvn3Lower {
            for (letter, byte) in zip(letters.split(separator: " ").map(String.init), bytes) {
                #expect(LegacyVietnamese.decode([byte], encoding: .tcvn3) == letter, "TCVN3 \(letter)")
                let garbled = String(Character(Unicode.Scalar(byte)))  // what Excel shows in .VnTime
                #expect(LegacyVietnamese.decode(garbled, encoding: .tcvn3) == letter, "TCVN3 garbled \(letter)")
                #expect(try LegacyVietnamese.encode(letter, encoding: .tcvn3) == [byte], "TCVN3 encode \(letter)")
            }
        }
    }

    /// Every capital: the seven without a tone have bytes of their own; every capital,
    /// toned or not, is the lower-case byte in a capitals font (.VnTimeH).
    @Test func tcvn3_everyCapital_throughTheCapitalsFont() throws {
        for (letter, byte) in Tables.tcvn3Capitals {
            #expect(LegacyVietnamese.decode([byte], encoding: .tcvn3) == letter, "TCVN3 \(letter)")
            #expect(try LegacyVietnamese.encode(letter, encoding: .tcvn3) == [byte], "TCVN3 encode \(letter)")
        }
        let font = try #require(LegacyFont.encoding(ofFontName: ".VnTimeH"))
        #expect(font.encoding == .tcvn3 && font.capitals)
        for (letters, bytes) in Tables.tcvn3Lower {
            for (letter, byte) in zip(letters.split(separator: " ").map(String.init), bytes) {
                let capital = letter.uppercased()
                #expect(LegacyVietnamese.decode([byte], encoding: .tcvn3, capitals: true) == capital, "TCVN3 .VnTimeH \(capital)")
                let garbled = String(Character(Unicode.Scalar(byte)))
                #expect(LegacyVietnamese.decode(garbled, encoding: font.encoding, capitals: font.capitals) == capital, ".VnTimeH cell \(capital)")
                #expect(try LegacyVietnamese.encode(capital, encoding: .tcvn3, capitals: true) == [byte], "TCVN3 .VnTimeH encode \(capital)")
            }
        }
    }

    /// VN3 has no capital with a tone: writing one without the capitals font is refused, naming the letter.
    @Test func tcvn3_toneCapitalWithoutCapitalsFont_isRefused() {
        do {
            _ = try LegacyVietnamese.encode("dòng 1\nỞ đây", encoding: .tcvn3)
            Issue.record("Ở has no TCVN3 byte")
        } catch {
            #expect(error.code == .unencodableLegacyText)
            #expect(error.message == "Dòng 2: ký tự \"Ở\" không có trong bảng mã TCVN3 (ABC); chữ hoa có dấu chỉ viết được bằng phông chữ hoa (.VnTimeH).")
        }
    }

    /// Every letter, both cases, all six tones, decodes from its VNI bytes (raw and as a
    /// VNI-Times cell) and encodes back to them.
    @Test func vni_everyLetter_bothCases() throws {
        var count = 0
        for (letters, codes) in Tables.vni {
            for (letter, code) in Tables.pairs(letters, codes) {
                let bytes = Tables.latin1(code)
                #expect(LegacyVietnamese.decode(bytes, encoding: .vni) == letter, "VNI \(letter) from \(code)")
                #expect(LegacyVietnamese.decode(code, encoding: .vni) == letter, "VNI cell \(letter) from \(code)")
                #expect(try LegacyVietnamese.encode(letter, encoding: .vni) == bytes, "VNI encode \(letter)")
                count += 1
            }
        }
        #expect(count == 2 * (12 * 6 + 1))
    }

    /// A capital base letter followed by a lower-case diacritic byte (mixed typing) still makes the capital.
    @Test func vni_diacriticCase_followsTheBaseLetter() {
        #expect(LegacyVietnamese.decode(Tables.latin1("Aù Eâ Oä aÙ"), encoding: .vni) == "Á Ê Ộ á")
    }

    // MARK: Against glibc

    /// The TCVN3 table is glibc's `TCVN5712-1` from 0x20 up, except the two documented
    /// differences: C0 controls stay controls (VN1 puts capitals on 01–17) and 0x80–0x9F
    /// are cp1252's symbols (VN1 puts capitals there), as in ABC documents.
    @Test func tcvn3_matchesGlibcIconv_exceptDocumentedDifferences() throws {
        let bytes = (0...255).map(UInt8.init).filter { $0 != 0x0A }
        let glibc = try Iconv.decode(bytes.flatMap { [$0, 0x0A] }, from: "TCVN5712-1").unicodeScalars
            .split(separator: "\n", omittingEmptySubsequences: false)
        try #require(glibc.count >= bytes.count)
        var differing: [UInt8] = []
        for (byte, theirs) in zip(bytes, glibc) {
            let ours = LegacyVietnamese.decode([byte], encoding: .tcvn3)
            if !ours.unicodeScalars.elementsEqual(theirs) { differing.append(byte) }
        }
        let expected: [UInt8] = [0x01, 0x02, 0x04, 0x05, 0x06, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17] + Array(0x80...0x9F)
        #expect(differing == expected, "\(differing.map { String($0, radix: 16) })")
        // Where we differ, we give what VN3 and cp1252 say.
        for byte in expected where byte < 0x20 {
            #expect(LegacyVietnamese.decode([byte], encoding: .tcvn3).unicodeScalars.first?.value == UInt32(byte))
        }
        let cp1252 = try Iconv.decode(Array(0x80...0x9F).filter { ![0x81, 0x8D, 0x8F, 0x90, 0x9D].contains($0) }.flatMap { [$0, 0x0A] }, from: "CP1252")
        let ours = Array(0x80...0x9F).filter { ![0x81, 0x8D, 0x8F, 0x90, 0x9D].contains($0) }.map { LegacyVietnamese.decode([UInt8($0)], encoding: .tcvn3) }
        #expect(cp1252.unicodeScalars.split(separator: "\n").map { String(String.UnicodeScalarView($0)) } == ours)
    }

    // MARK: Sentences and round trips

    @Test func knownLegacySentences_decode() {
        #expect(LegacyVietnamese.decode(Tables.latin1("Céng hoµ x· héi chñ nghÜa ViÖt Nam"), encoding: .tcvn3) == "Cộng hoà xã hội chủ nghĩa Việt Nam")
        #expect(LegacyVietnamese.decode(Tables.latin1("§éc lËp - Tù do - H¹nh phóc"), encoding: .tcvn3) == "Độc lập - Tự do - Hạnh phúc")
        #expect(LegacyVietnamese.decode(Tables.latin1("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"), encoding: .vni) == "Cộng hòa xã hội chủ nghĩa Việt Nam")
        #expect(LegacyVietnamese.decode(Tables.latin1("Ñoäc laäp - Töï do - Haïnh phuùc"), encoding: .vni) == "Độc lập - Tự do - Hạnh phúc")
        #expect(LegacyVietnamese.decode(Tables.latin1("Ñöôøng Nguyeãn Tröôøng Toä"), encoding: .vni) == "Đường Nguyễn Trường Tộ")
    }

    /// Text survives encode then decode; capitals go through the capitals font in TCVN3.
    @Test func roundTrip_sentences() throws {
        for sentence in sentences {
            let vni = try LegacyVietnamese.encode(sentence, encoding: .vni)
            #expect(LegacyVietnamese.decode(vni, encoding: .vni) == sentence, "VNI \(sentence)")
            let upper = sentence.uppercased()
            let heading = try LegacyVietnamese.encode(upper, encoding: .tcvn3, capitals: true)
            #expect(LegacyVietnamese.decode(heading, encoding: .tcvn3, capitals: true) == upper, "TCVN3 .VnTimeH \(upper)")
            let lower = sentence.lowercased()
            #expect(LegacyVietnamese.decode(try LegacyVietnamese.encode(lower, encoding: .tcvn3), encoding: .tcvn3) == lower, "TCVN3 \(lower)")
        }
    }

    /// Decoding output is NFC, even from TCVN3's VN2 combining tone marks.
    @Test func decode_outputIsNFC() {
        #expect(LegacyVietnamese.decode([0x61, 0xB3], encoding: .tcvn3) == "á")
        #expect(LegacyVietnamese.decode([0x61, 0xB3], encoding: .tcvn3).unicodeScalars.count == 1)
    }

    // MARK: Fonts and Excel cells

    @Test(arguments: [
        (".VnTime", LegacyVietnameseEncoding.tcvn3, false), (".VnTimeH", .tcvn3, true), (".VnArial", .tcvn3, false),
        (".VnArialH", .tcvn3, true), (" .VnArial NarrowH ", .tcvn3, true), (".VnCentury Schoolbook", .tcvn3, false),
        ("VNI-Times", .vni, false), ("VNI-Helve", .vni, false), ("vni-aptima", .vni, false), ("VNI-Helve-Condense", .vni, false),
    ])
    func fontName_givesEncoding(name: String, encoding: LegacyVietnameseEncoding, capitals: Bool) throws {
        let found = try #require(LegacyFont.encoding(ofFontName: name), "\(name)")
        #expect(found.encoding == encoding && found.capitals == capitals, "\(name)")
    }

    @Test(arguments: ["Times New Roman", "Arial", "Calibri", "VNI", ".Vn", "VnTime", ""])
    func fontName_unicodeFonts_giveNil(name: String) {
        #expect(LegacyFont.encoding(ofFontName: name) == nil, "\(name)")
    }

    /// Excel cells typed in a legacy font arrive as garbled Unicode; the font name says how to read them.
    @Test(arguments: [
        ("ViÖt Nam", ".VnTime", "Việt Nam"),
        ("ñy ban nh©n d©n huyÖn", ".VnTime", "ủy ban nhân dân huyện"),
        ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", ".VnTimeH", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("B¸o c¸o th¸ng 3 – “kÕ ho¹ch”", ".VnArial", "Báo cáo tháng 3 – “kế hoạch”"),
        ("Vieät Nam", "VNI-Times", "Việt Nam"),
        ("Thaønh phoá Hoà Chí Minh", "VNI-Helve", "Thành phố Hồ Chí Minh"),
        ("THAØNH PHOÁ HOÀ CHÍ MINH", "VNI-Times", "THÀNH PHỐ HỒ CHÍ MINH"),
    ])
    func excelCell_withLegacyFont_decodes(cell: String, font: String, expected: String) throws {
        let found = try #require(LegacyFont.encoding(ofFontName: font))
        #expect(LegacyVietnamese.decode(cell, encoding: found.encoding, capitals: found.capitals) == expected)
    }

    /// Genuine Unicode letters in a garbled cell cannot come from the font and stay.
    @Test func garbledDecode_keepsCharactersOutsideCP1252() {
        #expect(LegacyVietnamese.decode("ViÖt Nam – Việt Nam", encoding: .tcvn3) == "Việt Nam – Việt Nam")
    }

    // MARK: Detection

    @Test func detect_bytes_recognisesEachEncoding() throws {
        let text = sentences.joined(separator: "\n")
        #expect(LegacyTextDetector.detect(bytes: Array("Bao cao thang 3\n".utf8)) == .ascii)
        #expect(LegacyTextDetector.detect(bytes: Array(text.utf8)) == .utf8)
        #expect(LegacyTextDetector.detect(bytes: try LegacyVietnamese.encode(text, encoding: .vni)) == .vni)
        #expect(LegacyTextDetector.detect(bytes: try LegacyVietnamese.encode(text.lowercased(), encoding: .tcvn3)) == .tcvn3)
        // One sentence each is enough.
        for sentence in sentences {
            #expect(LegacyTextDetector.detect(bytes: try LegacyVietnamese.encode(sentence, encoding: .vni)) == .vni, "\(sentence)")
            let lower = sentence.lowercased()
            #expect(LegacyTextDetector.detect(bytes: try LegacyVietnamese.encode(lower, encoding: .tcvn3)) == .tcvn3, "\(lower)")
        }
    }

    /// When both tables give Vietnamese, or there is a single word, or neither table fits: refuse.
    @Test func detect_bytes_refusesWhenUnsure() {
        // VNI "cơ tư mì" reads as TCVN3 "cụ tử mỡ": both are Vietnamese.
        #expect(LegacyTextDetector.detect(bytes: Tables.latin1("c\u{F4} t\u{F6} m\u{EC}")) == .ambiguous)
        // One word.
        #expect(LegacyTextDetector.detect(bytes: Tables.latin1("ViÖt Nam")) == .ambiguous)
        // French in cp1252.
        #expect(LegacyTextDetector.detect(bytes: Tables.latin1("Café crème à Paris, été comme hiver")) == .ambiguous)
    }

    /// Unicode Vietnamese is never taken for legacy text, whichever cp1252 letters it holds (Ð ð Õ à…).
    @Test func detect_text_neverConvertsRealVietnamese() throws {
        let real = sentences + [
            "Ðà Lạt", "Ðinh Tiên Hoàng", "ÐÔNG HÀ", "Ðồng Nai", "ðường", "NGÕ 5", "Võ Văn Kiệt", "Phú Yên", "Cà Mau",
            "Tây Ninh", "Bà Chúa Xứ", "Lào Cai", "Yên Bái", "Trà Vinh", "Hòa Bình", "Khánh Hoà", "Ðiện Biên Phủ",
            "Ông Õ và bà Ðào", "Tân Phú, Bình Tân", "Côn Ðảo", "Mê Linh", "Gò Vấp", "Xuân Lộc", "Hà Tiên",
            "Thành phố Hồ Chí Minh", "Nguyễn Thị Minh Khai", "Bến Tre", "Sóc Trăng", "Hậu Giang", "Ðắk Nông",
            "Chí Linh", "Tô Hiến Thành", "Cầu Giấy", "Ô Môn", "Lê Lợi", "Bù Ðốp", "ÐẢNG CỘNG SẢN VIỆT NAM",
            sentences.joined(separator: " ").decomposedStringWithCanonicalMapping,
        ]
        for text in real {
            let detection = LegacyTextDetector.detect(text: text)
            #expect(detection == .utf8, "\(text): \(detection)")
            #expect(LegacyTextDetector.detect(bytes: Array(text.utf8)) == .utf8, "\(text)")
            let conversion = try LegacyVietnamese.convert(Array(text.utf8), fileName: "t.txt")
            #expect(conversion.wasAlreadyUnicode && conversion.text == text.nfc, "\(text)")
        }
        // Lines with real Vietnamese letters stay even when an encoding is named.
        for text in sentences {
            for encoding in LegacyVietnameseEncoding.allCases {
                let conversion = try LegacyVietnamese.convert(Array(text.utf8), from: encoding, fileName: "t.txt")
                #expect(conversion.text == text && conversion.convertedLines.isEmpty, "\(text) \(encoding)")
            }
        }
    }

    /// Garbled Unicode without a font name: recognised when it is plain, refused when too short.
    @Test func detect_text_recognisesGarbledCells() {
        #expect(LegacyTextDetector.detect(text: "Céng hoµ x· héi chñ nghÜa ViÖt Nam") == .tcvn3)
        #expect(LegacyTextDetector.detect(text: "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == .vni)
        #expect(LegacyTextDetector.detect(text: "ViÖt") == .ambiguous)
        // Each sentence, as a cell typed in VNI-Times or (lower case) in .VnTime.
        for sentence in sentences {
            let vni = String(String.UnicodeScalarView(try! LegacyVietnamese.encode(sentence, encoding: .vni).map { Windows1252.scalar(for: $0) }))
            #expect(LegacyTextDetector.detect(text: vni) == .vni, "\(vni)")
            let lower = sentence.lowercased()
            let tcvn3 = String(String.UnicodeScalarView(try! LegacyVietnamese.encode(lower, encoding: .tcvn3).map { Windows1252.scalar(for: $0) }))
            #expect(LegacyTextDetector.detect(text: tcvn3) == .tcvn3, "\(tcvn3)")
        }
        #expect(LegacyTextDetector.detect(text: "Bao cao") == .ascii)
        #expect(LegacyTextDetector.detect(text: "Größe, Café") == .utf8)
        #expect(LegacyTextDetector.detect(text: "北京 ViÖt") == .utf8)
    }

    // MARK: Converting files

    /// A mixed file: UTF-8 lines kept, TCVN3 lines converted, the encoding detected from them, reported line by line.
    @Test func convert_mixedFile_convertsLegacyLinesOnly() throws {
        var bytes = Array("Báo cáo quý I\n".utf8)
        bytes += Tables.latin1("Céng hoµ x· héi chñ nghÜa ViÖt Nam\n")
        bytes += Array("Mã số: 01\n".utf8)
        bytes += Tables.latin1("§éc lËp - Tù do - H¹nh phóc\n")
        #expect(LegacyTextDetector.detect(bytes: bytes) == .tcvn3)
        let conversion = try LegacyVietnamese.convert(bytes, fileName: "mixed.txt")
        #expect(conversion.text == "Báo cáo quý I\nCộng hoà xã hội chủ nghĩa Việt Nam\nMã số: 01\nĐộc lập - Tự do - Hạnh phúc\n")
        #expect(conversion.encoding == .tcvn3)
        #expect(conversion.convertedLines == [2, 4])
        #expect(conversion.unicodeLineCount == 2)
        #expect(conversion.lineCount == 4)
        #expect(conversion.garbledLineCount == 0)
    }

    /// A UTF-8 CSV exported from a sheet typed in VNI-Times: the garbled lines are converted, the real ones kept.
    @Test func convert_utf8FileWithGarbledLines() throws {
        let text = "Mã,Tên\r\n01,Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\r\n02,Ñoäc laäp - Töï do - Haïnh phuùc\r\n03,Thành phố Huế\r\n"
        let conversion = try LegacyVietnamese.convert(Array(text.utf8), fileName: "cells.csv")
        #expect(conversion.text == "Mã,Tên\r\n01,Cộng hòa xã hội chủ nghĩa Việt Nam\r\n02,Độc lập - Tự do - Hạnh phúc\r\n03,Thành phố Huế\r\n")
        #expect(conversion.encoding == .vni)
        #expect(conversion.convertedLines == [2, 3])
        #expect(conversion.garbledLineCount == 2)
    }

    /// Legacy bytes whose encoding cannot be told: one Vietnamese message naming both choices.
    @Test func convert_ambiguous_throwsWithAdvice() throws {
        do {
            _ = try LegacyVietnamese.convert(Tables.latin1("c\u{F4} t\u{F6} m\u{EC}\n"), fileName: "cu.txt")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == .ambiguousLegacyEncoding)
            #expect(error.message == "Không xác định được bảng mã của tệp cu.txt (có thể là TCVN3 hoặc VNI; tệp đọc được theo cả hai bảng mã) — hãy chọn --from tcvn3 hoặc --from vni.")
        }
        // Named, it converts.
        #expect(try LegacyVietnamese.convert(Tables.latin1("c\u{F4} t\u{F6} m\u{EC}\n"), from: .vni, fileName: "cu.txt").text == "cơ tư mì\n")
        #expect(try LegacyVietnamese.convert(Tables.latin1("c\u{F4} t\u{F6} m\u{EC}\n"), from: .tcvn3, fileName: "cu.txt").text == "cụ tử mỡ\n")
    }

    /// A byte-order mark is kept, and NFD lines come out NFC.
    @Test func convert_keepsBOM_andNormalises() throws {
        let conversion = try LegacyVietnamese.convert([0xEF, 0xBB, 0xBF] + Array("Hòa Bình".decomposedStringWithCanonicalMapping.utf8), fileName: "b.txt")
        #expect(conversion.text == "\u{FEFF}Hòa Bình")
        #expect(conversion.normalizedLineCount == 1 && conversion.wasAlreadyUnicode)
    }
}

/// glibc's iconv, the reference for TCVN 5712.
private enum Iconv {
    static func decode(_ bytes: [UInt8], from encoding: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", encoding, "-t", "UTF-8"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }
}
