import Foundation

/// The backups a node makes and how old its last good one may be (seeds 000 art. 19.3:
/// data backed up to guard against loss; 001 art. 12.1): the `backup:` section of its
/// configuration over the defaults — on, every 24 hours, the newest 14 kept, in a folder
/// beside the data directory, a warning once the last good backup is older than twice the interval.
public struct BackupPolicy: Sendable, Hashable {
    /// Whether backups are made at all.
    public var enabled: Bool
    /// Where they are written: as configured (relative to the configuration file), or
    /// `<dataDirectory>-sao-luu`.
    public var directory: String
    /// Seconds between backups.
    public var interval: TimeInterval
    /// How many are kept.
    public var keep: Int
    /// Seconds the last good backup may age before the node warns.
    public var maximumAge: TimeInterval
    /// Whether the configuration named the folder (otherwise it is the default beside the data).
    public var directoryConfigured: Bool

    public static let defaultIntervalHours = 24
    public static let defaultKeep = 14

    public init(_ configuration: BackupConfiguration?, dataDirectory: String) {
        let hours = max(1, configuration?.intervalHours ?? Self.defaultIntervalHours)
        enabled = configuration?.enabled ?? true
        directory = configuration?.directory ?? Self.defaultDirectory(beside: dataDirectory)
        directoryConfigured = configuration?.directory != nil
        interval = TimeInterval(hours) * 3600
        keep = max(1, configuration?.keep ?? Self.defaultKeep)
        maximumAge = TimeInterval(max(1, configuration?.maximumAgeHours ?? 2 * hours)) * 3600
    }

    public init(enabled: Bool = true, directory: String, interval: TimeInterval, keep: Int, maximumAge: TimeInterval) {
        self.enabled = enabled
        self.directory = directory
        self.directoryConfigured = true
        self.interval = interval
        self.keep = keep
        self.maximumAge = maximumAge
    }

    /// `data/17` → `data/17-sao-luu`: a second folder next to the data, never inside it
    /// (a backup inside the data would be backed up and restored over with it).
    public static func defaultDirectory(beside dataDirectory: String) -> String {
        var base = dataDirectory
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        return base + "-sao-luu"
    }

    /// The hours of `seconds`, for messages.
    public static func hours(_ seconds: TimeInterval) -> Int { Int((seconds / 3600).rounded()) }
}
