import AsyncHTTPClient
import BaoCaoBundle
import BaoCaoNode
import Foundation
import NIOCore
import Synchronization

/// The HTTPS client a node reaches its parent with, trusting what the node trusts now:
/// the anchors of the province release in force, or those it was installed with before
/// the first release (``NodeRuntime/transportTrust()``) — the same the sync server checks
/// its children against.
///
/// AsyncHTTPClient fixes its trust roots when it is made, so ``follow()`` (called at the
/// start of every sync round) makes the client again whenever the trust in force no
/// longer matches the one it was made with: a release that adds a root CA lets the node
/// reach a parent whose certificate chains to it, and one that drops a root stops it
/// trusting a parent that chains only to that root, without a restart. A replaced client
/// is kept until ``shutdown()`` (a round under way on it finishes; its idle connections
/// close on their own).
public final class ParentTransport: Sendable {
    private struct State {
        var client: HTTPClient
        /// The trust roots the client was made with; `nil` for a client given whole.
        var roots: Data?
        var replaced: [HTTPClient] = []
    }

    private let state: Mutex<State>
    /// Makes a client trusting the given roots; `nil` for a client given whole.
    private let make: (@Sendable (Data) throws -> HTTPClient)?
    private let runtime: NodeRuntime?

    /// A client that follows the trust in force on `runtime`, presenting the node's TLS
    /// certificate; `resolving` maps the parent's host name to the address to connect to
    /// (``SyncClient/makeHTTPClient(certificatePEM:keyPEM:anchorsPEM:resolving:connectTimeout:)``), within
    /// `connectTimeout` (a parent whose certificate is refused is tried again until then).
    public init(runtime: NodeRuntime, certificatePEM: Data, keyPEM: Data, resolving: [String: String] = [:],
                connectTimeout: TimeAmount = .seconds(60)) throws {
        let make: @Sendable (Data) throws -> HTTPClient = { roots in
            try SyncClient.makeHTTPClient(certificatePEM: certificatePEM, keyPEM: keyPEM, anchorsPEM: roots, resolving: resolving,
                                          connectTimeout: connectTimeout)
        }
        let roots = try runtime.transportTrust().rootsPEM
        self.state = Mutex(State(client: try make(roots), roots: roots))
        self.make = make
        self.runtime = runtime
    }

    /// One client whose trust never changes (tests and benchmarks that set it themselves).
    public init(fixed client: HTTPClient) {
        self.state = Mutex(State(client: client, roots: nil))
        self.make = nil
        self.runtime = nil
    }

    /// The client to send with now.
    public var client: HTTPClient { state.withLock { $0.client } }

    /// Makes the client again if the trust in force changed since it was made.
    ///
    /// #### Errors
    /// The trust in force could not be read, or its roots do not read as certificates.
    public func follow() async throws {
        guard let make, let runtime else { return }
        let roots = try await BlockingWork.run { try runtime.transportTrust().rootsPEM }
        try state.withLock { state in
            guard state.roots != roots else { return }
            let replacement = try make(roots)
            state.replaced.append(state.client)
            state.client = replacement
            state.roots = roots
        }
    }

    /// Shuts down the client and every one it replaced.
    public func shutdown() async throws {
        let clients = state.withLock { [$0.client] + $0.replaced }
        for client in clients { try await client.shutdown() }
    }
}
