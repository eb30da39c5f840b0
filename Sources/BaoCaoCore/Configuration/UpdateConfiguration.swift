/// The `update:` section of a node's configuration.
public struct UpdateConfiguration: Sendable, Hashable, Codable {
    /// The maintenance window, `HH:MM-HH:MM` in Vietnam's time (Asia/Ho_Chi_Minh), e.g.
    /// `01:00-04:00`; a window that ends before it starts runs past midnight. The default is
    /// none: updates wait for an admin.
    public var window: String?

    public init(window: String? = nil) {
        self.window = window
    }
}
