import Foundation
import Testing

/// A period, a regime or a unit crosses a public function as ``Period``, ``RegimeCode``,
/// ``UnitCode`` (or ``BundleRecipient``), never as `String`: text from outside is read into
/// its type once, where it enters (a parser, a web page, a command-line argument), so no
/// function can be handed a unit code where it expects a period, and none has to check its
/// text again. This test holds the package to that rule: it reads every source file and
/// names each `public func` or `public init` with a parameter called like one of them and
/// typed `String` (or `String?`, `[String]`, `Set<String>`).
@Suite("Typed domain: no period, regime or unit as String in a public signature")
struct TypedDomainSignatureTests {
    /// The package root, three levels above this file (`Tests/BaoCaoCoreTests/…`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Modules not scanned, and why.
    static let exemptModules: [String: String] = [
        "BaoCaoBench": "benchmarks build their own fixtures from plain text and are never called by the product",
    ]

    /// Files whose job is to read text, or to carry another system's text, and why.
    static let exemptFiles: [String: String] = [
        // Core's parsers: where text becomes the types.
        "Sources/BaoCaoCore/Periods/Period+Parsing.swift": "reads period ids",
        "Sources/BaoCaoCore/Topology/UnitCode.swift": "reads unit codes",
        "Sources/BaoCaoCore/Regimes/RegimeCode.swift": "reads regime codes",
        "Sources/BaoCaoCore/Acceptance/BundleRecipient.swift": "reads a manifest's recipient",
        "Sources/BaoCaoCore/Topology/Topology+CSV.swift": "reads the topology file",
        "Sources/BaoCaoCore/Catalog/PlanTarget+CSV.swift": "reads the plan file",
        "Sources/BaoCaoCore/Support/CSVReader.swift": "reads CSV records",
        // Another system's text, not ours.
        "Sources/BaoCaoExchange/ADX/AdxDocument.swift":
            "an ADX file as read and written: its period is ISO 8601 (`2026-10-15/P1M`), its org units the receiver's codes",
        "Sources/BaoCaoBundle/Certificates/DistinguishedName.swift":
            "a certificate's subject is X.509 text (OU = the unit code), written by libcrypto; callers pass `unit.rawValue`",
    ]

    /// Parameter names (labels or internal names) that say "a period, a regime or a unit".
    static let domainNames: Set<String> = [
        "period", "periods", "periodId", "periodText",
        "regime", "regimes", "regimeCode",
        "unit", "units", "unitCode", "home", "homeUnit",
        "sender", "recipient", "recipients", "receiver", "destination",
        "child", "children", "parent", "parentCode", "parentUnit",
    ]

    /// Functions named after what they look up, whose `code:` parameter is then one of them
    /// (`topology.unit(code:)`, `catalog.regime(code:)`).
    static let lookupNames: Set<String> = ["unit", "regime", "units", "regimes"]

    static let textTypes: Set<String> = ["String", "String?", "String!", "[String]", "[String]?", "Set<String>", "Set<String>?", "String..."]

    struct Finding: CustomStringConvertible {
        let path: String
        let line: Int
        let declaration: String
        let parameter: String
        var description: String { "\(path):\(line): \(declaration) — parameter `\(parameter)`" }
    }

    // MARK: - The rule

