import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import Foundation
import Hummingbird
import NIOSSL

/// Which child node is calling: the TLS certificate it presented (already checked against
/// the trust anchors during the handshake) must be registered for a unit whose parent is
/// this node, and not revoked — and must still chain to the anchors in force
/// (``NodeRuntime/transportTrust()``): a connection opened before a release that drops
/// its root CA is refused from the next request on, not only new handshakes.
enum PeerIdentity {
    static func child(of runtime: NodeRuntime, context: SyncRequestContext) async throws -> UnitCode {
        try await identify(runtime: runtime, context: context).unit
    }

    /// The calling child's unit and its certificate's fingerprint.
    static func identify(runtime: NodeRuntime, context: SyncRequestContext) async throws -> (unit: UnitCode, fingerprint: String) {
        guard let certificate = try await context.channel.nioSSL_peerCertificate().get() else {
            throw SyncProblem(status: .unauthorized, code: "noClientCertificate", message: "Cần chứng thư số của nút (TLS hai chiều).")
        }
        let der = Data(try certificate.toDERBytes())
        let fingerprint = SHA256Digest.hex(of: der)
        let (unit, parent, trusted) = try await BlockingWork.run {
            let unit = try runtime.registry().unit(ofNode: fingerprint)
            let trusted = if case .success = try runtime.transportTrust().chain(for: try Certificate(der: der)) { true } else { false }
            return (unit, try unit.flatMap { try runtime.topology().unit(code: $0)?.parentCode }, trusted)
        }
        guard trusted else {
            throw SyncProblem(status: .forbidden, code: "nodeCertificateUntrusted",
                              message: "Chứng thư của nút gọi đến không còn được tin cậy: bản phát hành đang dùng không còn chứng thư gốc đã cấp nó.")
        }
        guard let unit else {
            throw SyncProblem(status: .forbidden, code: "nodeNotRegistered",
                              message: "Chứng thư của nút gọi đến chưa được đăng ký hoặc đã bị thu hồi.")
        }
        guard parent == runtime.home else {
            throw SyncProblem(status: .forbidden, code: "notAChild", message: "Đơn vị \(unit) không phải đơn vị cấp dưới trực tiếp của nút này.")
        }
        return (unit, fingerprint)
    }
}
