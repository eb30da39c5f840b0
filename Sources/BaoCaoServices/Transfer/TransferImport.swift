/// What an import by hand came to (``TransferService/importBundles(from:by:at:each:)``).
public struct TransferImport: Sendable, Hashable {
    /// Files looked at, including leftovers of an interrupted export.
    public var files: Int
    public var accepted: Int
    /// Refused for good: the same bytes would be refused again.
    public var rejected: Int
    /// Could not be stored here (a full disk, read-only storage): to import again.
    public var notStored: Int

    public init(files: Int, accepted: Int = 0, rejected: Int = 0, notStored: Int = 0) {
        self.files = files
        self.accepted = accepted
        self.rejected = rejected
        self.notStored = notStored
    }
}
