import BaoCaoCore
import Foundation

/// Reads ADX XML into an ``AdxDocument``, in the file's own codes.
///
/// The structure is checked as it is read: the root must be `adx` in the ADX namespace,
/// groups need `orgUnit`, `period` and `dataSet`, data values need `dataElement` and
/// `value`, and nothing else may stand there but `annotation`. Every refusal says what is
/// wrong and where (line, "nhóm N", "dataValue M").
public enum AdxReader {
    /// The largest ADX file read, in bytes: 32 MiB, far more than a province's figures.
    public static let maximumFileSize = 32 << 20
    /// The most data values one file may hold: 200,000.
    public static let maximumDataValues = 200_000

    /// #### Errors
    /// ``ExchangeError`` `.malformedFile` for text that is not XML (or XML the strict
    /// reader refuses: a DTD, an entity, a processing instruction, ``StrictXMLReader``)
    /// or not ADX, saying the line and byte; `.tooLarge` for a file over the limits above.
    public static func read(_ data: Data) throws -> AdxDocument {
        guard data.count <= maximumFileSize else {
            throw ExchangeError(.tooLarge, message: "Tệp ADX vượt giới hạn cho phép: lớn \(data.count) byte, quá \(maximumFileSize) byte. Không đọc tệp này.",
                                log: "adx: file of \(data.count) bytes over \(maximumFileSize)")
        }
        var collector = Collector()
        do throws(XMLRefusal) {
            var reader = try StrictXMLReader(data)
            while collector.problem == nil, let event = try reader.next() {
                switch event {
                case .start(let start): collector.start(start)
                case .end(let end): collector.end(end)
                case .text: break
                }
            }
        } catch {
            throw ExchangeError(.malformedFile,
                                message: "Tệp ADX không phải XML hợp lệ (dòng \(error.line), byte \(error.offset)): \(error.problem); hãy kiểm tra tệp có bị cắt cụt hay sửa tay không.",
                                log: "adx: xml refused at \(error.line):\(error.offset): \(error.reason)")
        }
        if let problem = collector.problem {
            if problem.tooLarge {
                throw ExchangeError(.tooLarge, message: "Tệp ADX vượt giới hạn cho phép: \(problem.message). Không đọc tệp này.",
                                    log: "adx: over limits: \(problem.message)")
            }
            throw ExchangeError(.malformedFile, message: "Tệp ADX không đúng cấu trúc (dòng \(problem.line)): \(problem.message).",
                                log: "adx: structure: \(problem.message)")
        }
        guard let document = collector.document else {
            throw ExchangeError(.malformedFile, message: "Tệp ADX không có phần tử gốc <adx>.", log: "adx: no document")
        }
        return document
    }

    /// Builds the document from the reader's events, stopping at the first structural problem.
    private struct Collector {
        var document: AdxDocument?
        var problem: (line: Int, message: String, tooLarge: Bool)?
        private var exported = ""
        private var groups: [AdxDocument.Group] = []
        private var path: [String] = []
        private var sawRoot = false
        private var dataValues = 0

        mutating func start(_ element: XMLElementStart) {
            let name = element.localName
            let attributes = element.attributes
            let place = path.last
            if place == "annotation" || place == "annotation-content" {  // free content, not ours to check
                path.append("annotation-content")
                return
            }
            if place == nil {
                guard name == "adx", element.namespace == AdxDocument.namespace, !sawRoot else {
                    return fail(element, "phần tử gốc phải là <adx xmlns=\"\(AdxDocument.namespace)\">, tệp có <\(element.name)>\(element.namespace.map { " trong không gian tên \"\($0)\"" } ?? "")")
                }
                sawRoot = true
                exported = attributes["exported"] ?? ""
            } else if element.namespace != AdxDocument.namespace {
                return fail(element, "phần tử <\(element.name)> không thuộc không gian tên ADX")
            } else if place == "adx" {
                guard name == "group" else { return fail(element, "trong <adx> chỉ được có <group>, tệp có <\(name)>") }
                let number = groups.count + 1
                var missing: [String] = []
                for required in ["orgUnit", "period", "dataSet"] where (attributes[required] ?? "").isEmpty { missing.append(required) }
                guard missing.isEmpty else { return fail(element, "nhóm \(number) thiếu thuộc tính \(missing.joined(separator: ", "))") }
                groups.append(.init(orgUnit: attributes["orgUnit"]!.nfcTrimmed, period: attributes["period"]!.nfcTrimmed,
                                    dataSet: attributes["dataSet"]!.nfcTrimmed, dataValues: []))
            } else if place == "group" {
                let where_ = "nhóm \(groups.count), dataValue \(groups[groups.count - 1].dataValues.count + 1)"
                guard name == "dataValue" else { return fail(element, "trong <group> (nhóm \(groups.count)) chỉ được có <dataValue>, tệp có <\(name)>") }
                guard let dataElement = attributes["dataElement"], !dataElement.isEmpty else { return fail(element, "\(where_) thiếu thuộc tính dataElement") }
                guard let value = attributes["value"] else { return fail(element, "\(where_) thiếu thuộc tính value") }
                dataValues += 1
                guard dataValues <= AdxReader.maximumDataValues else {
                    problem = (element.line, "có hơn \(AdxReader.maximumDataValues) dataValue", true)
                    return
                }
                var disaggregation: [String: String] = [:]
                for (key, member) in attributes where !AdxDocument.reservedAttributes.contains(key) && !key.contains(":") {
                    disaggregation[key] = member.nfcTrimmed
                }
                groups[groups.count - 1].dataValues.append(.init(dataElement: dataElement.nfcTrimmed, disaggregation: disaggregation, value: value.nfcTrimmed))
            } else if place == "dataValue" {
                guard name == "annotation" else { return fail(element, "trong <dataValue> chỉ được có <annotation>, tệp có <\(name)>") }
            }
            path.append(name)
        }

        mutating func end(_ element: XMLElementEnd) {
            path.removeLast()
            if path.isEmpty, element.localName == "adx" { document = AdxDocument(exported: exported, groups: groups) }
        }

        private mutating func fail(_ element: XMLElementStart, _ message: String) {
            problem = (element.line, message, false)
        }
    }
}

extension String {
    /// NFC, without surrounding spaces: how codes and values from a file are compared.
    fileprivate var nfcTrimmed: String { trimmingCharacters(in: .whitespacesAndNewlines).nfc }
}
