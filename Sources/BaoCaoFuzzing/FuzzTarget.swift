import Foundation

/// The libFuzzer targets: each reads one kind of untrusted input the way the product
/// reads it, treats a thrown error as the expected answer to bad input, and traps only
/// on a real bug (a crash in the product, or a broken invariant, ``FuzzInvariant``).
///
/// `baocao-fuzz` runs the one named by `BAOCAO_FUZZ_TARGET`; `Scripts/fuzz` runs them
/// all, and the tests replay every committed corpus and regression input through
/// ``run(_:)``.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A `.bcb` bundle as a receiving node takes it: container, manifest, signature,
    /// chain, registration, parts, and then the content a node reads from it.
    case bundle
    /// `manifest.json` alone, strictly decoded, re-encoded and decoded again.
    case manifest
    /// `report.json` (and the decision and notice documents bundles carry).
    case report
    /// A CSV file of figures, legacy Vietnamese text and Vietnamese numbers.
    case csv
    /// An Excel workbook (`.xlsx`): a whole file, or its parts packed by the target.
    case xlsx
    /// The sync server's request parsing: tus headers, content coding, bundle framing.
    case upload
    /// Period ids, civil dates and ADX periods.
    case period
    /// An ADX file (IHE Aggregate Data Exchange XML), as `baocao adx import` and the web upload read it.
    case adx

    /// Runs one input; returns normally for any input the product handles correctly,
    /// whether it accepts or refuses it, and says which (``FuzzOutcome``).
    @discardableResult
    public func run(_ data: Data) -> FuzzOutcome {
        switch self {
        case .bundle: BundleFuzzTarget.run(data)
        case .manifest: ManifestFuzzTarget.run(data)
        case .report: ReportFuzzTarget.run(data)
        case .csv: CSVFuzzTarget.run(data)
        case .xlsx: XLSXFuzzTarget.run(data)
        case .upload: UploadFuzzTarget.run(data)
        case .period: PeriodFuzzTarget.run(data)
        case .adx: AdxFuzzTarget.run(data)
        }
    }

    /// What the target reaches, in a line (for `Tests/Fuzz/README.md`).
    public var summary: String {
        switch self {
        case .bundle: "BundleArchive(reading:), DetachedSignature, BundleVerifier.verify against a fixed development trust store, then report/decision/notice/release content (ReleaseGate)"
        case .manifest: "Manifest(decoding:) (StrictJSONReader, UTCTimestamp, PartPath), re-encoded and decoded equal"
        case .report: "ReportDocument.decode and JSONDecoder, ReportDecision.decode, NoticeDocument.decode, each re-encoded and decoded equal"
        case .csv: "CSVValueCells.read (legacy TCVN3/VNI conversion, CSV split), ValueKey(parsing:), VietnameseNumberFormat.parse both conventions, format/parse round trip"
        case .xlsx: "FormWorkbookReader().read and XLSXReader (ZipDirectory under WorkbookLimits, StrictXMLReader over workbook/rels/sheets/sharedStrings/styles), cell references"
        case .upload: "tus headers (Upload-Length/-Offset/-Metadata/-Checksum, Tus-Resumable), BaoCao-Clock, Accept-/Content-Encoding, WireEncoding.decode, BundleFraming.decode/encode"
        case .period: "Period(parsing:), CivilDate(parsing:), AdxPeriod.period(parsing:cutOff:), cut-off windows and navigation"
        case .adx: "AdxReader.read (StrictXMLReader, ADX structure), AdxWriter.xml written and read back the same"
        }
    }
}
