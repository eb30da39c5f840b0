import Logging
import Synchronization

/// The parent's "upload appended" log lines (one per PATCH of a resumable upload: the
/// offset it started from and the one it kept), in order, so the poor-link benchmark can
/// tell for each connection how much of what it carried the parent kept.
struct UploadAppendLog: LogHandler {
    struct Append: Sendable {
        let from: Int
        let to: Int
        let cut: Bool
    }

    final class Lines: Sendable {
        let appends = Mutex<[Append]>([])
    }

    let lines = Lines()
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .debug

    var appends: [Append] { lines.appends.withLock { $0 } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        guard event.message.description == "upload appended", let fields = event.metadata,
              let from = fields["from"].flatMap({ Int($0.description) }), let to = fields["to"].flatMap({ Int($0.description) }) else { return }
        let append = Append(from: from, to: to, cut: fields["cut"]?.description == "true")
        lines.appends.withLock { $0.append(append) }
    }
}
