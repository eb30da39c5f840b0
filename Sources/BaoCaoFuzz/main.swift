// The libFuzzer entry point. `Scripts/fuzz` builds this with `-sanitize=fuzzer
// -parse-as-library`, so libFuzzer supplies `main` and calls `LLVMFuzzerTestOneInput`
// once per input; a normal `swift build` links it with an empty `main`.
//
// `BAOCAO_FUZZ_TARGET` names the target (`bundle`, `manifest`, `report`, `csv`, `xlsx`,
// `upload`, `period`); it is read once, on the first input.
import BaoCaoFuzzing
import Foundation

/// The target named by `BAOCAO_FUZZ_TARGET`.
enum SelectedTarget {
    /// Read once, on first use (a static is initialised lazily); an unknown or missing
    /// name stops the run at once, with the names that are known.
    static let target: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["BAOCAO_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let known = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("BAOCAO_FUZZ_TARGET must be one of: \(known) (got \"\(name)\")\n".utf8))
            exit(2)
        }
        return target
    }()
}

/// Runs one input through the selected target; libFuzzer treats a trap as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    SelectedTarget.target.run(Data(bytes: start, count: count))
    return 0
}

#if BAOCAO_LIBFUZZER
// SwiftPM links an executable with `main` aliased to `BaoCaoFuzz_main`, which
// `-parse-as-library` leaves undefined; `Scripts/fuzz` builds with `-D BAOCAO_LIBFUZZER`
// so that it is defined here and hands the process to libFuzzer's driver.

/// libFuzzer's driver (`FuzzerDriver.cpp`): parses the flags, then fuzzes `callback`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafeRawPointer?, Int) -> CInt) -> CInt

/// The process entry under libFuzzer.
@_cdecl("BaoCaoFuzz_main")
func libFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { start, count in
        guard let start, count > 0 else { return fuzzOneInput(UnsafeRawPointer(bitPattern: 1)!, 0) }
        return fuzzOneInput(start, count)
    }
}
#endif
