import BaoCaoServices
import Foundation
import Logging
import ServiceLifecycle

/// Keeps the Sở Nội vụ's copy of this unit's staff records current (seed 003 art. 7.3,
/// 12.4): after a kept record changes, the unit's complete set goes up sealed as custody
/// at the next turn (``PersonnelTransferService/sendCustodyIfChanged(at:)``). Nothing
/// happens while nothing changed, or while the release in force lacks what sealing needs.
struct CustodyLoop: Service {
    let service: PersonnelTransferService
    let interval: TimeInterval
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                if let id = try service.sendCustodyIfChanged(at: Date()) {
                    logger.info("personnel custody set queued", metadata: ["bundle": "\(id)"])
                }
            } catch {
                // The records themselves never reach the log: the error's code only.
                logger.warning("personnel custody not sent", metadata: ["error": "\(type(of: error))"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(interval)) }
        }
    }
}
