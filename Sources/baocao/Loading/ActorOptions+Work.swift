import BaoCaoServices
import Foundation

extension ActorOptions {
    /// Opens the node of `config`, signs the person in, and gives what the services work
    /// on: every command that acts through a service starts here.
    func signedIn(config: String) throws -> (work: NodeWork, actor: StaffMember, now: Date) {
        let node = try NodeContext(configFile: config)
        let now = Date()
        let actor = try actor(store: node.store, configuration: node.configuration, now: now)
        return (try node.work(), actor, now)
    }
}
