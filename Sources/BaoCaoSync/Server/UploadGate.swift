import Foundation

/// One request at a time on each resumable upload.
///
/// When a link is cut, the client reconnects and asks where the upload stands (`HEAD`)
/// while the request that was cut may still be writing what arrived and recording its
/// offset. Answered before that, the client would resume from an offset already passed
/// (a `409` and a lost round), or — a `PATCH` arriving between the old request's write
/// and its record — two requests would write the same part file at once, and the bundle
/// would fail its hash at the end. So `HEAD`, `PATCH` and `DELETE` on an upload wait
/// for the request on it before them, up to ``patience``; past that (a connection dead
/// without the server having noticed yet) the newcomer is told the upload is busy
/// (`423`) and tries again later, and nothing is written twice.
actor UploadGate {
    /// How long a request waits for the one before it on the same upload: 10 s unless
    /// told otherwise.
    let patience: Duration
    /// How often a waiting request looks again. 2 ms: the request before it usually ends
    /// within a flush.
    static let interval: Duration = .milliseconds(2)

    private var busy: Set<String> = []

    init(patience: Duration = .seconds(10)) {
        self.patience = patience
    }

    /// Takes upload `id` for the caller; `false` if another request still held it after
    /// ``patience``.
    func enter(_ id: String) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + patience
        while busy.contains(id) {
            guard clock.now < deadline, !Task.isCancelled else { return false }
            try? await Task.sleep(for: Self.interval)
        }
        busy.insert(id)
        return true
    }

    /// Gives upload `id` back.
    func leave(_ id: String) {
        busy.remove(id)
    }
}
