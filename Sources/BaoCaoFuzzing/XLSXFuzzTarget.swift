import BaoCaoExchange
import BaoCaoZip
import Foundation

/// An Excel workbook as an import reads it: ``FormWorkbookReader/read(_:)``, and
/// ``XLSXReader`` over every sheet with each cell's reference.
///
/// An input starting `PK\u{3}\u{4}` is a whole `.xlsx` file. Any other input is a
/// workbook's parts, packed here into a ZIP before reading: `path\ncontent` entries
/// separated by NUL bytes (``parts(_:)``). Mutations of a real file mostly break its
/// deflate streams and CRCs, so the parts form is what lets the fuzzer change the XML.
enum XLSXFuzzTarget {
    /// Accepted: the workbook opened and at least one of its sheets read.
    static func run(_ data: Data) -> FuzzOutcome {
        let workbook: Data
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            workbook = data
        } else {
            guard let packed = pack(parts(data)) else { return .refused }
            workbook = packed
        }
        _ = try? FormWorkbookReader().read(workbook)
        guard let reader = try? XLSXReader(data: workbook) else { return .refused }
        var outcome = FuzzOutcome.refused
        for name in reader.sheetNames {
            guard let cells = try? reader.cells(ofSheet: name) else { continue }
            outcome = .accepted
            for reference in cells.keys {
                guard let position = XLSXReader.position(of: reference) else { continue }
                let written = XLSXReader.reference(column: position.column, row: position.row)
                FuzzInvariant.require(XLSXReader.position(of: written).map { [$0.column, $0.row] } == [position.column, position.row],
                                      "cell reference \(reference.debugDescription) → \(written) does not read back")
            }
        }
        return outcome
    }

    /// `path\ncontent` entries separated by NUL bytes; an entry without a line break is skipped.
    static func parts(_ data: Data) -> [(path: String, content: Data)] {
        data.split(separator: 0, omittingEmptySubsequences: true).compactMap { entry in
            guard let newline = entry.firstIndex(of: 0x0A) else { return nil }
            let path = String(decoding: entry[entry.startIndex..<newline], as: UTF8.self)
            guard !path.isEmpty else { return nil }
            return (path, Data(entry[(newline + 1)...]))
        }
    }

    /// The parts as a ZIP file (stored, not deflated: packing is per input).
    static func pack(_ parts: [(path: String, content: Data)]) -> Data? {
        guard !parts.isEmpty, let archive = try? ZipWriter() else { return nil }
        var seen: Set<String> = []
        for (path, content) in parts where seen.insert(path).inserted {
            do { try archive.add(path, data: content, compressed: false) } catch { return nil }
        }
        return archive.data
    }

    /// The parts form of a whole `.xlsx` file, for seeds.
    static func explode(_ workbook: Data) throws -> Data {
        try workbook.withUnsafeBytes { bytes in
            var out = Data()
            for entry in try ZipDirectory(bytes: bytes, maximumEntries: 10_000).entries where entry.isRegularFile {
                let content = try entry.contents(in: bytes)
                guard !content.contains(0) else { continue }
                if !out.isEmpty { out.append(0) }
                out.append(Data((entry.name + "\n").utf8))
                out.append(content)
            }
            return out
        }
    }
}
