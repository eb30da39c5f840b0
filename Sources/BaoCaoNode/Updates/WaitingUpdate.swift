import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation

/// An update taken by a node and checked again right before it is installed: its bundle
/// read back from the node's bundle files and verified in full against the trust in force
/// now (signature, chain, revocations, the acceptance table), its signer still a publisher
/// key of the province release in force, and its package exactly the one described.
/// Weeks may pass between taking an update and installing it; a key revoked meanwhile, or
/// a file changed on disk, stops it here.
public struct WaitingUpdate: Sendable {
    public let content: UpdateContent
    public let package: Data
    public let bundleId: String

    /// The newest update `store` took, if its version is greater than `installed`; checked again.
    ///
    /// #### Errors
    /// ``ErrorCode/noUpdateWaiting`` when none is newer; the verifier's or the gate's
    /// ``BundleError`` when the kept bundle no longer passes.
    public static func newest(in store: NodeStore, files: BundleFiles, trust: NodeTrust, newerThan installed: SoftwareVersion,
                              now: Date) throws -> WaitingUpdate {
        guard let record = try store.latestSoftwareUpdate(), record.version > installed else {
            throw NodeError(.noUpdateWaiting, message: "Không có bản cập nhật phần mềm nào mới hơn phiên bản đang cài \(installed).",
                            log: "no update newer than \(installed)")
        }
        let data = try files.read(record.bundleId)
        let bundle: VerifiedBundle
        // Judged as arriving now: a key revoked since the update arrived stops its installation.
        switch trust.verifier.verify(data, now: now) {
        case .valid(let verified): bundle = verified
        case .refused(let error), .premature(let error, _): throw error
        }
        let update = try AcceptedUpdate(bundle: bundle)
        guard update.hash == record.contentHash else {
            throw BundleError(.updatePackageMismatch, message: "Tệp gói tin của bản cập nhật \(record.version) không còn là tệp đã nhận; không cài đặt.",
                              log: "stored update bundle \(record.bundleId) no longer holds update \(record.contentHash)")
        }
        if case .refuse(let error) = UpdateGate(publishers: trust.provinceRelease?.content.trust?.publishers ?? [])
            .evaluate(update, signedBy: bundle.signer, current: nil) { throw error }
        guard let package = bundle.part(SoftwareUpdatePart.package) else { throw NodeError.updateStep("đọc gói cài đặt", detail: "") }
        return WaitingUpdate(content: update.content, package: package, bundleId: record.bundleId)
    }
}
