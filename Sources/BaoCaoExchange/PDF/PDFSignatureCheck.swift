import BaoCaoBundle
import BaoCaoCore
import Foundation

/// Checks every PAdES signature in a PDF on its own terms — its byte range is sound, its
/// CMS verifies over exactly those bytes, its signer chains to the anchors when some are
/// given — and whether the last one covers the whole file, so that a byte changed in a
/// signed range and content appended after the last signature are each named.
public struct PDFSignatureCheck: Sendable {
    /// One signature's verdict.
    public struct Signature: Sendable {
        /// From 1, in the order they were made.
        public let index: Int
        /// The signer's common name, when the CMS could be read.
        public let signerName: String?
        public let signingTime: Date?
        /// Whether its byte range reaches the end of the file.
        public let coversWholeFile: Bool
        /// Why it does not hold, in Vietnamese; `nil` when it is valid.
        public let problem: String?
        /// The signer's certificate, when the CMS could be read.
        public let certificate: Certificate?
    }

    public let signatures: [Signature]
    /// What is wrong with the document as a whole (no signature, content after the last).
    public let problems: [String]

    /// Valid: at least one signature, every one verifies, and the last covers the file.
    public var isValid: Bool { problems.isEmpty && !signatures.isEmpty && signatures.allSatisfy { $0.problem == nil } }

    /// Every reason, signature by signature, then the document's.
    public var reasons: [String] {
        signatures.compactMap { signature in signature.problem.map { "Chữ ký số thứ \(signature.index)\(signature.signerName.map { " (\($0))" } ?? ""): \($0)" } } + problems
    }

    /// Checks `pdf`; with `anchors`, each signer's certificate must chain to them.
    public init(pdf: Data, anchors: TrustStore? = nil) {
        let bytes = [UInt8](pdf)
        var found: [Signature] = []
        var furthestEnd = 0
        var lastSigner: String?
        for ranges in Self.byteRanges(in: bytes) {
            let index = found.count + 1
            guard let range = Self.soundRange(ranges, in: bytes) else {
                found.append(Signature(index: index, signerName: nil, signingTime: nil, coversWholeFile: false,
                                       problem: "phạm vi byte được ký (/ByteRange) không hợp lệ, không chỉ đúng vào chữ ký.", certificate: nil))
                continue
            }
            let end = range.second.upperBound
            let covers = end == bytes.count
            let signed = Data(bytes[range.first]) + Data(bytes[range.second])
            guard let contents = Self.hexDecoded(bytes[(range.first.upperBound + 1)..<(range.second.lowerBound - 1)]) else {
                found.append(Signature(index: index, signerName: nil, signingTime: nil, coversWholeFile: covers,
                                       problem: "phần /Contents không phải chuỗi thập lục phân.", certificate: nil))
                continue
            }
            do {
                let checked = try PAdESSignature.verify(contents: contents, signedBytes: signed)
                var problem: String?
                if let anchors, case .failure(let failure) = anchors.chain(for: checked.signer, offered: checked.certificates) {
                    problem = "chứng thư của người ký không do tổ chức chứng thực được tin cậy cấp (\(Self.describe(failure)))."
                }
                found.append(Signature(index: index, signerName: checked.signer.commonName, signingTime: checked.signingTime,
                                       coversWholeFile: covers, problem: problem, certificate: checked.signer))
                if end >= furthestEnd { furthestEnd = end; lastSigner = checked.signer.commonName }
            } catch let error as any CodedError {
                found.append(Signature(index: index, signerName: nil, signingTime: nil, coversWholeFile: covers,
                                       problem: error.message, certificate: nil))
                if end >= furthestEnd { furthestEnd = end; lastSigner = nil }
            } catch {
                found.append(Signature(index: index, signerName: nil, signingTime: nil, coversWholeFile: covers,
                                       problem: "không kiểm tra được chữ ký.", certificate: nil))
            }
        }
        signatures = found
        var problems: [String] = []
        if found.isEmpty {
            problems.append("Tệp PDF không có chữ ký số nào.")
        } else if furthestEnd < bytes.count {
            problems.append("Có \(bytes.count - furthestEnd) byte được thêm vào sau chữ ký cuối cùng\(lastSigner.map { " (của \($0))" } ?? ""): "
                            + "phần thêm vào không được ký, tài liệu đã bị thay đổi sau khi ký.")
        }
        self.problems = problems
    }

    private static func describe(_ failure: ChainFailure) -> String {
        switch failure {
        case .untrustedIssuer(let reason), .other(let reason): reason
        case .belowAlgorithmFloor(let error), .cryptoFailure(let error): error.message
        }
    }

    /// The four numbers after each `/ByteRange`, in file order.
    public static func byteRanges(in bytes: [UInt8]) -> [[Int]] {
        let key = Array("/ByteRange".utf8)
        var result: [[Int]] = []
        var start = bytes.startIndex
        while let found = bytes[start...].firstRange(of: key) {
            var reader = PDFSyntax(bytes, at: found.upperBound)
            reader.skipWhitespace()
            if reader.position < bytes.count, bytes[reader.position] == UInt8(ascii: "[") {
                reader.position += 1
                var numbers: [Int] = []
                while numbers.count < 5, let number = try? reader.integer() { numbers.append(number) }
                if numbers.count == 4 { result.append(numbers) }
            }
            start = found.upperBound
        }
        return result
    }

    /// The two signed ranges, when they start the file, leave exactly a `<…>` hole
    /// between them and stay inside the file.
    static func soundRange(_ numbers: [Int], in bytes: [UInt8]) -> (first: Range<Int>, second: Range<Int>)? {
        let (a, b, c, d) = (numbers[0], numbers[1], numbers[2], numbers[3])
        // Numbers from the file: compared without overflowing, whatever they are.
        guard a == 0, b > 0, b < bytes.count, c > b + 1, c <= bytes.count, d >= 0, d <= bytes.count - c,
              bytes[b] == UInt8(ascii: "<"), bytes[c - 1] == UInt8(ascii: ">") else { return nil }
        return (0..<b, c..<(c + d))
    }

    static func hexDecoded(_ digits: ArraySlice<UInt8>) -> Data? {
        var data = Data(capacity: digits.count / 2)
        var high: UInt8?
        for byte in digits {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = byte - UInt8(ascii: "A") + 10
            case _ where PDFSyntax.isWhitespace(byte): continue
            default: return nil
            }
            if let first = high { data.append(first << 4 | value); high = nil } else { high = value }
        }
        return data
    }
}
