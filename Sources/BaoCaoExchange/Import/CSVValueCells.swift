import Foundation

/// The figures of a CSV file as import cells, read without a node or a store: the same
/// reading ``FileValueImport`` does before ``DraftImport`` checks the cells against a form
/// (two columns `CHỈ_TIÊU;GIÁ_TRỊ`, or the columns "Mã chỉ tiêu" and "Giá trị", legacy
/// TCVN3 and VNI text converted first).
///
/// For tools that only read files: the fuzzer, and checks of a file before import.
public enum CSVValueCells {
    /// The cells, and what was converted from a legacy encoding ("12 dòng chuyển từ TCVN3…").
    ///
    /// #### Errors
    /// ``ExchangeError`` `.ambiguousText` when the legacy encoding cannot be told, and
    /// `.malformedFile` for a line without both columns.
    public static func read(_ data: Data, fileName: String = "CSV") throws -> (cells: [ImportCell], conversions: [String]) {
        try CSVCells.read(data, fileName: fileName)
    }
}
