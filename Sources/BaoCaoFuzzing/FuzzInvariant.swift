import Foundation

/// A property that must hold for every input a target accepts. A broken one is a bug
/// like a crash, so it traps, after saying which property broke (libFuzzer keeps the
/// input that broke it).
enum FuzzInvariant {
    static func require(_ condition: @autoclosure () -> Bool, _ property: @autoclosure () -> String,
                        file: StaticString = #fileID, line: UInt = #line) {
        guard !condition() else { return }
        FileHandle.standardError.write(Data("fuzz invariant broken: \(property())\n".utf8))
        fatalError("fuzz invariant broken: \(property())", file: file, line: line)
    }
}
