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

    @Test func aBreakdownAlongOneDimension_isToldOnItsBytes() throws {
        let key = try ValueKey(parsing: "DS02[GT=nu]")
        #expect(key.isBreakdown(alongOnly: "GT"))
        #expect(!key.isBreakdown(alongOnly: "G"))
        #expect(!key.isBreakdown(alongOnly: "GT=nu"))
        #expect(!key.isBreakdown(alongOnly: "DT"))
        #expect(!(try ValueKey(parsing: "DS02[DT=kinh;GT=nu]")).isBreakdown(alongOnly: "DT"))
        #expect(!ValueKey("DS02").isBreakdown(alongOnly: "GT"))
        #expect(try ValueKey(parsing: "DS02[XA_THON_BAN_LANG=T0001]").isBreakdown(alongOnly: "XA_THON_BAN_LANG"))
    }

    @Test func malformedKeys_areRefused() {
        for text in ["", "[]", "DS01[", "DS01]", "DS01[GT]", "DS01[GT=]", "DS01[=NAM]", "DS01[GT=NAM;]", "DS01[GT=NAM;GT=NU]",
                     "DS01[GT=NA=M]", "DS01[GT=NAM]]", "DS 01", "Đ01", "DS01[GT=NẠM]", "[GT=NAM]", "_A", "DS01[GT=NAM]x",
                     "DS01[TT=T01;GT=NU;GT=NAM]", "DS01[TT=T01;TT=T02]"] {
            #expect(throws: CoreError.self, "\(text)") { try ValueKey(parsing: text) }
        }
    }

    /// A key made from a dictionary, from one member, or read from text (in any order of
    /// dimensions) is the same key: equal, same hash, one spelling.
    @Test func keysMadeDifferently_areTheSameKey() throws {
        let parsed = try ValueKey(parsing: "DS01[TT=T01;GT=NU]")
        let made = ValueKey("DS01", breakdown: ["GT": "NU", "TT": "T01"])
        #expect(parsed == made && parsed.hashValue == made.hashValue && Set([parsed, made]).count == 1)
        #expect(parsed.members == [.init(dimension: "GT", member: "NU"), .init(dimension: "TT", member: "T01")])
        #expect(parsed.onlyMember == nil)
        let one = try ValueKey(parsing: "DS01[GT=NU]")
        #expect(one == ValueKey("DS01", dimension: "GT", member: "NU") && one.onlyMember == .init(dimension: "GT", member: "NU"))
        #expect(one != ValueKey("DS01") && one.total == ValueKey("DS01") && ValueKey("DS01").isTotal && !one.isTotal)
        #expect(one.with(indicator: "DS02").description == "DS02[GT=NU]")
        #expect(ValueKey("DS01").members.isEmpty && ValueKey("DS01").onlyMember == nil)
    }
}