    /// Every public function and initialiser outside the parsers takes periods, regimes and
    /// units typed; each one that takes text is named, with its file and line.
    @Test func publicSignatures_takeNoPeriodRegimeOrUnitAsString() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        let modules = try FileManager.default.contentsOfDirectory(atPath: sources.path).sorted()
        #expect(modules.contains("BaoCaoCore") && modules.contains("BaoCaoServices"), "package root: \(Self.root.path)")
        var declarations = 0
        for module in modules where Self.exemptModules[module] == nil {
            for file in try Self.swiftFiles(in: sources.appendingPathComponent(module)) {
                let path = String(file.path.dropFirst(Self.root.path.count + 1))
                guard Self.exemptFiles[path] == nil else { continue }
                let scan = Self.scan(try String(contentsOf: file, encoding: .utf8), path: path)
                declarations += scan.declarations
                for finding in scan.findings {
                    Issue.record("A public signature takes a period, regime or unit as text — take Period, RegimeCode, UnitCode or BundleRecipient, and parse where the text enters: \(finding)")
                }
            }
        }
        // A scan that reads nothing would pass: the package has hundreds of public declarations.
        #expect(declarations > 500, "only \(declarations) public declarations found under \(sources.path)")
    }

    /// The exemptions name files that exist, so the list cannot outlive what it excuses.
    @Test func exemptFiles_exist() {
        for path in Self.exemptFiles.keys.sorted() {
            #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(path).path), "exempt file \(path) is gone")
        }
    }

    /// The scan finds what it must and only that: labels and internal names, optionals,
    /// arrays, lookups by `code:`, declarations over several lines, and not typed
    /// parameters, other names, comments, strings or non-public functions.
    @Test func scan_findsTextParameters_andNothingElse() {
        let source = #"""
            public func a(period: String) {}
            public static func b(regime regimeCode: String?, at home: String) {}
            public init(_ units: [String], kind: String) {}
            public func unit(code: String) -> Int? { nil }
            public mutating func c<T: Sendable>(
                _ value: T,
                for child: String = "04792"
            ) {}
            public func d(period: Period, unit: UnitCode, name: String, text: String) {}
            func e(period: String) {}
            // public func f(period: String) {}
            /// `public func g(unit: String)` in a doc comment
            public func h(note: String = "public func i(unit: String)", url: String = "https://x/y") {}
            public func form(code: String) {}
            public init(handler: @escaping (String, Int) -> Void, unit: String) {}
            """#
        let scan = Self.scan(source, path: "Sample.swift")
        #expect(scan.findings.map { "\($0.line) \($0.parameter)" }
                == ["1 period", "2 regime regimeCode", "2 at home", "3 _ units", "4 code", "5 for child", "15 unit"])
        #expect(scan.declarations == 9)
    }

    // MARK: - Reading Swift, enough for signatures

    static func swiftFiles(in folder: URL) throws -> [URL] {
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return files.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
    }

    /// The public declarations of a source file, and those with a parameter the rule forbids.
    static func scan(_ source: String, path: String) -> (declarations: Int, findings: [Finding]) {
        let code = Array(withoutCommentsAndStrings(source))
        let start = try! Regex(#"\b(?:public|open)\s+(?:(?:static|class|final|mutating|nonmutating|override|convenience|required|nonisolated|dynamic|@\w+)\s+)*(?:func\s+([A-Za-z_][A-Za-z0-9_]*)|init[?!]?)"#)
        let text = String(code)
        var declarations = 0
        var findings: [Finding] = []
        for match in text.matches(of: start) {
            let name = match.output[1].substring.map(String.init) ?? "init"
            var index = text.distance(from: text.startIndex, to: match.range.upperBound)
            index = skipSpaces(code, index)
            if index < code.count, code[index] == "<" { index = skipSpaces(code, closing(code, from: index, "<", ">") + 1) }
            guard index < code.count, code[index] == "(" else { continue }
            let end = closing(code, from: index, "(", ")")
            declarations += 1
            let line = code[..<text.distance(from: text.startIndex, to: match.range.lowerBound)].filter { $0 == "\n" }.count + 1
            let declaration = String(text[match.range]) + "(…)"
            for parameter in topLevelSplit(code[(index + 1)..<end], at: ",") {
                let pieces = topLevelSplit(parameter, at: ":")
                guard pieces.count >= 2 else { continue }
                let names = pieces[0].split(whereSeparator: \.isWhitespace).map(String.init)
                let type = String(topLevelSplit(pieces[1...].joined(separator: ":"), at: "=")[0])
                    .replacingOccurrences(of: "inout ", with: "").filter { !$0.isWhitespace }
                guard textTypes.contains(type) else { continue }
                let isDomain = names.contains(where: domainNames.contains) || (lookupNames.contains(name) && names.first == "code")
                if isDomain {
                    findings.append(Finding(path: path, line: line, declaration: declaration, parameter: names.joined(separator: " ")))
                }
            }
        }
        return (declarations, findings)
    }

    /// The source with comments removed and string literals' contents blanked, line breaks
    /// kept: a signature quoted in a comment or a string is not one.
    static func withoutCommentsAndStrings(_ source: String) -> [Character] {
        let characters = Array(source)
        var out: [Character] = []
        out.reserveCapacity(characters.count)
        var i = 0
        func at(_ offset: Int, _ text: String) -> Bool {
            let wanted = Array(text)
            guard i + offset + wanted.count <= characters.count else { return false }
            return Array(characters[(i + offset)..<(i + offset + wanted.count)]) == wanted
        }
        while i < characters.count {
            if at(0, "//") {
                while i < characters.count, characters[i] != "\n" { i += 1 }
            } else if at(0, "/*") {
                i += 2
                while i < characters.count, !at(0, "*/") { if characters[i] == "\n" { out.append("\n") }; i += 1 }
                i += 2
            } else if characters[i] == "\"" || (characters[i] == "#" && at(1, "\"")) {
                var hashes = 0
                while characters[i] == "#" { hashes += 1; i += 1 }
                let triple = at(0, "\"\"\"")
                let terminator = (triple ? "\"\"\"" : "\"") + String(repeating: "#", count: hashes)
                i += triple ? 3 : 1
                out.append("\"")
                while i < characters.count, !at(0, terminator) {
                    if characters[i] == "\\", hashes == 0 { i += 1 }
                    if i < characters.count, characters[i] == "\n" { out.append("\n") }
                    i += 1
                }
                i += terminator.count
                out.append("\"")
            } else {
                out.append(characters[i])
                i += 1
            }
        }
        return out
    }

    static func skipSpaces(_ code: [Character], _ index: Int) -> Int {
        var index = index
        while index < code.count, code[index].isWhitespace { index += 1 }
        return index
    }

    /// The index of the bracket that closes the one at `start`.
    static func closing(_ code: [Character], from start: Int, _ open: Character, _ close: Character) -> Int {
        var depth = 0
        var index = start
        while index < code.count {
            if code[index] == open { depth += 1 }
            if code[index] == close { depth -= 1; if depth == 0 { return index } }
            if code[index] == "-", index + 1 < code.count, code[index + 1] == ">", open == "<" { index += 1 }
            index += 1
        }
        return code.count - 1
    }

    /// `text` split at `separator` where it stands outside brackets (the `>` of `->` is no bracket).
    static func topLevelSplit(_ text: some Collection<Character>, at separator: Character) -> [String] {
        var parts: [String] = [], current = "", depth = 0
        var previous: Character = " "
        for character in text {
            switch character {
            case "(", "[", "<", "{": depth += 1
            case ">" where previous == "-": break
            case ")", "]", ">", "}": depth -= 1
            default: break
            }
            previous = character
            if character == separator, depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }
}
