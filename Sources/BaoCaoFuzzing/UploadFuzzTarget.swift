import BaoCaoBundle
import BaoCaoSync
import Foundation
import HTTPTypes

/// What the sync server reads from a request before it touches storage: the tus headers
/// of a resumable upload (`Tus-Resumable`, `Upload-Length`, `Upload-Offset`,
/// `Upload-Metadata`, `Upload-Checksum`), the child's `BaoCao-Clock`, the content codings
/// (`Accept-Encoding`, `Content-Encoding`), and a batch body: inflated
/// (``WireEncoding/decode(_:contentEncoding:limit:)``), split (``BundleFraming/decode(_:maximumCount:)``)
/// and each bundle's id read as the answer lists it.
///
/// The input is a request head and body as on the wire: `Name: value` lines, an empty
/// line, then the body. Framing is exact, so a body that splits encodes back to itself.
enum UploadFuzzTarget {
    /// The most a batch may inflate to here (the server's is its upload size).
    static let inflateLimit = 4 << 20

    /// Accepted: a tus request (`Tus-Resumable`) whose headers the upload routes take, or
    /// any other request whose body decoded and split into bundles (none, without a body).
    static func run(_ data: Data) -> FuzzOutcome {
        let (headers, body) = request(data)
        let tus = checkTusHeaders(headers)
        _ = ClockSkew.statedTime(headers[SyncField.clock])
        _ = WireEncoding.accepts(headers[.acceptEncoding])
        guard let framed = try? WireEncoding.decode(body, contentEncoding: headers[.contentEncoding], limit: inflateLimit) else { return tus ?? .refused }
        FuzzInvariant.require(framed.count <= max(inflateLimit, body.count), "a body inflated past its limit")
        guard let bundles = try? BundleFraming.decode(framed) else { return tus ?? .refused }
        FuzzInvariant.require(BundleFraming.encode(bundles) == framed, "bundle framing does not encode back to the body it split")
        for bundle in bundles {
            _ = try? BundleArchive(reading: bundle).contents(of: Manifest.fileName).map(SHA256Digest.hex(of:))
        }
        return tus ?? .accepted
    }

    /// The checks of `POST`/`PATCH /sync/v1/uploads`, in the order the routes make them;
    /// for a tus request (one that says `Tus-Resumable`), whether they take it.
    private static func checkTusHeaders(_ headers: HTTPFields) -> FuzzOutcome? {
        var taken = headers[SyncField.tusResumable] == ResumableUploads.version
        if let length = headers[SyncField.uploadLength] {
            taken = taken && Int(length).map { $0 > 0 && $0 <= ResumableUploads.maximumSize } == true
        }
        let metadata = ResumableUploads.metadata(headers[SyncField.uploadMetadata])
        if let sha256 = metadata["sha256"] { taken = taken && SHA256Digest.isHex(sha256) }
        if let offset = headers[SyncField.uploadOffset] { taken = taken && Int(offset) != nil }
        if let checksum = headers[SyncField.uploadChecksum] {
            if let expected = ResumableUploads.expectedChecksum(checksum) {
                _ = SHA256Digest.hexString(Array(expected))
            } else {
                taken = false
            }
        }
        // Any text may become a reason in an answer field: it must travel as ASCII and read back.
        for value in metadata.values {
            let answer = BundleAnswer(id: nil, outcome: .rejected, code: "fuzz", reason: value)
            let encoded = ResumableUploads.encode(answer)
            FuzzInvariant.require(encoded.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }, "an answer field is not printable ASCII: \(encoded.debugDescription)")
            FuzzInvariant.require(ResumableUploads.decodeAnswer(encoded) == answer, "an answer field does not decode back: \(encoded.debugDescription)")
        }
        guard headers[SyncField.tusResumable] != nil else { return nil }
        return taken ? .accepted : .refused
    }

    /// Header fields (lines that are not a valid field are skipped, as an HTTP parser
    /// would refuse them before the route) and the body after the first empty line.
    static func request(_ data: Data) -> (HTTPFields, Data) {
        let separator = Data("\r\n\r\n".utf8)
        let split = data.range(of: separator)
        let head = split.map { data[data.startIndex..<$0.lowerBound] } ?? data
        let body = split.map { Data(data[$0.upperBound...]) } ?? Data()
        var headers = HTTPFields()
        for line in String(decoding: head, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":"), let name = HTTPField.Name(String(line[..<colon])) else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard HTTPField.isValidValue(value) else { continue }
            headers.append(HTTPField(name: name, value: value))
        }
        return (headers, body)
    }
}
