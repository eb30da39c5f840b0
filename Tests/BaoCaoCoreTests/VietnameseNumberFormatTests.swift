import Testing
@testable import BaoCaoCore

@Suite("Vietnamese number format")
struct VietnameseNumberFormatTests {
    /// Figures are shown the Vietnamese way: dot for thousands, comma for decimals.
    @Test func format_groupsThousandsWithDots_andUsesDecimalComma() throws {
        let cases = [("1245.5", "1.245,5"), ("1245000", "1.245.000"), ("-1234567.25", "-1.234.567,25"), ("999", "999"), ("0.5", "0,5")]
        for (canonical, shown) in cases {
            #expect(VietnameseNumberFormat.format(try ExactDecimal(canonical: canonical)) == shown)
        }
    }

    /// Stored text is shown the same way without being read into a number; what is not a
    /// canonical number (a text figure, a half-written one) is left to the caller.
    @Test func formatCanonical_matchesTheNumberPath_andRefusesOtherText() throws {
        for canonical in ["1245.5", "-1234567.25", "0", "-0.5", "12", "123", "1234", "170141183460469231731687303715884105727",
                          "-99999999999999999999.123456789012345678"] {
            let shown = try VietnameseNumberFormat.format(ExactDecimal(canonical: canonical))
            #expect(VietnameseNumberFormat.format(canonical: canonical) == shown, "\(canonical)")
        }
        #expect(VietnameseNumberFormat.format(canonical: "170141183460469231731687303715884105727") == "170.141.183.460.469.231.731.687.303.715.884.105.727")
        for text in ["", "-", "1.", ".5", "1.2.3", "1,5", "abc", "12a", "-.5", "+3", " 7"] {
            #expect(VietnameseNumberFormat.format(canonical: text) == nil, "\(text)")
        }
    }

    /// What a clerk types is read the Vietnamese way and never guessed.
    @Test func parse_vietnamese_acceptsGroupingAndComma() throws {
        let cases = [("1.245,5", "1245.5"), ("12,5", "12.5"), ("1.245", "1245"), ("1.245.000", "1245000"), ("-3,25", "-3.25"), (" 7 ", "7"), ("0,245", "0.245")]
        for (typed, canonical) in cases {
            #expect(try VietnameseNumberFormat.parse(typed) == ExactDecimal(canonical: canonical), "\(typed)")
        }
        for bad in ["1.5", "12.34,5", "1,2,3", "1,245.5", "abc", "", "1.2345", ",5", "5,", "01.245"] {
            #expect(throws: CoreError.self, "\(bad)") { try VietnameseNumberFormat.parse(bad) }
        }
    }

    /// Files from other systems: both conventions are read, and what reads two ways is refused.
    @Test func parse_fromFiles_refusesAmbiguousNumbers() throws {
        let accepted = [("1.245,5", "1245.5"), ("1,245.5", "1245.5"), ("12.5", "12.5"), ("12,5", "12.5"),
                        ("1.245.000", "1245000"), ("1,245,000", "1245000"), ("0.245", "0.245"), ("1245", "1245"), ("1.2450", "1.2450")]
        for (text, canonical) in accepted {
            #expect(try VietnameseNumberFormat.parse(text, convention: .anyUnambiguous) == ExactDecimal(canonical: canonical), "\(text)")
        }
        for ambiguous in ["1.245", "1,245", "-12.500", "999,000"] {
            let error = #expect(throws: CoreError.self, "\(ambiguous)") { try VietnameseNumberFormat.parse(ambiguous, convention: .anyUnambiguous) }
            #expect(error?.code == .ambiguousNumber, "\(ambiguous)")
            #expect(error?.message == "Số \"\(ambiguous)\" không rõ nghĩa: dấu chấm hoặc dấu phẩy ở đây có thể là dấu phân cách hàng nghìn "
                + "hoặc dấu thập phân. Hãy viết số không có dấu phân cách hàng nghìn (ví dụ 1245) hoặc ghi rõ phần thập phân (ví dụ 1.245,0).")
        }
    }
}

@Suite("Trimming the spaces around typed figures")
struct TrimmingSpacesTests {
    @Test func spacesAndNoBreakSpacesAtEitherEnd_areTrimmed_textInsideIsKept() {
        #expect(" 1.245,5\t".trimmingSpaces() == "1.245,5")
        #expect("\u{00A0}12\u{202F}".trimmingSpaces() == "12")
        #expect("\r\nMưa to\n".trimmingSpaces() == "Mưa to")
        #expect("Mưa  to".trimmingSpaces() == "Mưa  to")
        #expect("Đắk Lắk".trimmingSpaces() == "Đắk Lắk")   // starts with 0xC4, not a space
        #expect("   ".trimmingSpaces() == "")
        #expect("".trimmingSpaces() == "")
    }
}

/// Imports read numbers on a fast path; it must agree with the general reading on every
/// text: the same number when both read it, and never a number the general one refuses.
@Suite("Vietnamese numbers: the fast reading agrees with the general one")
struct VietnameseNumberFastPathTests {
    @Test func everyShortText_ofDigitsDotsCommasAndMinus_readsTheSameBothWays() {
        let alphabet: [Character] = ["0", "1", "5", "9", ".", ",", "-"]
        var texts: [String] = [""]
        var all: [String] = []
        for _ in 1...6 {
            texts = texts.flatMap { prefix in alphabet.map { prefix + String($0) } }
            all += texts
        }
        all += ["1.245.000,55", "12.345.678.901.234,5", "999.999", "0,000001", "-0,5", "1.2345", "01.245", "1.245.00",
                "170141183460469231731687303715884105728", "1,1234567890123456789"]
        var agreed = 0
        for text in all {
            let fast = VietnameseNumberFormat.vietnameseOnBytes(text)
            let general = try? VietnameseNumberFormat.generalParse(text, input: text)
            if let fast {
                #expect(general.map { $0 == fast && $0.scale == fast.scale } == true, "\(text): fast \(fast), general \(String(describing: general))")
                agreed += 1
            }
        }
        #expect(agreed > 1000)   // the fast path does read the common forms
    }
}
