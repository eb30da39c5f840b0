import BaoCaoCore
import Foundation

/// A PDF with classic cross-reference tables (as cairo and our incremental updates write
/// them), read for what an incremental update needs: where each object is, the trailer,
/// the catalog, the pages in order, the form's fields.
struct PDFFile {
    let bytes: [UInt8]
    /// Object number → byte offset, the newest update winning.
    private(set) var offsets: [Int: Int] = [:]
    /// The newest trailer.
    let trailer: PDFDictionary
    /// Where the newest cross-reference section starts (an update's `/Prev`).
    let startXref: Int

    init(_ data: Data) throws {
        bytes = [UInt8](data)
        guard bytes.starts(with: Array("%PDF-".utf8)) else { throw Self.unreadable("no %PDF- header") }
        startXref = try Self.lastStartXref(bytes)
        var offsets: [Int: Int] = [:]
        var newest: PDFDictionary?
        var next: Int? = startXref
        var seen = Set<Int>()
        while let section = next {
            guard seen.insert(section).inserted, section >= 0, section < bytes.count else { throw Self.unreadable("bad xref offset \(section)") }
            var reader = PDFSyntax(bytes, at: section)
            guard (try? reader.token()) == "xref" else {
                throw PDFError.unsupported("bảng tham chiếu chéo dạng luồng (xref stream)", log: "xref at \(section) is not a table")
            }
            do {
                while true {
                    reader.skipWhitespace()
                    let saved = reader.position
                    let word = try reader.token()
                    if word == "trailer" { break }
                    guard let first = Int(word) else { throw PDFSyntaxFailure("bad xref subsection at \(saved)") }
                    let count = try reader.integer()
                    for number in first..<(first + count) {
                        let offset = try reader.integer()
                        _ = try reader.integer()
                        let kind = try reader.token()
                        if kind == "n", offsets[number] == nil { offsets[number] = offset }
                        if kind == "f", offsets[number] == nil { offsets[number] = -1 }
                    }
                }
                let dictionary = try reader.dictionary()
                if newest == nil { newest = dictionary }
                next = dictionary["/Prev"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            } catch let failure as PDFSyntaxFailure {
                throw Self.unreadable(failure.detail)
            }
        }
        guard let newest else { throw Self.unreadable("no trailer") }
        trailer = newest
        self.offsets = offsets.filter { $0.value >= 0 }
    }

    /// The offset after the last `startxref` keyword.
    private static func lastStartXref(_ bytes: [UInt8]) throws -> Int {
        let keyword = Array("startxref".utf8)
        var index = bytes.count - keyword.count
        let limit = max(0, bytes.count - 4096)
        while index >= limit {
            if bytes[index] == keyword[0], Array(bytes[index..<index + keyword.count]) == keyword {
                var reader = PDFSyntax(bytes, at: index + keyword.count)
                guard let offset = try? reader.integer() else { break }
                return offset
            }
            index -= 1
        }
        throw unreadable("no startxref")
    }

    /// The value of object `number` (its raw text) and where it is.
    func dictionary(object number: Int) throws -> PDFDictionary {
        guard let offset = offsets[number] else { throw Self.unreadable("object \(number) missing") }
        var reader = PDFSyntax(bytes, at: offset)
        do {
            guard try reader.integer() == number else { throw PDFSyntaxFailure("object \(number) not at its offset") }
            _ = try reader.integer()
            try reader.expect("obj")
            return try reader.dictionary()
        } catch let failure as PDFSyntaxFailure {
            throw Self.unreadable(failure.detail)
        }
    }

    var size: Int {
        get throws {
            guard let size = trailer["/Size"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else { throw Self.unreadable("no /Size") }
            return size
        }
    }

    var rootNumber: Int {
        get throws {
            guard let root = trailer.reference("/Root") else { throw Self.unreadable("no /Root") }
            return root
        }
    }

    /// The page objects, in order.
    func pageNumbers() throws -> [Int] {
        let catalog = try dictionary(object: rootNumber)
        guard let pages = catalog.reference("/Pages") else { throw Self.unreadable("no /Pages") }
        var result: [Int] = []
        try collectPages(pages, into: &result, depth: 0)
        return result
    }

    private func collectPages(_ number: Int, into result: inout [Int], depth: Int) throws {
        guard depth < 32 else { throw Self.unreadable("page tree too deep") }
        let node = try dictionary(object: number)
        if let kids = node["/Kids"] {
            guard let numbers = PDFDictionary.references(inArray: kids) else { throw Self.unreadable("bad /Kids") }
            for kid in numbers { try collectPages(kid, into: &result, depth: depth + 1) }
        } else {
            result.append(number)
        }
    }

    static func unreadable(_ detail: String) -> PDFError {
        PDFError(.malformedFile, message: "Tệp PDF bị hỏng hoặc không đúng cấu trúc; không thêm được chữ ký.", log: "unreadable PDF: \(detail)")
    }
}
