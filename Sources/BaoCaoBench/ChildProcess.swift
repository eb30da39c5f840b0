import Foundation

/// A node the benchmark starts in its own process (`country-node`, `web-node`) reads its
/// standard input, a pipe the benchmark holds open, only to learn when the benchmark is
/// gone: at end of file it exits, so no node outlives a benchmark that crashed or was killed.
///
/// The benchmark may also write lines to it: ``lines`` yields each (`country-node` waits
/// for `GO` instead of polling its store, see ``CountryNode``).
enum ChildProcess {
    private static let stream = AsyncStream<String>.makeStream()
    /// The lines the benchmark wrote, in order.
    static var lines: AsyncStream<String> { stream.stream }

    static func exitWhenParentGoes() {
        Thread.detachNewThread {
            var buffer = Data()
            while true {
                let chunk = FileHandle.standardInput.availableData
                if chunk.isEmpty { exit(0) }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 0x0A) {
                    stream.continuation.yield(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                    buffer.removeSubrange(buffer.startIndex...newline)
                }
            }
        }
    }
}
