import BaoCaoCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads ADX XML into an ``AdxDocument``, in the file's own codes.
///
/// The structure is checked as it is read: the root must be `adx` in the ADX namespace,
/// groups need `orgUnit`, `period` and `dataSet`, data values need `dataElement` and
/// `value`, and nothing else may stand there but `annotation`. Every refusal says what is
/// wrong and where (line, "nhóm N", "dataValue M").
public enum AdxReader {
    /// #### Errors
    /// ``ExchangeError`` `.malformedFile` for text that is not XML or not ADX.
    public static func read(_ data: Data) throws -> AdxDocument {
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = collector
        let parsed = parser.parse()
        if let problem = collector.problem {
            throw ExchangeError(.malformedFile, message: "Tệp ADX không đúng cấu trúc (dòng \(problem.line)): \(problem.message).",
                                log: "adx: structure: \(problem.message)")
        }
        guard parsed, let document = collector.document else {
            let error = parser.parserError.map { "\($0.localizedDescription)" } ?? "không rõ"
            throw ExchangeError(.malformedFile,
                                message: "Tệp ADX không phải XML hợp lệ (dòng \(parser.lineNumber), cột \(parser.columnNumber)); hãy kiểm tra tệp có bị cắt cụt hay sửa tay không.",
                                log: "adx: xml parse failed at \(parser.lineNumber):\(parser.columnNumber): \(error)")
        }
        return document
    }

    /// Builds the document from parser events, stopping at the first structural problem.
    private final class Collector: NSObject, XMLParserDelegate {
        var document: AdxDocument?
        var problem: (line: Int, message: String)?
        private var exported = ""
        private var groups: [AdxDocument.Group] = []
        private var path: [String] = []
        private var sawRoot = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let place = path.last
            func fail(_ message: String) {
                problem = (parser.lineNumber, message)
                parser.abortParsing()
            }
            if place == "annotation" || place == "annotation-content" {  // free content, not ours to check
                path.append("annotation-content")
                return
            }
            if place == nil {
                guard name == "adx", namespaceURI == AdxDocument.namespace, !sawRoot else {
                    return fail("phần tử gốc phải là <adx xmlns=\"\(AdxDocument.namespace)\">, tệp có <\(qualifiedName ?? name)>\(namespaceURI.map { " trong không gian tên \"\($0)\"" } ?? "")")
                }
                sawRoot = true
                exported = attributes["exported"] ?? ""
            } else if namespaceURI != AdxDocument.namespace {
                return fail("phần tử <\(qualifiedName ?? name)> không thuộc không gian tên ADX")
            } else if place == "adx" {
                guard name == "group" else { return fail("trong <adx> chỉ được có <group>, tệp có <\(name)>") }
                let number = groups.count + 1
                var missing: [String] = []
                for required in ["orgUnit", "period", "dataSet"] where (attributes[required] ?? "").isEmpty { missing.append(required) }
                guard missing.isEmpty else { return fail("nhóm \(number) thiếu thuộc tính \(missing.joined(separator: ", "))") }
                groups.append(.init(orgUnit: attributes["orgUnit"]!.nfcTrimmed, period: attributes["period"]!.nfcTrimmed,
                                    dataSet: attributes["dataSet"]!.nfcTrimmed, dataValues: []))
            } else if place == "group" {
                let where_ = "nhóm \(groups.count), dataValue \(groups[groups.count - 1].dataValues.count + 1)"
                guard name == "dataValue" else { return fail("trong <group> (nhóm \(groups.count)) chỉ được có <dataValue>, tệp có <\(name)>") }
                guard let element = attributes["dataElement"], !element.isEmpty else { return fail("\(where_) thiếu thuộc tính dataElement") }
                guard let value = attributes["value"] else { return fail("\(where_) thiếu thuộc tính value") }
                var disaggregation: [String: String] = [:]
                for (key, member) in attributes where !AdxDocument.reservedAttributes.contains(key) && !key.contains(":") {
                    disaggregation[key] = member.nfcTrimmed
                }
                groups[groups.count - 1].dataValues.append(.init(dataElement: element.nfcTrimmed, disaggregation: disaggregation, value: value.nfcTrimmed))
            } else if place == "dataValue" {
                guard name == "annotation" else { return fail("trong <dataValue> chỉ được có <annotation>, tệp có <\(name)>") }
            }
            path.append(name)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            path.removeLast()
            if path.isEmpty, name == "adx" { document = AdxDocument(exported: exported, groups: groups) }
        }
    }
}

extension String {
    /// NFC, without surrounding spaces: how codes and values from a file are compared.
    fileprivate var nfcTrimmed: String { trimmingCharacters(in: .whitespacesAndNewlines).nfc }
}
