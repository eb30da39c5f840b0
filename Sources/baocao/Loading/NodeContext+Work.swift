import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoSync
import Foundation

extension NodeContext {
    /// Whether a command needs the unit's signing identity.
    enum Signing {
        /// It signs: a configuration without a signing key is an error.
        case required
        /// It may sign (receipts, approvals) when the configuration names a key.
        case ifConfigured
        /// It never signs: the key (and its password) is not even read.
        case unused
    }

    /// What the services work on: the runtime, and the unit's signing identity as `signing` asks.
    func work(signing: Signing = .ifConfigured) throws -> NodeWork {
        let identity: SigningIdentity? = switch signing {
        case .required: try signingIdentity()
        case .ifConfigured: configuration.signing == nil ? nil : try signingIdentity()
        case .unused: nil
        }
        let runtime = NodeRuntime(store: store, files: bundleFiles, home: homeUnit, bootstrap: try bootstrap(),
                                  clockTolerance: configuration.effectiveClockTolerance, signer: identity,
                                  arrivalRecorder: AuditLog.arrivals, encryption: try encryptionIdentity(),
                                  calendar: WorkingCalendar(overrides: try CalendarOverridesFile.load(loaded.calendarOverridesPath)))
        return NodeWork(runtime: runtime, identity: identity)
    }
}
