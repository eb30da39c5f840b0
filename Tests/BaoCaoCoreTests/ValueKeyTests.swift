import Testing
@testable import BaoCaoCore

/// Value keys travel in bundles, files and forms: `CODE` or `CODE[DIM=member;…]`, exactly.
@Suite("Value keys")
struct ValueKeyTests {
    @Test func totalsAndBreakdowns_parseAndPrintBack() throws {
        for text in ["NN02", "148.XD01", "DS01[GT=NAM]", "DS01[GT=NU;TT=T01]", "A_1[B.2=c_3]"] {
            #expect(try ValueKey(parsing: text).description == text)
        }
        let key = try ValueKey(parsing: "DS01[TT=T01;GT=NU]")
        #expect(key.indicator == "DS01" && key.breakdown == ["GT": "NU", "TT": "T01"])
        #expect(key.description == "DS01[GT=NU;TT=T01]")   // dimensions in order
    }

    @Test func malformedKeys_areRefused() {
        for text in ["", "[]", "DS01[", "DS01]", "DS01[GT]", "DS01[GT=]", "DS01[=NAM]", "DS01[GT=NAM;]", "DS01[GT=NAM;GT=NU]",
                     "DS01[GT=NA=M]", "DS01[GT=NAM]]", "DS 01", "Đ01", "DS01[GT=NẠM]", "[GT=NAM]", "_A", "DS01[GT=NAM]x"] {
            #expect(throws: CoreError.self, "\(text)") { try ValueKey(parsing: text) }
        }
    }
}
