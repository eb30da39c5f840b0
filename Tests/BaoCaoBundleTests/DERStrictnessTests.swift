import BaoCaoCore
import Foundation
import Testing
@testable import BaoCaoBundle

/// The signature reader accepts DER and nothing else: every value has one encoding, so a
/// signature has one byte form and agrees with what `openssl cms -verify` re-encodes.
@Suite("DER, strictly")
struct DERStrictnessTests {
    private func readFailure(_ bytes: [UInt8], _ read: (inout DERReader) throws(DERReader.Failure) -> Void) -> DERReader.Failure? {
        var reader = DERReader(bytes: bytes[...])
        do {
            try read(&reader)
            return nil
        } catch {
            return error
        }
    }

    private func elementFailure(_ bytes: [UInt8]) -> DERReader.Failure? {
        readFailure(bytes) { reader throws(DERReader.Failure) in _ = try reader.readAny() }
    }

    // MARK: - Lengths

    /// 0x82 0x00 0x81: a length of 129 in three bytes where two do.
    @Test func longFormLengthWithLeadingZero_isRefused() {
        #expect(elementFailure([0x04, 0x82, 0x00, 0x81] + [UInt8](repeating: 7, count: 129)) == .nonMinimalLength)
        #expect(elementFailure([0x04, 0x83, 0x00, 0x01, 0x00] + [UInt8](repeating: 7, count: 256)) == .nonMinimalLength)
    }

    /// 0x81 0x05: a length under 128 in the long form.
    @Test func longFormForAShortLength_isRefused() {
        #expect(elementFailure([0x04, 0x81, 0x05, 1, 2, 3, 4, 5]) == .nonMinimalLength)
        #expect(elementFailure([0x04, 0x81, 0x7F] + [UInt8](repeating: 7, count: 127)) == .nonMinimalLength)
    }

    @Test func shortestLengths_areRead() throws {
        for (length, header) in [(0, [UInt8(0x00)]), (127, [0x7F]), (128, [0x81, 0x80]), (255, [0x81, 0xFF]), (256, [0x82, 0x01, 0x00])] {
            var reader = DERReader(bytes: ([0x04] + header + [UInt8](repeating: 7, count: length))[...])
            #expect(try reader.readAny().content.count == length)
            #expect(reader.isAtEnd)
        }
    }

    @Test func indefiniteLength_isRefused() {
        #expect(elementFailure([0x30, 0x80, 0x05, 0x00, 0x00, 0x00]) == .indefiniteLength)
    }

    @Test func lengthsOfFiveBytes_andTheReserved0xFF_areRefused() {
        #expect(elementFailure([0x04, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00]) == .lengthTooLarge)
        #expect(elementFailure([0x04, 0xFF, 0x01]) == .lengthTooLarge)
    }

    @Test func lengthBeyondTheBytes_isTruncated() {
        #expect(elementFailure([0x04, 0x05, 1, 2]) == .truncated)
        #expect(elementFailure([0x04, 0x82, 0x01]) == .truncated)
        #expect(elementFailure([0x04]) == .truncated)
    }

    @Test func multiByteTag_isRefused() {
        #expect(elementFailure([0x1F, 0x81, 0x00, 0x00]) == .multiByteTag)
    }

    // MARK: - Values

    /// A first byte that only repeats the sign of the next: 00 01 is 01, FF FF is FF.
    @Test(arguments: [[UInt8]([0x02, 0x02, 0x00, 0x01]), [0x02, 0x02, 0x00, 0x7F], [0x02, 0x02, 0xFF, 0xFF],
                      [0x02, 0x03, 0xFF, 0x80, 0x00], [0x02, 0x00]])
    func nonMinimalOrEmptyInteger_isRefused(bytes: [UInt8]) {
        #expect(readFailure(bytes) { reader throws(DERReader.Failure) in _ = try reader.readInteger() } == .nonMinimalInteger)
    }

    @Test(arguments: [[UInt8]([0x02, 0x01, 0x00]), [0x02, 0x01, 0x7F], [0x02, 0x02, 0x00, 0x80], [0x02, 0x01, 0xFF],
                      [0x02, 0x02, 0xFF, 0x7F], [0x02, 0x03, 0x01, 0x00, 0x00]])
    func minimalInteger_isRead(bytes: [UInt8]) {
        #expect(readFailure(bytes) { reader throws(DERReader.Failure) in _ = try reader.readInteger() } == nil)
    }

