import Foundation

/// A strict, single-pass reader of JSON text (RFC 8259) for the fixed schemas of signed
/// documents, read field by field into the caller's types without an intermediate tree.
///
/// Why not `JSONDecoder`: a node reads one manifest per bundle it receives, and decoding
/// one through Foundation costs more than checking the bundle's signature. Schemas are
/// enforced by the caller; this reader refuses what JSON itself does not allow, numbers
/// that are not integers where integers are asked for, and anything after the document.
package struct StrictJSONReader {
    package enum Failure: Error {
        /// Not JSON at all, or truncated.
        case syntax
        /// JSON, but another type where the caller asked for one.
        case type
    }

    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    package init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Reads an object, handing each key to `field`, which must read its value.
    package mutating func readObject(_ field: (inout StrictJSONReader, String) throws -> Void) throws {
        guard try peek() == UInt8(ascii: "{") else { throw Failure.type }
        index += 1
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            guard try peek() == UInt8(ascii: "\"") else { throw Failure.syntax }
            let key = try readStringSyntax()
            try expect(UInt8(ascii: ":"))
            try field(&self, key)
            switch try next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return
            default: throw Failure.syntax
            }
        }
    }

    /// Reads an array, calling `element` once per element, which must read it.
    package mutating func readArray(_ element: (inout StrictJSONReader, Int) throws -> Void) throws {
        guard try peek() == UInt8(ascii: "[") else { throw Failure.type }
        index += 1
        if try peek() == UInt8(ascii: "]") {
            index += 1
            return
        }
        var position = 0
        while true {
            try element(&self, position)
            position += 1
            switch try next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return
            default: throw Failure.syntax
            }
        }
    }

    package mutating func readString() throws -> String {
        guard try peek() == UInt8(ascii: "\"") else { throw Failure.type }
        return try readStringSyntax()
    }

    /// An integer written without fraction or exponent, within `Int`.
    package mutating func readInteger() throws -> Int {
        let first = try peek()
        guard first == UInt8(ascii: "-") || (0x30...0x39).contains(first) else { throw Failure.type }
        let negative = first == UInt8(ascii: "-")
        if negative { index += 1 }
        let start = index
        var value = 0
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(Int(bytes[index] - 0x30))
            guard !overflow, !overflow2 else { throw Failure.type }
            value = sum
            index += 1
        }
        let digits = index - start
        guard digits > 0 else { throw Failure.syntax }
        guard digits == 1 || bytes[start] != 0x30 else { throw Failure.syntax }  // no leading zeros
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): throw Failure.type
            default: break
            }
        }
        return negative ? -value : value
    }

    /// Whether the next value is `null`; consumes it if so.
    package mutating func readNullIfPresent() throws -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        guard bytes.count - index >= 4, bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "l"),
              bytes[index + 3] == UInt8(ascii: "l") else { throw Failure.syntax }
        index += 4
        return true
    }

    /// Requires that nothing but white space follows.
    package mutating func finish() throws {
        skipWhitespace()
        guard index == bytes.count else { throw Failure.syntax }
    }

    // MARK: - Lexing

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// The next significant byte, not consumed.
    private mutating func peek() throws -> UInt8 {
        skipWhitespace()
        guard index < bytes.count else { throw Failure.syntax }
        return bytes[index]
    }

    private mutating func next() throws -> UInt8 {
        let byte = try peek()
        index += 1
        return byte
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard try next() == byte else { throw Failure.syntax }
    }

    /// A string at the opening quote: escapes decoded, UTF-8 validated.
    private mutating func readStringSyntax() throws -> String {
        index += 1
        let start = index
        // The common case: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                index += 1
                guard let text = UTF8Text.string(raw) else { throw Failure.syntax }
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw Failure.syntax }
            index += 1
        }
        var decoded = [UInt8](bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: decoded, as: UTF8.self) else { throw Failure.syntax }
                return text
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw Failure.syntax }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try readHex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { throw Failure.syntax }
                        index += 2
                        let low = try readHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw Failure.syntax }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw Failure.syntax }
                    decoded += Array(String(Character(unicode)).utf8)
                default:
                    throw Failure.syntax
                }
            default:
                guard byte >= 0x20 else { throw Failure.syntax }
                decoded.append(byte)
            }
        }
        throw Failure.syntax
    }

    private mutating func readHex4() throws -> UInt32 {
        guard bytes.count - index >= 4 else { throw Failure.syntax }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw Failure.syntax
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}

/// UTF-8 bytes as a `String`, or nothing if they are not valid UTF-8; ASCII, the usual
/// case in manifests and ZIP names, without the generic validator.
package enum UTF8Text {
    package static func string(_ bytes: UnsafeRawBufferPointer) -> String? {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        return ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }
}
