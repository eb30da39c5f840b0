import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoSync
import Foundation

extension NodeContext {
    /// What the services work on: the runtime, and the unit's signing identity when the
    /// configuration names one.
    func work() throws -> NodeWork {
        let identity = configuration.signing == nil ? nil : try signingIdentity()
        let runtime = NodeRuntime(store: store, files: bundleFiles, home: homeUnit, bootstrap: try bootstrap(),
                                  clockTolerance: configuration.effectiveClockTolerance, signer: identity,
                                  arrivalRecorder: AuditLog.arrivals)
        return NodeWork(runtime: runtime, identity: identity)
    }
}
