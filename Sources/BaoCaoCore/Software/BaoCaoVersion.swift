/// The version of the `baocao` program this build is: what `baocao --version` prints (the
/// Debian packaging reads it from there), what a node reports upward at every sync, and what
/// an update must be newer than to wait for installation. Raise it with every release of the
/// package.
public enum BaoCaoVersion {
    public static let current = SoftwareVersion(0, 1, 0)
}
