import Dispatch
import Synchronization

/// A value worked out on a thread of its own while its caller goes on with something
/// else, and waited for when the caller needs it: a batch's transaction recorded on the
/// database's writer while the caller verifies the rest of the batch.
///
/// The work runs on a private serial queue, which libdispatch gives a thread of its own
/// even when every worker thread is busy or blocked, so a caller waiting for the value can
/// never starve it.
public final class WorkAhead<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    public init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue(label: "baocao.work-ahead").async { [self] in
            let value = work()
            result.withLock { $0 = value }
            done.signal()
        }
    }

    /// The value, once the work is done (at once if it is).
    public func value() -> Value {
        done.wait()
        done.signal()   // so that asking again does not wait
        return result.withLock { $0! }
    }
}
