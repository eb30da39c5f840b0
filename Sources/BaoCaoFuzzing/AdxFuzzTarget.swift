import BaoCaoExchange
import Foundation

/// An ADX file as an import reads it (``AdxReader/read(_:)``, over the strict XML reader);
/// an accepted one is written again (``AdxWriter/xml(_:)``) and must read back as the same
/// document.
enum AdxFuzzTarget {
    /// Accepted: the file read as an ADX document.
    static func run(_ data: Data) -> FuzzOutcome {
        guard let document = try? AdxReader.read(data) else { return .refused }
        let written = AdxWriter.xml(document)
        let again = try? AdxReader.read(Data(written.utf8))
        FuzzInvariant.require(again == document, "ADX document written as \(written.prefix(400).debugDescription) does not read back the same")
        return .accepted
    }
}
