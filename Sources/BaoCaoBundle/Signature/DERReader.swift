import Foundation

/// A reader of DER tag-length-value elements: definite lengths only, one-byte tags.
struct DERReader {
    struct Failure: Error {}
    struct Element {
        let tag: UInt8
        let content: ArraySlice<UInt8>
        let whole: ArraySlice<UInt8>
    }

    var bytes: ArraySlice<UInt8>
    var isAtEnd: Bool { bytes.isEmpty }

    mutating func read(tag: UInt8) throws -> Element {
        let element = try readAny()
        guard element.tag == tag else { throw Failure() }
        return element
    }

    /// The next element if it has `tag`, else nothing (and nothing is consumed).
    mutating func readIfPresent(tag: UInt8) throws -> Element? {
        guard let first = bytes.first, first == tag else { return nil }
        return try read(tag: tag)
    }

    mutating func readAny() throws -> Element {
        let start = bytes.startIndex
        guard bytes.count >= 2 else { throw Failure() }
        let tag = bytes[start]
        guard tag & 0x1F != 0x1F else { throw Failure() }  // multi-byte tags do not occur here
        var index = start + 1
        let first = bytes[index]
        index += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            guard count >= 1, count <= 4, bytes.endIndex - index >= count else { throw Failure() }
            for _ in 0..<count {
                length = length << 8 | Int(bytes[index])
                index += 1
            }
            guard length >= 0x80 else { throw Failure() }  // DER: the shortest form
        }
        guard bytes.endIndex - index >= length else { throw Failure() }
        let end = index + length
        let element = Element(tag: tag, content: bytes[index..<end], whole: bytes[start..<end])
        bytes = bytes[end...]
        return element
    }

    static func encode(tag: UInt8, content: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [tag]
        let length = content.count
        if length < 0x80 {
            out.append(UInt8(length))
        } else {
            var digits: [UInt8] = []
            var remaining = length
            while remaining > 0 {
                digits.insert(UInt8(remaining & 0xFF), at: 0)
                remaining >>= 8
            }
            out.append(0x80 | UInt8(digits.count))
            out += digits
        }
        return out + content
    }
}
