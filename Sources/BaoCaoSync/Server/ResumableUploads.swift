import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Resumable uploads for large bundles, following tus 1.0 (core, creation, checksum,
/// expiration, termination), so any tus client can deliver a bundle over a link that
/// keeps dropping:
///
/// - `POST /sync/v1/uploads` creates an upload: `Upload-Length`, and `Upload-Metadata`
///   with the bundle's `sha256` (hex, base64-encoded as tus wants). It is bound to the
///   client certificate that created it and expires after a day. Each calling child has a
///   quota (``UploadPolicy``): uploads under way, and the bytes they declare; over it the
///   answer is 429 (`uploadQuotaOpen`) or 413 (`uploadQuotaBytes`) and nothing is created.
///   Expired uploads are swept by a timer (``UploadSweeper``) that runs with the server.
/// - `HEAD /sync/v1/uploads/{id}` tells the offset the server holds.
/// - `PATCH /sync/v1/uploads/{id}` appends from `Upload-Offset` (409 if it is not the
///   server's). The body is written as it streams; the offset only counts bytes flushed
///   to disk. When the last byte arrives the bundle is checked against its SHA-256,
///   verified and ingested in one transaction — from the part file mapped, never read
///   whole into memory — and its ``BundleAnswer`` is in
///   `BaoCao-Answer`. A final PATCH retried after a lost reply is answered with success.
/// - `DELETE /sync/v1/uploads/{id}` abandons it.
///
/// The part file is written through the node's ``UploadPart`` and the records through its
/// ``UploadLedger``, both off the cooperative pool.
package struct ResumableUploads: Sendable {
    package static let version = "1.0.0"
    static let extensions = "creation,checksum,expiration,termination"
    package static let maximumSize = 256 << 20
    /// How many bytes are written between two flushes whose offset is recorded.
    static let checkpoint = 256 << 10
    /// How many bytes of a body are gathered before they are written.
    static let writeSize = 64 << 10

    let runtime: NodeRuntime
    let ledger: UploadLedger
    let policy: UploadPolicy
    let now: @Sendable () -> Date
    /// One request at a time on each upload.
    let gate = UploadGate()

    init(runtime: NodeRuntime, policy: UploadPolicy, now: @escaping @Sendable () -> Date) {
        self.runtime = runtime
        self.ledger = UploadLedger(runtime: runtime)
        self.policy = policy
        self.now = now
    }

    func register(on router: Router<SyncRequestContext>) {
        router.on("/sync/v1/uploads", method: .options) { _, _ in options() }
        router.post("/sync/v1/uploads") { request, context in try await create(request, context: context) }
        router.head("/sync/v1/uploads/{id}") { _, context in try await exclusively(context) { try await offset(context: context) } }
        router.patch("/sync/v1/uploads/{id}") { request, context in try await exclusively(context) { try await append(request, context: context) } }
        router.delete("/sync/v1/uploads/{id}") { _, context in try await exclusively(context) { try await terminate(context: context) } }
    }

    /// `OPTIONS`: what this server supports.
    func options() -> Response {
        var headers = Self.baseHeaders()
        headers[SyncField.tusVersion] = Self.version
        headers[SyncField.tusExtension] = Self.extensions
        headers[SyncField.tusMaxSize] = String(Self.maximumSize)
        headers[SyncField.tusChecksumAlgorithm] = "sha256"
        return Response(status: .noContent, headers: headers)
    }

    /// `POST`: creates an upload.
    func create(_ request: Request, context: SyncRequestContext) async throws -> Response {
        let (_, owner) = try await PeerIdentity.identify(runtime: runtime, context: context)
        try Self.requireVersion(request)
        try await ledger.removeExpired(at: now())
        guard let length = request.headers[SyncField.uploadLength].flatMap(Int.init), length > 0 else {
            throw SyncProblem.badRequest("uploadLength", "Thiếu Upload-Length.")
        }
        guard length <= Self.maximumSize else {
            throw SyncProblem(status: .contentTooLarge, code: "tooLarge", message: "Gói tin vượt \(Self.maximumSize) byte.")
        }
        guard let sha256 = Self.metadata(request.headers[SyncField.uploadMetadata])["sha256"], SHA256Digest.isHex(sha256) else {
            throw SyncProblem.badRequest("uploadMetadata", "Upload-Metadata phải có sha256 của gói tin (hex).")
        }
        let upload: Upload
        do {
            upload = try await ledger.create(owner: owner, length: length, sha256: sha256, policy: policy, at: now())
        } catch let excess as UploadQuotaExceeded {
            throw Self.problem(excess)
        }
        var headers = Self.baseHeaders()
        headers[.location] = "/sync/v1/uploads/\(upload.id)"
        headers[SyncField.uploadExpires] = Self.httpDate(upload.expiresAt)
        return Response(status: .created, headers: headers)
    }

    /// `HEAD`: the offset the server holds, and the answer once complete.
    func offset(context: SyncRequestContext) async throws -> Response {
        let upload = try await owned(context: context)
        var headers = Self.baseHeaders()
        headers[SyncField.uploadOffset] = String(upload.offset)
        headers[SyncField.uploadLength] = String(upload.length)
        headers[.cacheControl] = "no-store"
        headers[SyncField.uploadExpires] = Self.httpDate(upload.expiresAt)
        if let answer = upload.answer { headers[SyncField.answer] = answer }
        return Response(status: .ok, headers: headers)
    }

    /// `DELETE`: abandons the upload.
    func terminate(context: SyncRequestContext) async throws -> Response {
        try await ledger.delete(try await owned(context: context))
        return Response(status: .noContent, headers: Self.baseHeaders())
    }

    /// `PATCH`: appends the body from the server's offset; ingests the bundle once complete.
    func append(_ request: Request, context: SyncRequestContext) async throws -> Response {
        var upload = try await owned(context: context)
        try Self.requireVersion(request)
        guard request.headers[.contentType] == "application/offset+octet-stream" else {
            throw SyncProblem(status: .unsupportedMediaType, code: "contentType", message: "Content-Type phải là application/offset+octet-stream.")
        }
        guard let offset = request.headers[SyncField.uploadOffset].flatMap(Int.init) else {
            throw SyncProblem.badRequest("uploadOffset", "Thiếu Upload-Offset.")
        }
        let declared = request.headers[.contentLength].flatMap(Int.init)
        if let answer = upload.answer {
            // Complete already: a final request retried after its reply was lost.
            if offset == upload.length || offset + (declared ?? 0) == upload.length { return Self.completed(upload.length, answer) }
            throw SyncProblem(status: .conflict, code: "uploadComplete", message: "Tải lên đã hoàn tất ở byte \(upload.length).")
        }
        guard offset == upload.offset else {
            throw SyncProblem(status: .conflict, code: "uploadOffset",
                              message: "Upload-Offset \(offset) khác vị trí máy chủ đang giữ (\(upload.offset)).")
        }
        let checksum = request.headers[SyncField.uploadChecksum]
        let part = try await ledger.openPart(of: upload)
        let written = try await receive(request.body, into: part, upload: &upload, recordingCheckpoints: checksum == nil)
        if let checksum {
            guard written.complete, let expected = Self.expectedChecksum(checksum),
                  SHA256Digest.hexString(Array(expected)) == written.sha256 else {
                try await part.truncate(to: upload.offset)
                return Response(status: .init(code: 460, reasonPhrase: "Checksum Mismatch"), headers: Self.baseHeaders())
            }
        }
        upload.offset = written.offset
        try await ledger.save(upload)
        // What each PATCH kept, so a poor link's cost can be read from the log: a body cut
        // off keeps the bytes that arrived whole, and the client resumes after them.
        context.logger.debug("upload appended", metadata: [
            "upload": "\(upload.id)", "from": "\(offset)", "to": "\(written.offset)", "length": "\(upload.length)",
            "cut": "\(!written.complete)"])
        guard written.offset == upload.length else {
            var headers = Self.baseHeaders()
            headers[SyncField.uploadOffset] = String(written.offset)
            return Response(status: .noContent, headers: headers)
        }
        return try await complete(upload, context: context)
    }

    /// What one PATCH body put on disk: the offset reached (flushed), the SHA-256 of the
    /// bytes of this request, and whether the body arrived whole.
    struct Written {
        var offset: Int
        var sha256: String
        var complete: Bool
    }

    /// Streams the body into the part. Every ``checkpoint`` bytes (without a checksum to
    /// check first) the part is flushed and the offset recorded, so a cut costs at most
    /// that much. A body that stops arriving (the connection was cut) keeps what arrived;
    /// a failure to write, flush or record is thrown, never taken for a cut.
    ///
    /// Chunks are gathered up to ``writeSize`` before each write, so the socket is drained
    /// at network speed while the writes go to the thread pool in few, large pieces.
    private func receive(_ body: RequestBody, into part: UploadPart, upload: inout Upload, recordingCheckpoints: Bool) async throws -> Written {
        var written = upload.offset
        var sinceCheckpoint = 0
        var hasher = SHA256Hasher()
        var complete = true
        var pending = Data()
        var chunks = body.makeAsyncIterator()
        var ended = false
        while !ended {
            do {
                if let chunk = try await chunks.next() {
                    guard written + pending.count + chunk.readableBytes <= upload.length else {
                        throw SyncProblem.badRequest("uploadLength", "Dữ liệu vượt Upload-Length.")
                    }
                    pending.append(contentsOf: chunk.readableBytesView)
                    guard pending.count >= Self.writeSize else { continue }
                } else {
                    ended = true
                }
            } catch let problem as SyncProblem {
                throw problem
            } catch {
                complete = false
                ended = true
            }
            guard !pending.isEmpty else { continue }
            do {
                try await part.append(pending)
            } catch {
                // The disk filled (or went read-only): keep what was recorded.
                try? await part.truncate(to: upload.offset)
                throw error
            }
            CrashPoint.uploadWrittenNotFlushed.reach()
            try hasher.update(data: pending)
            written += pending.count
            sinceCheckpoint += pending.count
            pending.removeAll(keepingCapacity: true)
            if !ended, sinceCheckpoint >= Self.checkpoint, recordingCheckpoints {
                try await part.flush()
                CrashPoint.uploadFlushedNotRecorded.reach()
                upload.offset = written
                try await ledger.save(upload)
                sinceCheckpoint = 0
            }
        }
        try await part.flush()
        return Written(offset: written, sha256: try hasher.finalize(), complete: complete)
    }

    /// The last byte arrived: check the whole against its declared SHA-256, ingest it, and
    /// keep the answer for a client that asks again.
    private func complete(_ upload: Upload, context: SyncRequestContext) async throws -> Response {
        var upload = upload
        let (data, sha256) = try await ledger.contentsAndDigest(of: upload)
        let answer: BundleAnswer
        if sha256 != upload.sha256 {
            answer = BundleAnswer(id: nil, outcome: .rejected, code: "uploadHashMismatch",
                                  reason: "Mã băm SHA-256 của gói tin nhận được khác với mã đã khai khi tạo tải lên.")
        } else {
            let caller = try await PeerIdentity.child(of: runtime, context: context)
            let result = await runtime.ingestBatch([data], from: .child(caller), now: now())[0]
            if case .failure(let failure) = result.outcome {
                // No answer recorded and the bytes kept: the client's next attempt finds the
                // upload complete and has it ingested again.
                if failure.isStorageCondition { throw SyncProblem.cannotStore(failure) }
                throw failure
            }
            answer = BundleAnswer(result)
        }
        let encoded = Self.encode(answer)
        upload.answer = encoded
        try await ledger.save(upload)
        try? await ledger.discardPart(of: upload)
        return Self.completed(upload.length, encoded)
    }

    /// Runs `body` on the upload the request names once no other request works on it
    /// (``UploadGate``); `423` (`uploadBusy`) if one still does after the gate's patience.
    private func exclusively(_ context: SyncRequestContext, _ body: () async throws -> Response) async throws -> Response {
        guard let id = context.parameters.get("id") else {
            throw SyncProblem(status: .notFound, code: "noSuchUpload", message: "Không có tải lên này.")
        }
        guard await gate.enter(id) else {
            throw SyncProblem(status: .init(code: 423, reasonPhrase: "Locked"), code: "uploadBusy",
                              message: "Tải lên này đang được ghi tiếp bởi một yêu cầu khác (kết nối trước chưa đóng hẳn); hãy thử lại sau ít phút.")
        }
        do {
            let response = try await body()
            await gate.leave(id)
            return response
        } catch {
            await gate.leave(id)
            throw error
        }
    }

    private func owned(context: SyncRequestContext) async throws -> Upload {
        let (_, owner) = try await PeerIdentity.identify(runtime: runtime, context: context)
        guard let id = context.parameters.get("id"), let upload = try await ledger.upload(id: id, ownedBy: owner) else {
            throw SyncProblem(status: .notFound, code: "noSuchUpload", message: "Không có tải lên này.")
        }
        return upload
    }

    /// The answer to a request over the caller's quota: 429 for too many uploads under
    /// way (it may go on once one completes), 413 for too many bytes.
    static func problem(_ excess: UploadQuotaExceeded) -> SyncProblem {
        switch excess {
        case .openUploads: SyncProblem(status: .tooManyRequests, code: "uploadQuotaOpen", message: excess.message)
        case .bytes: SyncProblem(status: .contentTooLarge, code: "uploadQuotaBytes", message: excess.message)
        }
    }

    // MARK: - The wire

    static func baseHeaders() -> HTTPFields {
        var headers = HTTPFields()
        headers[SyncField.tusResumable] = version
        return headers
    }

    static func completed(_ length: Int, _ answer: String) -> Response {
        var headers = baseHeaders()
        headers[SyncField.uploadOffset] = String(length)
        headers[SyncField.answer] = answer
        return Response(status: .noContent, headers: headers)
    }

    /// HTTP fields carry ASCII: the answer's JSON (with its Vietnamese reason) is percent-encoded.
    package static func encode(_ answer: BundleAnswer) -> String {
        let json = String(decoding: (try? BundleAnswer.encoder.encode(answer)) ?? Data(), as: UTF8.self)
        return json.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&+="))) ?? json
    }

    /// The answer a `BaoCao-Answer` field carries, or `nil` if it does not read.
    package static func decodeAnswer(_ field: String) -> BundleAnswer? {
        guard let json = field.removingPercentEncoding else { return nil }
        return try? BundleAnswer.decoder.decode(BundleAnswer.self, from: Data(json.utf8))
    }

    static func requireVersion(_ request: Request) throws {
        guard request.headers[SyncField.tusResumable] == version else {
            throw SyncProblem(status: .preconditionFailed, code: "tusVersion", message: "Cần Tus-Resumable: \(version).")
        }
    }

    /// The digest an `Upload-Checksum` header states, `sha256 <base64>`; `nil` for any
    /// other algorithm or a value that is not base64.
    package static func expectedChecksum(_ header: String) -> Data? {
        let parts = header.split(separator: " ")
        return parts.count == 2 && parts[0] == "sha256" ? Data(base64Encoded: String(parts[1])) : nil
    }

    /// `key base64, key2 base64`, as tus writes metadata.
    package static func metadata(_ header: String?) -> [String: String] {
        var result: [String: String] = [:]
        for pair in (header ?? "").split(separator: ",") {
            let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
            guard let key = parts.first else { continue }
            let value = parts.count == 2 ? Data(base64Encoded: String(parts[1])).map { String(decoding: $0, as: UTF8.self) } : ""
            result[String(key)] = value
        }
        return result
    }

    static func httpDate(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(
            format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
    }
}
