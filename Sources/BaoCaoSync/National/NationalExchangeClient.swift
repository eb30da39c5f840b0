import AsyncHTTPClient
import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Pushes packets to the Government's reporting system and keeps a signed copy of each.
///
/// Every packet is signed (detached CMS, by the node's signing identity) and written to
/// ``NationalArchive`` *before* the first attempt, so nothing sent is ever without its
/// copy and a failed push leaves the packet pending for ``pushPending(now:)``. A retried
/// packet sends the very bytes first signed: it is not rebuilt.
///
/// Retries: connection errors, 429 and 5xx are retried with ``NationalEndpoint/backoff(after:)``
/// up to ``NationalEndpoint/maxAttempts``; any other status (a 4xx) is final for this push,
/// since sending the same bytes again would be refused the same way.
public struct NationalExchangeClient: Sendable {
    public let endpoint: NationalEndpoint
    public let identity: SigningIdentity
    public let archive: NationalArchive
    /// You remain responsible for shutting it down unless it is `HTTPClient.shared`.
    public let http: HTTPClient
    let logger: Logger
    let sleep: @Sendable (Duration) async throws -> Void

    public init(endpoint: NationalEndpoint, identity: SigningIdentity, dataDirectory: URL, http: HTTPClient = .shared,
                logger: Logger = Logger(label: "baocao.national"),
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.endpoint = endpoint
        self.identity = identity
        self.archive = NationalArchive(dataDirectory: dataDirectory)
        self.http = http
        self.logger = logger
        self.sleep = sleep
    }

    /// Signs, keeps and sends one packet (`bytes`, as the exchange format wrote it);
    /// returns its receipt once the receiver took it.
    ///
    /// #### Errors
    /// `.deliveryFailed` when the receiver refuses it (4xx) or never takes it within the
    /// attempts; the packet then stays pending, signed. `.storageFailure` when the copy
    /// cannot be written: then nothing is sent.
    @discardableResult
    public func push(_ bytes: Data, packetId: UUID, kind: NationalPacketKind, now: @Sendable () -> Date = { Date() }) async throws -> NationalReceipt {
        let signedAt = Self.wholeSeconds(now())
        let signature = try DetachedSignature.sign(bytes, with: identity, at: signedAt)
        let receipt = NationalReceipt(packetId: packetId, kind: kind, status: .pending, endpoint: endpoint.url,
                                      sha256: SHA256Digest.hex(of: bytes), signedAt: signedAt)
        let entry = try await BlockingWork.run { [archive] in try archive.keep(bytes: bytes, signature: signature.der, receipt: receipt) }
        return try await deliver(entry, receipt: receipt, bytes: bytes, now: now)
    }

    /// Sends again every pending packet, oldest first; a failure does not stop the others.
    /// Returns each packet's receipt, delivered or still pending with its reason.
    public func pushPending(now: @Sendable () -> Date = { Date() }) async throws -> [NationalReceipt] {
        var receipts: [NationalReceipt] = []
        for (entry, receipt) in try await BlockingWork.run({ [archive] in try archive.pending() }) {
            let bytes: Data
            do { bytes = try await BlockingWork.run { try Data(contentsOf: entry.document) } } catch {
                throw NationalExchangeError(.storageFailure, message: "Không đọc được bản lưu gói tin \(entry.packetId).",
                                    log: "reading \(entry.document.path) failed: \(error)")
            }
            do {
                receipts.append(try await deliver(entry, receipt: receipt, bytes: bytes, now: now))
            } catch let error as NationalExchangeError where error.code == .deliveryFailed {
                receipts.append(try await BlockingWork.run { [archive] in try archive.receipt(of: entry) })
            }
        }
        return receipts
    }

    // MARK: -

    func deliver(_ entry: NationalArchive.Entry, receipt start: NationalReceipt, bytes: Data,
                 now: @Sendable () -> Date) async throws -> NationalReceipt {
        var receipt = start
        let name = "\(receipt.kind.vietnameseName) (mã gói tin \(receipt.packetId.uuidString.lowercased()))"
        for attempt in 1...endpoint.maxAttempts {
            receipt.attempts += 1
            let failure: String
            do {
                let response = try await http.execute(request(bytes), timeout: .seconds(endpoint.timeoutSeconds))
                _ = try? await response.body.collect(upTo: 1 << 20)
                let status = Int(response.status.code)
                receipt.responseStatus = status
                receipt.respondedAt = Self.wholeSeconds(now())
                if (200..<300).contains(status) {
                    receipt.status = .delivered
                    receipt.lastError = nil
                    let delivered = receipt
                    _ = try await BlockingWork.run { [archive] in try archive.file(entry, as: delivered, on: delivered.respondedAt!) }
                    logger.info("national packet delivered", metadata: ["packet": "\(receipt.packetId)", "status": "\(status)"])
                    return receipt
                }
                guard status == 429 || status >= 500 else {
                    let message = "Hệ thống báo cáo của Chính phủ từ chối gói tin \(name): mã trạng thái HTTP \(status). "
                        + "Gói tin đã ký được giữ lại, chờ gửi lại sau khi sửa."
                    receipt.lastError = message
                    let refused = receipt
                    try await BlockingWork.run { [archive] in try archive.write(receipt: refused, of: entry) }
                    throw NationalExchangeError(.deliveryFailed, message: message,
                                        log: "national receiver refused packet \(receipt.packetId) (\(receipt.kind.rawValue)) with HTTP \(status)")
                }
                failure = "mã trạng thái HTTP \(status)"
            } catch let error as NationalExchangeError {
                throw error
            } catch {
                failure = "không kết nối được"
                logger.debug("national push attempt failed", metadata: ["packet": "\(receipt.packetId)", "error": "\(error)"])
            }
            receipt.lastError = "Chưa gửi được gói tin \(name) sau \(attempt) lần thử: \(failure)."
            let pending = receipt
            try await BlockingWork.run { [archive] in try archive.write(receipt: pending, of: entry) }
            logger.warning("national push attempt failed", metadata: ["packet": "\(receipt.packetId)", "attempt": "\(attempt)", "reason": "\(failure)"])
            if attempt < endpoint.maxAttempts { try await sleep(endpoint.backoff(after: attempt)) }
        }
        throw NationalExchangeError(.deliveryFailed,
                            message: (receipt.lastError ?? "Chưa gửi được gói tin \(name).") + " Gói tin đã ký được giữ lại để gửi lại sau.",
                            log: "national packet \(receipt.packetId) not delivered after \(endpoint.maxAttempts) attempts")
    }

    /// Receipts keep instants to the second, as ISO 8601 writes them.
    static func wholeSeconds(_ date: Date) -> Date { Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)) }

    func request(_ bytes: Data) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: endpoint.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        if let token = endpoint.bearerToken { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.body = .bytes(ByteBuffer(bytes: bytes))
        return request
    }
}
