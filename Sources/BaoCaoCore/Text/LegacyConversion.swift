/// The result of converting a file to Unicode: its NFC text, and what was done, so that
/// an importer can tell the person ("3 dòng được chuyển từ TCVN3").
public struct LegacyConversion: Hashable, Sendable {
    /// The lines, NFC, split at line feeds (a carriage return before one is kept), without
    /// the byte-order mark.
    public let lines: [String]
    /// The file began with a UTF-8 byte-order mark.
    public let hasByteOrderMark: Bool
    /// The whole text, NFC, with the file's line endings (and byte-order mark, if it had one).
    public var text: String { (hasByteOrderMark ? "\u{FEFF}" : "") + lines.joined(separator: "\n") }
    /// The encoding the converted lines were in; nil when nothing was converted.
    public let encoding: LegacyVietnameseEncoding?
    /// The numbers (from 1) of the lines that were converted.
    public let convertedLines: [Int]
    /// Of those, how many were garbled Unicode (legacy text saved as UTF-8) rather than
    /// legacy bytes.
    public let garbledLineCount: Int
    /// Lines that were already Unicode with non-ASCII letters, and were kept.
    public let unicodeLineCount: Int
    /// Kept Unicode lines that were not NFC and have been normalised.
    public let normalizedLineCount: Int
    /// Number of lines in the file.
    public let lineCount: Int

    public var convertedCount: Int { convertedLines.count }
    /// Nothing was converted: the file was ASCII or Unicode already.
    public var wasAlreadyUnicode: Bool { convertedLines.isEmpty }
}

extension LegacyVietnamese {
    /// Converts a file to NFC Unicode, line by line.
    ///
    /// Each line is one of:
    /// - **ASCII**: kept.
    /// - **Unicode** (valid UTF-8) with real Vietnamese letters, or characters no legacy
    ///   font has: kept (NFC-normalised). Never converted, even with `from` given.
    /// - **Unicode without real Vietnamese letters**, perhaps garbled legacy text saved as
    ///   UTF-8 ("ViÖt Nam"): converted through cp1252 only when it reads better in the
    ///   file's legacy encoding than as it is. When the encoding is detected, a line that
    ///   reads well as it is ("Phú Yên", but also "cã mét", TCVN3 for "có một") is kept;
    ///   when `from` is given, a tie is converted.
    /// - **not UTF-8**: legacy bytes, decoded in the file's legacy encoding.
    ///
    /// A mixed file (Unicode lines beside legacy ones, as when old text is pasted into a
    /// new file) is therefore converted line by line; but it has one legacy encoding,
    /// detected from all its legacy lines together.
    ///
    /// - Parameters:
    ///   - from: the legacy encoding, or nil to detect it (``LegacyTextDetector``).
    ///   - fileName: named in error messages.
    /// - Throws: ``CoreError`` `.ambiguousLegacyEncoding` when `from` is nil, the file has
    ///   legacy bytes, and their encoding cannot be told. A Unicode file whose garbled
    ///   lines cannot be told apart is kept as it is instead, since keeping it guesses nothing.
    public static func convert(_ bytes: [UInt8], from: LegacyVietnameseEncoding? = nil, fileName: String) throws(CoreError) -> LegacyConversion {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let hasBOM = bytes.starts(with: bom)
        let body = hasBOM ? Array(bytes.dropFirst(3)) : bytes
        let lines = body.split(separator: 0x0A, omittingEmptySubsequences: false).map { Line($0) }

        let encoding: LegacyVietnameseEncoding?
        if let from {
            encoding = from
        } else {
            var tcvn3 = Evidence(), vni = Evidence()
            for line in lines where line.isCandidate {
                tcvn3 += line.evidence(.tcvn3)
                vni += line.evidence(.vni)
            }
            let hasLegacyBytes = lines.contains { $0.kind == .legacy }
            switch LegacyTextDetector.verdict(tcvn3: tcvn3, vni: vni) {
            case .encoding(let detected): encoding = detected
            case .ambiguous(let reason) where hasLegacyBytes: throw CoreError.ambiguousLegacyEncoding(fileName: fileName, reason: reason)
            case .noEvidence where hasLegacyBytes: throw CoreError.ambiguousLegacyEncoding(fileName: fileName, reason: .tooLittleText)
            case .ambiguous, .noEvidence: encoding = nil
            }
        }

        var output: [String] = []
        var converted: [Int] = []
        var garbled = 0, unicode = 0, normalized = 0
        for (index, line) in lines.enumerated() {
            switch line.kind {
            case .ascii:
                output.append(line.text!)
            case .legacy:
                output.append(decode(line.bytes, encoding: encoding!))
                converted.append(index + 1)
            case .unicode, .garbledCandidate:
                let text = line.text!
                if line.kind == .garbledCandidate, let encoding, line.readsBetter(in: encoding, named: from != nil) {
                    output.append(decode(text, encoding: encoding))
                    converted.append(index + 1)
                    garbled += 1
                } else {
                    let nfc = text.nfc
                    if !nfc.unicodeScalars.elementsEqual(text.unicodeScalars) { normalized += 1 }
                    output.append(nfc)
                    unicode += 1
                }
            }
        }
        return LegacyConversion(
            lines: output, hasByteOrderMark: hasBOM, encoding: converted.isEmpty ? nil : encoding, convertedLines: converted, garbledLineCount: garbled,
            unicodeLineCount: unicode, normalizedLineCount: normalized, lineCount: body.last == 0x0A ? lines.count - 1 : lines.count
        )
    }
}

/// One line of a file being converted, classified once.
private struct Line {
    enum Kind { case ascii, unicode, garbledCandidate, legacy }

    let bytes: ArraySlice<UInt8>
    let kind: Kind
    /// The line as Unicode, unless it is legacy bytes.
    let text: String?
    /// The bytes a legacy reading decodes: the line itself, or its text through cp1252.
    private let legacyBytes: [UInt8]
    private let asIs: Evidence

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        if bytes.allSatisfy({ $0 < 0x80 }) {
            (kind, text, legacyBytes, asIs) = (.ascii, String(decoding: bytes, as: UTF8.self), [], Evidence())
        } else if let text = String(validating: bytes, as: UTF8.self) {
            self.text = text
            if !LegacyTextDetector.hasGenuineVietnamese(text), let cp1252 = Windows1252.bytes(of: text) {
                (kind, legacyBytes, asIs) = (.garbledCandidate, cp1252, Evidence(ofText: text))
            } else {
                (kind, legacyBytes, asIs) = (.unicode, [], Evidence())
            }
        } else {
            (kind, text, legacyBytes, asIs) = (.legacy, nil, Array(bytes), Evidence())
        }
    }

    /// Whether the line takes part in detecting the file's legacy encoding: not a
    /// Unicode line that reads well as it is ("Phú Yên").
    var isCandidate: Bool { kind == .legacy || (kind == .garbledCandidate && !asIs.fits) }

    func evidence(_ encoding: LegacyVietnameseEncoding) -> Evidence {
        Evidence(ofBytes: legacyBytes, as: encoding)
    }

    /// Whether a garbled candidate reads better decoded than as it is. When the
    /// encoding was detected, a line that reads well as it is stays, and ties stay;
    /// when the person named the encoding, ties are converted.
    func readsBetter(in encoding: LegacyVietnameseEncoding, named: Bool) -> Bool {
        let decoded = evidence(encoding)
        guard decoded.valid >= 1 else { return false }
        if named { return decoded.ratio >= asIs.ratio }
        return !asIs.fits && decoded.ratio > asIs.ratio
    }
}
