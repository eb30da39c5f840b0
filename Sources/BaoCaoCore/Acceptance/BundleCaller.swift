/// Who handed a bundle to this node: the party the acceptance table ties the bundle's
/// sender to (``AcceptanceTable/refusal(ofCaller:sender:home:)``).
public enum BundleCaller: Sendable, Hashable, CustomStringConvertible {
    /// A child node over HTTPS, identified by its TLS certificate.
    case child(UnitCode)
    /// This node's parent, over HTTPS (its feed, whose certificate the client pinned).
    case parent
    /// A USB stick or a folder of files: no caller to tie the sender to; the signature
    /// and the table alone decide.
    case carrier
    /// Made and signed here.
    case thisNode

    /// How the bundle's arrival is recorded.
    public var origin: BundleOrigin {
        switch self {
        case .child, .parent: .https
        case .carrier: .usb
        case .thisNode: .local
        }
    }

    public var description: String {
        switch self {
        case .child(let unit): "child \(unit)"
        case .parent: "parent"
        case .carrier: "carrier"
        case .thisNode: "this node"
        }
    }
}
