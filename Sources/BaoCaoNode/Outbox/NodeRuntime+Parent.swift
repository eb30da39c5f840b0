import BaoCaoBundle
import BaoCaoStore
import BaoCaoCore
import Foundation

extension NodeRuntime {
    /// The unit above this node and where its sync server is, or `nil` at the top of the
    /// tree. The address is `configuredURL` when the configuration gives one, otherwise
    /// the one the province's release in force lists for the parent (`endpoints`); `url`
    /// is `nil` when neither knows it.
    ///
    /// The release is read only when the configuration names no address: a node whose
    /// trust is not set up yet can still be pointed at its parent by hand.
    public func parent(configuredURL: String?) throws -> (unit: UnitCode, url: String?)? {
        guard let parent = try store.topology().unit(code: home)?.parentCode else { return nil }
        if let configuredURL { return (parent, configuredURL) }
        return (parent, try ingestor().trust.provinceRelease?.content.endpoint(of: parent))
    }
}
