import BaoCaoCore
import Testing

/// A narrative read under its form's outline (đề cương, 000 art. 13.1) and put back together.
@Suite("Outlined narrative (đề cương)")
struct OutlinedNarrativeTests {
    let outline: [Form.OutlineHeading] = [.init(title: "I. Kinh tế", guidance: "Sản xuất"), .init(title: "II. Xã hội"), .init(title: "III. Kiến nghị")]

    // 000 art. 13.1
    @Test func headingsSplitTheStoredText_andPutTogetherItReadsTheSame() {
        let stored = "Mở đầu.\n\nI. Kinh tế\nLúa tốt.\nNgô khá.\n\nIII. Kiến nghị\nHỗ trợ giống."
        let narrative = OutlinedNarrative(narrative: stored, outline: outline)
        #expect(narrative.preamble == "Mở đầu.")
        #expect(narrative.parts.map(\.text) == ["Lúa tốt.\nNgô khá.", "", "Hỗ trợ giống."])
        #expect(narrative.text == stored)
        #expect(narrative.writtenParts.map(\.heading.title) == ["I. Kinh tế", "III. Kiến nghị"])
        #expect(narrative.editableText == "Mở đầu.\n\nI. Kinh tế\nLúa tốt.\nNgô khá.\n\nII. Xã hội\n\n\nIII. Kiến nghị\nHỗ trợ giống.\n")
    }

    @Test func aNarrativeWithoutHeadings_isAllPreamble_andAHeadingOutOfOrderStaysText() {
        #expect(OutlinedNarrative(narrative: "Tự do.", outline: outline).preamble == "Tự do.")
        let late = OutlinedNarrative(narrative: "II. Xã hội\nA\nI. Kinh tế\nB", outline: outline)
        #expect(late.parts.map(\.text) == ["", "A\nI. Kinh tế\nB", ""])
    }
}
