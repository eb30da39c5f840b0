extension StaffMember {
    /// Whether this is the node itself (``StaffMember/node``) rather than a person signed in.
    ///
    /// Node-level work — publishing a release, carrying bundles on a USB stick, setting
    /// the node up — is done at the command line by whoever holds the node's configuration
    /// file and keys, and signs nobody in: holding those files is the authority, and the
    /// audit log names the node. A person doing the same through the web interface needs
    /// the role the service asks for. No account can be the node: the login `node` is
    /// reserved and user ids start at 1.
    var isNode: Bool { self == .node }
}
