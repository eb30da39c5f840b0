/// How a bundle reached a node.
public enum BundleOrigin: String, Sendable, Codable {
    /// Made and signed here.
    case local
    /// From a neighbouring node over HTTPS.
    case https
    /// From a USB stick (or any folder of files).
    case usb
}
