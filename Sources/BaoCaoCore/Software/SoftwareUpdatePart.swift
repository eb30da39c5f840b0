/// The parts of a software update bundle (``BundleKind/softwareUpdate``), named once for
/// the acceptance table, the publisher and the gate.
public enum SoftwareUpdatePart {
    /// The signed description: version, architecture, the package's name, size and SHA-256.
    public static let description = "update.json"
    /// The Debian package itself.
    public static let package = "package.deb"
    /// The media type Debian registers for its packages.
    public static let packageMediaType = "application/vnd.debian.binary-package"
}
