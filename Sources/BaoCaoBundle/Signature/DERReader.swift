import Foundation

/// A reader of DER (X.690 §10–11) tag-length-value elements that refuses what DER forbids
/// in everything it reads: lengths not in their one shortest form, indefinite lengths,
/// INTEGERs with redundant leading bytes, NULLs with content, SET OF elements out of order.
/// One-byte tags only, which is all a bundle signature uses.
///
/// Why strict: DER gives every value exactly one encoding. A signature is checked over
/// bytes taken from this structure (the signed attributes); a reader that also accepted
/// other encodings of the same value would accept signatures that `openssl cms -verify`,
/// which re-encodes before checking, refuses — and one bundle would have many byte forms.
struct DERReader {
    /// What DER rule the bytes break; ``reason`` says it in Vietnamese.
    enum Failure: Error, Hashable {
        /// Shorter than a tag and a length, or than the length says.
        case truncated
        /// A different element than the structure has at this place.
        case unexpectedTag
        /// A tag number of 31 or more (several tag bytes).
        case multiByteTag
        /// The indefinite length (0x80), which is BER only.
        case indefiniteLength
        /// A length in more bytes than needed: the long form for a length under 128, or
        /// leading zero bytes.
        case nonMinimalLength
        /// A length of more than four bytes, or the reserved 0xFF.
        case lengthTooLarge
        /// An INTEGER with no content, or with a first byte that only repeats the sign.
        case nonMinimalInteger
        /// A NULL with content.
        case nullWithContent
        /// The elements of a SET OF not in ascending order of their encodings.
        case setNotSorted
        /// Elements missing, repeated or left over where the structure has a fixed shape.
        case unexpectedStructure

        var reason: String {
            switch self {
            case .truncated: "dữ liệu bị cắt cụt"
            case .unexpectedTag: "gặp phần tử không đúng chỗ"
            case .multiByteTag: "thẻ nhiều byte"
            case .indefiniteLength: "độ dài không xác định (chỉ BER cho phép)"
            case .nonMinimalLength: "độ dài không viết ở dạng ngắn nhất"
            case .lengthTooLarge: "độ dài quá lớn"
            case .nonMinimalInteger: "số nguyên không viết ở dạng ngắn nhất"
            case .nullWithContent: "giá trị NULL có nội dung"
            case .setNotSorted: "các phần tử của tập hợp (SET OF) không theo thứ tự"
            case .unexpectedStructure: "cấu trúc sai"
            }
        }
    }

    struct Element {
        let tag: UInt8
        let content: ArraySlice<UInt8>
        let whole: ArraySlice<UInt8>
    }

    var bytes: ArraySlice<UInt8>
    var isAtEnd: Bool { bytes.isEmpty }

    mutating func read(tag: UInt8) throws(Failure) -> Element {
        let element = try readAny()
        guard element.tag == tag else { throw .unexpectedTag }
        return element
    }

    /// The next element if it has `tag`, else nothing (and nothing is consumed).
    mutating func readIfPresent(tag: UInt8) throws(Failure) -> Element? {
        guard let first = bytes.first, first == tag else { return nil }
        return try read(tag: tag)
    }

    mutating func readAny() throws(Failure) -> Element {
        let start = bytes.startIndex
        guard bytes.count >= 2 else { throw .truncated }
        let tag = bytes[start]
        guard tag & 0x1F != 0x1F else { throw .multiByteTag }
        var index = start + 1
        let first = bytes[index]
        index += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            guard count != 0 else { throw .indefiniteLength }
            guard count <= 4 else { throw .lengthTooLarge }  // also the reserved 0xFF
            guard bytes.endIndex - index >= count else { throw .truncated }
            guard bytes[index] != 0 else { throw .nonMinimalLength }  // X.690 §10.1: the fewest octets
            for _ in 0..<count {
                length = length << 8 | Int(bytes[index])
                index += 1
            }
            guard length >= 0x80 else { throw .nonMinimalLength }  // the short form was possible
        }
        guard bytes.endIndex - index >= length else { throw .truncated }
        let end = index + length
        let element = Element(tag: tag, content: bytes[index..<end], whole: bytes[start..<end])
        bytes = bytes[end...]
        return element
    }

    /// An INTEGER in its shortest two's-complement form (X.690 §8.3.2).
    mutating func readInteger() throws(Failure) -> Element {
        let element = try read(tag: 0x02)
        let content = element.content
        guard let first = content.first else { throw .nonMinimalInteger }
        if content.count > 1 {
            let second = content[content.startIndex + 1]
            if (first == 0x00 && second & 0x80 == 0) || (first == 0xFF && second & 0x80 != 0) {
                throw .nonMinimalInteger
            }
        }
        return element
    }

    /// A NULL, if the next element is one; it has no content (X.690 §8.8.2).
    mutating func readNullIfPresent() throws(Failure) {
        guard let null = try readIfPresent(tag: 0x05) else { return }
        guard null.content.isEmpty else { throw .nullWithContent }
    }

    /// The elements of a SET OF whose encoding is `set`, checked to be in ascending order
    /// of their encodings (X.690 §11.6).
    static func elements(ofSet set: Element) throws(Failure) -> [Element] {
        var reader = DERReader(bytes: set.content)
        var elements: [Element] = []
        while !reader.isAtEnd {
            let element = try reader.readAny()
            if let previous = elements.last, !isOrdered(previous.whole, element.whole) { throw .setNotSorted }
            elements.append(element)
        }
        return elements
    }

    /// Whether `a` sorts before `b` or equals it, the shorter one padded with zero bytes
    /// at its end (X.690 §11.6).
    private static func isOrdered(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex || j < b.endIndex {
            let x = i < a.endIndex ? a[i] : 0
            let y = j < b.endIndex ? b[j] : 0
            if x != y { return x < y }
            i += 1
            j += 1
        }
        return true
    }
}