    @Test func nullWithContent_isRefused() {
        #expect(readFailure([0x05, 0x01, 0x00]) { reader throws(DERReader.Failure) in try reader.readNullIfPresent() } == .nullWithContent)
        #expect(readFailure([0x05, 0x00]) { reader throws(DERReader.Failure) in try reader.readNullIfPresent() } == nil)
    }

    /// The elements of a SET OF ascend by their encodings; a shorter one counts as padded
    /// with zero bytes, and equal ones may repeat.
    @Test func setOfOutOfOrder_isRefused() throws {
        func failure(_ elements: [[UInt8]]) -> DERReader.Failure? {
            let set = DERReader.Element(tag: 0x31, content: elements.flatMap { $0 }[...], whole: [][...])
            do {
                _ = try DERReader.elements(ofSet: set)
                return nil
            } catch {
                return error
            }
        }
        #expect(failure([[0x04, 0x01, 0x02], [0x04, 0x01, 0x01]]) == .setNotSorted)
        #expect(failure([[0x04, 0x02, 0x01, 0x01], [0x04, 0x01, 0x01]]) == .setNotSorted)
        #expect(failure([[0x04, 0x01, 0x01], [0x04, 0x01, 0x02]]) == nil)
        #expect(failure([[0x04, 0x01, 0x01], [0x04, 0x01, 0x01]]) == nil)
        #expect(failure([[0x04, 0x01, 0x01], [0x04, 0x02, 0x01, 0x00]]) == nil)
    }

    // MARK: - In a bundle

    /// A commune's bundle whose `manifest.p7s` was re-encoded is refused with the DER rule
    /// it breaks, before any signature mathematics.
    @Test(arguments: [
        ("the outer length with a leading zero byte", "độ dài không viết ở dạng ngắn nhất"),
        ("the version's length in the long form", "độ dài không viết ở dạng ngắn nhất"),
        ("the version as 00 01", "số nguyên không viết ở dạng ngắn nhất"),
        ("the signed attributes out of order", "không theo thứ tự"),
        ("a NULL with content after the digest algorithm", "NULL có nội dung"),
    ])
    func reencodedSignature_isRefused(change: String, mention: String) throws {
        let network = TestPKI.ec
        let (_, data) = try TestPKI.reportBundle(identity: network.signing("05290"))
        let archive = try BundleArchive(reading: data)
        var signature = try DERTree([UInt8](archive.contents(of: "manifest.p7s")!))
        #expect(try signature.encoded == [UInt8](archive.contents(of: "manifest.p7s")!))  // the tree changes nothing by itself
        // ContentInfo → [0] → SignedData: version, digestAlgorithms, encapContentInfo, [0] certificates, signerInfos.
        switch change {
        case "the outer length with a leading zero byte":
            signature.lengthPadding = 1
        case "the version's length in the long form":
            signature[1, 0, 0].longFormLength = true
        case "the version as 00 01":
            signature[1, 0, 0] = DERTree(tag: 0x02, content: [0x00, 0x01])
        case "the signed attributes out of order":
            let signerInfo = signature[1, 0, 4, 0]
            let attributes = try #require(signerInfo.children?.firstIndex { $0.tag == 0xA0 })
            signature[1, 0, 4, 0, attributes].children!.reverse()
        case "a NULL with content after the digest algorithm":
            signature[1, 0, 1, 0].children!.append(DERTree(tag: 0x05, content: [0x00]))
        default:
            Issue.record("unknown change \(change)")
        }
        let tampered = try BundleArchive.write(try ["manifest.json", "manifest.p7s", "report.json"].map { name in
            (name, name == "manifest.p7s" ? Data(signature.encoded) : try archive.contents(of: name)!)
        })
        let verdict = network.verifier.verify(tampered, now: TestPKI.now)
        #expect(verdict.code == .malformedSignature, "\(verdict.refusal?.logDescription ?? "accepted")")
        #expect(verdict.refusal?.message.contains(mention) == true, "\(verdict.refusal?.message ?? "accepted")")
    }
}
