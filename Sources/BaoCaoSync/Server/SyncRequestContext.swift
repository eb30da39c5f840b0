import Hummingbird
import NIOCore

/// Per-request data of the sync endpoints: the channel, so a handler can ask which
/// certificate the calling node presented during the TLS handshake.
public struct SyncRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// A batch of small bundles may be large; resumable uploads take the really large ones.
    public var maxUploadSize: Int { 64 << 20 }
}
