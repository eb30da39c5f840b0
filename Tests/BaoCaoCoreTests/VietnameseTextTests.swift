import Foundation
import Testing
@testable import BaoCaoCore

@Suite("Vietnamese text keys")
struct VietnameseTextTests {
    /// The old and new tone placements of syllable-final oa, oe, uy give one key.
    @Test(arguments: [
        ("Hòa", "Hoà"), ("Thủy", "Thuỷ"), ("Khỏe", "Khoẻ"), ("Hóa", "Hoá"), ("Qúy", "Quý"), ("Thụy", "Thuỵ"),
        ("Thanh Hóa", "Thanh Hoá"), ("Lê Thị Thúy", "Lê Thị Thuý"), ("ủy ban", "uỷ ban"), ("Hòa Bình", "HOÀ BÌNH"),
        ("khỏe mạnh", "KHOẺ MẠNH"), ("Tuy Hòa", "Tuy Hoà"),
    ])
    func matchKey_oldAndNewTonePlacement_areEqual(old: String, new: String) {
        #expect(VietnameseText.matchKey(old) == VietnameseText.matchKey(new), "\(old) / \(new)")
    }

    /// The canonical placement is the old one: the tone on the first vowel.
    @Test func matchKey_putsTheToneOnTheFirstVowel() {
        #expect(VietnameseText.matchKey("Hoà") == "hòa")
        #expect(VietnameseText.matchKey("Thuỷ") == "thủy")
        #expect(VietnameseText.matchKey("Khoẻ") == "khỏe")
        #expect(VietnameseText.matchKey("Quý") == "qúy")
    }

    /// A diphthong followed by a consonant or a third vowel has one placement only: left alone.
    @Test(arguments: ["hoàng", "khuyến", "ngoài", "toán", "khuya", "hoạch", "quyền", "thuở", "nguyễn"])
    func matchKey_nonFinalDiphthongs_areUnchanged(word: String) {
        #expect(VietnameseText.matchKey(word) == word)
    }

    /// Decomposed (NFD) input, as macOS file names and some keyboards give it, matches NFC.
    @Test func matchKey_NFDInput_equalsNFCInput() {
        for name in ["Nguyễn Thị Hoà", "Đắk Lắk", "Thừa Thiên Huế", "Khánh Hòa", "Bà Rịa – Vũng Tàu"] {
            let nfd = name.decomposedStringWithCanonicalMapping
            #expect(nfd.unicodeScalars.count > name.unicodeScalars.count, "\(name)")
            #expect(VietnameseText.matchKey(nfd) == VietnameseText.matchKey(name), "\(name)")
            #expect(VietnameseText.matchKey(nfd).unicodeScalars.elementsEqual(VietnameseText.matchKey(name).unicodeScalars))
        }
    }

    /// Case and white space do not matter: capitals, tabs, no-break spaces, doubled spaces.
    @Test func matchKey_lowerCases_andCollapsesWhiteSpace() {
        #expect(VietnameseText.matchKey("  NGUYỄN   Văn\tAn\u{00A0}\n") == "nguyễn văn an")
        #expect(VietnameseText.matchKey("ĐÀ NẴNG") == VietnameseText.matchKey("đà nẵng"))
        #expect(VietnameseText.matchKey("ƯU TIÊN") == "ưu tiên")
        #expect(VietnameseText.matchKey("") == "")
    }

    /// Different names stay different.
    @Test func matchKey_keepsDifferentNamesApart() {
        #expect(VietnameseText.matchKey("Hòa") != VietnameseText.matchKey("Hoa"))
        #expect(VietnameseText.matchKey("Thủy") != VietnameseText.matchKey("Thúy"))
        #expect(VietnameseText.matchKey("Đà") != VietnameseText.matchKey("Da"))
    }

    /// The search key drops every diacritic and reads đ as d.
    @Test(arguments: [
        ("Đắk Lắk", "dak lak"), ("Hà Nội", "ha noi"), ("Thừa Thiên Huế", "thua thien hue"), ("Thuỷ", "thuy"),
        ("Thủy", "thuy"), ("  BÀ RỊA\tVŨNG TÀU ", "ba ria vung tau"), ("Quảng Ngãi", "quang ngai"), ("Ưu đãi", "uu dai"),
    ])
    func searchKey_dropsDiacritics(name: String, key: String) {
        #expect(VietnameseText.searchKey(name) == key, "\(name)")
        #expect(VietnameseText.searchKey(name.decomposedStringWithCanonicalMapping) == key, "\(name) (NFD)")
    }

    @Test func searchKey_ofAccentlessText_isItsMatchKey() {
        #expect(VietnameseText.searchKey("dak lak") == VietnameseText.searchKey("Đắk Lắk"))
        #expect(VietnameseText.searchKey("Ha Noi") == "ha noi")
    }

    /// The syllable check behind legacy detection accepts Vietnamese and refuses mis-decoded words.
    @Test func syllable_acceptsVietnamese_andRefusesMojibake() {
        for word in ["việt", "nghiêng", "quốc", "gì", "giữa", "khuya", "người", "Đắk", "hoà", "hòa", "qúy", "xoong", "thuở", "ĐẮK"] {
            #expect(VietnameseSyllable.isValid(word), "\(word)")
        }
        for word in ["viêtj", "vieät", "hoứa", "chđ", "tèt", "cafộ", "ViƯt", "ệệ", "abc", "strong", "µa"] {
            #expect(!VietnameseSyllable.isValid(word), "\(word)")
        }
    }
}
