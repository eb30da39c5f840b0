import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Resumable uploads for large bundles, following tus 1.0 (core, creation, checksum,
/// expiration, termination), so any tus client can deliver a bundle over a link that
/// keeps dropping:
///
/// - `POST /sync/v1/uploads` creates an upload: `Upload-Length`, and `Upload-Metadata`
///   with the bundle's `sha256` (hex, base64-encoded as tus wants). It is bound to the
///   client certificate that created it and expires after a day.
/// - `HEAD /sync/v1/uploads/{id}` tells the offset the server holds.
/// - `PATCH /sync/v1/uploads/{id}` appends from `Upload-Offset` (409 if it is not the
///   server's). The body is written as it streams; the offset only counts bytes flushed
///   to disk. When the last byte arrives the bundle is checked against its SHA-256,
///   verified and ingested in one transaction, and the outcome is in `BaoCao-Outcome`.
///   A final PATCH retried after a lost reply is answered with success.
/// - `DELETE /sync/v1/uploads/{id}` abandons it.
package enum ResumableUploads {
    package static let version = "1.0.0"
    static let extensions = "creation,checksum,expiration,termination"
    package static let maximumSize = 256 << 20
    static let lifetime: TimeInterval = 86_400
    static let checkpoint = 256 << 10

    static func register(on router: Router<SyncRequestContext>, runtime: NodeRuntime, now: @escaping @Sendable () -> Date) {
        let directory = runtime.files.directory.deletingLastPathComponent().appendingPathComponent("uploads")

        router.on("/sync/v1/uploads", method: .options) { _, _ -> Response in
            var headers = baseHeaders()
            headers[HTTPField.Name("Tus-Version")!] = version
            headers[HTTPField.Name("Tus-Extension")!] = extensions
            headers[HTTPField.Name("Tus-Max-Size")!] = String(maximumSize)
            headers[HTTPField.Name("Tus-Checksum-Algorithm")!] = "sha256"
            return Response(status: .noContent, headers: headers)
        }

        router.post("/sync/v1/uploads") { request, context -> Response in
            let (_, owner) = try await PeerIdentity.identify(runtime: runtime, context: context)
            try requireVersion(request)
            try removeExpired(runtime: runtime, directory: directory, now: now())
            guard let length = request.headers[HTTPField.Name("Upload-Length")!].flatMap(Int.init), length > 0 else {
                throw HTTPError(.badRequest, message: "Thiếu Upload-Length.")
            }
            guard length <= maximumSize else { throw HTTPError(.contentTooLarge, message: "Gói tin vượt \(maximumSize) byte.") }
            guard let sha256 = metadata(request.headers[HTTPField.Name("Upload-Metadata")!])["sha256"], SHA256Digest.isHex(sha256) else {
                throw HTTPError(.badRequest, message: "Upload-Metadata phải có sha256 của gói tin (hex).")
            }
            let id = UUID().uuidString.lowercased()
            let created = now()
            let upload = UploadRecord(id: id, owner: owner, length: length, sha256: sha256, createdAt: created,
                                      expiresAt: created.addingTimeInterval(lifetime))
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: directory.appendingPathComponent(id + ".part").path, contents: nil) else {
                throw HTTPError(.init(code: 507, reasonPhrase: "Insufficient Storage"), message: "Không tạo được tệp tải lên.")
            }
            try runtime.store.save(upload)
            var headers = baseHeaders()
            headers[.location] = "/sync/v1/uploads/\(id)"
            headers[HTTPField.Name("Upload-Expires")!] = httpDate(upload.expiresAt)
            return Response(status: .created, headers: headers)
        }

        router.head("/sync/v1/uploads/{id}") { _, context -> Response in
            let upload = try await owned(runtime: runtime, context: context)
            var headers = baseHeaders()
            headers[HTTPField.Name("Upload-Offset")!] = String(upload.offset)
            headers[HTTPField.Name("Upload-Length")!] = String(upload.length)
            headers[.cacheControl] = "no-store"
            headers[HTTPField.Name("Upload-Expires")!] = httpDate(upload.expiresAt)
            if let outcome = upload.outcome { headers[HTTPField.Name("BaoCao-Outcome")!] = encodeOutcome(outcome) }
            return Response(status: .ok, headers: headers)
        }

        router.delete("/sync/v1/uploads/{id}") { _, context -> Response in
            let upload = try await owned(runtime: runtime, context: context)
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(upload.id + ".part"))
            try runtime.store.deleteUpload(id: upload.id)
            return Response(status: .noContent, headers: baseHeaders())
        }

        router.patch("/sync/v1/uploads/{id}") { request, context -> Response in
            var upload = try await owned(runtime: runtime, context: context)
            try requireVersion(request)
            guard request.headers[.contentType] == "application/offset+octet-stream" else {
                throw HTTPError(.unsupportedMediaType, message: "Content-Type phải là application/offset+octet-stream.")
            }
            guard let offset = request.headers[HTTPField.Name("Upload-Offset")!].flatMap(Int.init) else {
                throw HTTPError(.badRequest, message: "Thiếu Upload-Offset.")
            }
            let declared = request.headers[.contentLength].flatMap(Int.init)
            if let outcome = upload.outcome {
                // Complete already: a final request retried after its reply was lost.
                if offset == upload.length || offset + (declared ?? 0) == upload.length {
                    return completedResponse(upload.length, outcome)
                }
                throw HTTPError(.conflict, message: "Tải lên đã hoàn tất ở byte \(upload.length).")
            }
            guard offset == upload.offset else {
                throw HTTPError(.conflict, message: "Upload-Offset \(offset) khác vị trí máy chủ đang giữ (\(upload.offset)).")
            }
            let checksum = request.headers[HTTPField.Name("Upload-Checksum")!]
            let path = directory.appendingPathComponent(upload.id + ".part")
            let handle = try FileHandle(forUpdating: path)
            defer { try? handle.close() }
            try handle.truncate(atOffset: UInt64(upload.offset))  // drop bytes written after the last recorded offset
            try handle.seekToEnd()
            var written = upload.offset
            var sinceCheckpoint = 0
            var hasher = SHA256Hasher()
            var complete = true
            do {
                for try await chunk in request.body {
                    guard written + chunk.readableBytes <= upload.length else {
                        throw HTTPError(.badRequest, message: "Dữ liệu vượt Upload-Length.")
                    }
                    let data = Data(chunk.readableBytesView)
                    do {
                        try handle.write(contentsOf: data)
                    } catch {
                        // The disk filled (or went read-only): keep what was recorded, answer 507.
                        guard let storage = StoreError.storageFailure(from: error, at: directory.path) else { throw error }
                        try? handle.truncate(atOffset: UInt64(upload.offset))
                        throw HTTPError.insufficientStorage(storage.withoutLocation.message)
                    }
                    CrashPoint.uploadWrittenNotFlushed.reach()
                    hasher.update(data)
                    written += data.count
                    sinceCheckpoint += data.count
                    if sinceCheckpoint >= checkpoint, checksum == nil {
                        try handle.synchronize()
                        CrashPoint.uploadFlushedNotRecorded.reach()
                        upload.offset = written
                        try runtime.store.save(upload)
                        sinceCheckpoint = 0
                    }
                }
            } catch let error as HTTPError {
                throw error
            } catch {
                complete = false  // the connection was cut: keep what arrived
            }
            try handle.synchronize()
            if let checksum {
                let expected = expectedChecksum(checksum)
                let actual = hasher.finalizeHex()
                guard complete, let expected, SHA256Digest.hexString(Array(expected)) == actual else {
                    try handle.truncate(atOffset: UInt64(upload.offset))
                    return Response(status: .init(code: 460, reasonPhrase: "Checksum Mismatch"), headers: baseHeaders())
                }
            }
            upload.offset = written
            try runtime.store.save(upload)
            guard written == upload.length else {
                var headers = baseHeaders()
                headers[HTTPField.Name("Upload-Offset")!] = String(written)
                return Response(status: .noContent, headers: headers)
            }
            let data = try Data(contentsOf: path)
            let outcome: String
            if SHA256Digest.hex(of: data) != upload.sha256 {
                outcome = "rejected: Mã băm SHA-256 của gói tin nhận được khác với mã đã khai khi tạo tải lên."
            } else {
                let ingested = runtime.ingest(data, origin: .https, now: now())
                if ingested.isStorageFailure, case .rejected(let error) = ingested {
                    // No outcome recorded and the bytes kept: the client's next attempt
                    // finds the upload complete and has it ingested again.
                    throw HTTPError.insufficientStorage(error.message)
                }
                outcome = ingested.description
            }
            upload.outcome = outcome
            try runtime.store.save(upload)
            try? FileManager.default.removeItem(at: path)
            return completedResponse(upload.length, outcome)
        }
    }

    // MARK: - Helpers

    static func baseHeaders() -> HTTPFields {
        var headers = HTTPFields()
        headers[HTTPField.Name("Tus-Resumable")!] = version
        return headers
    }

    static func completedResponse(_ length: Int, _ outcome: String) -> Response {
        var headers = baseHeaders()
        headers[HTTPField.Name("Upload-Offset")!] = String(length)
        headers[HTTPField.Name("BaoCao-Outcome")!] = encodeOutcome(outcome)
        return Response(status: .noContent, headers: headers)
    }

    /// HTTP headers carry ASCII: the outcome's reason (Vietnamese) is percent-encoded.
    package static func encodeOutcome(_ outcome: String) -> String {
        outcome.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&+="))) ?? outcome
    }

    static func requireVersion(_ request: Request) throws {
        guard request.headers[HTTPField.Name("Tus-Resumable")!] == version else {
            throw HTTPError(.preconditionFailed, message: "Cần Tus-Resumable: \(version).")
        }
    }

    static func owned(runtime: NodeRuntime, context: SyncRequestContext) async throws -> UploadRecord {
        let (_, owner) = try await PeerIdentity.identify(runtime: runtime, context: context)
        guard let id = context.parameters.get("id"), let upload = try runtime.store.upload(id: id), upload.owner == owner else {
            throw HTTPError(.notFound, message: "Không có tải lên này.")
        }
        return upload
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

    static func removeExpired(runtime: NodeRuntime, directory: URL, now: Date) throws {
        for upload in try runtime.store.expiredUploads(at: now) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(upload.id + ".part"))
            try runtime.store.deleteUpload(id: upload.id)
        }
    }

    static func httpDate(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(
            format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
    }
}
