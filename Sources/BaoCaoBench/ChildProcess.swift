import Foundation

/// A node the benchmark starts in its own process (`country-node`, `web-node`) reads its
/// standard input, a pipe the benchmark holds open, only to learn when the benchmark is
/// gone: at end of file it exits, so no node outlives a benchmark that crashed or was killed.
enum ChildProcess {
    static func exitWhenParentGoes() {
        Thread.detachNewThread {
            while !FileHandle.standardInput.availableData.isEmpty {}
            exit(0)
        }
    }
}
