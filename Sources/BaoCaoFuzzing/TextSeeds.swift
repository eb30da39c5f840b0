import BaoCaoBundle
import BaoCaoCore
import BaoCaoSync
import BaoCaoZip
import Foundation

/// Seeds written as text: edge cases of manifests and reports beside the real ones,
/// CSV files, upload requests and period texts. A name starting `refused-` is an input
/// the product must refuse (``FuzzSeeds``); every other one it must accept.
enum TextSeeds {
    static func manifests() -> [(String, Data)] {
        [
            ("manifest-about.json", #"{"about":{"period":"2026-Q3","regime":"KTXH-QUY"},"createdAt":"2026-11-20T00:00:00Z","formatVersion":1,"kind":"report","parts":[{"mediaType":"application/json","path":"report.json","sha256":"6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b","size":1}],"recipient":"148","sender":"05290"}"#),
            ("manifest-escapes.json", #"{"formatVersion":1,"kind":"notice","sender":"148","recipient":"*","createdAt":"2026-02-28T23:59:59Z","parts":[{"path":"a\/b\u002ejson","size":0,"sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","mediaType":"text/plain; charset=\"utf-8\""}],"about":{"ghi ch\u00fa":"Đ\u1ea1i \"A\"\n\ud83d\ude00"}}"#),
            // Refused: a part's name that is not ASCII, and its SHA-256 in capitals.
            ("refused-manifest-path.json", #"{"formatVersion":1,"kind":"notice","sender":"148","recipient":"*","createdAt":"2026-02-28T23:59:59Z","parts":[{"path":"a\/b\u00e0.json","size":0,"sha256":"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855","mediaType":"text/plain"}]}"#),
            ("manifest-no-parts.json", #"{"formatVersion":1,"kind":"receipt","sender":"17","recipient":"05290","createdAt":"2000-01-01T00:00:00Z","parts":[]}"#),
        ].map { ($0.0, Data($0.1.utf8)) }
    }

    static func reports() throws -> [(String, Data)] {
        let minimal = #"{"approvedBy":"","form":"KTXH","formVersion":1,"formatVersion":1,"narrative":"","period":"2026-H1","regime":"KTXH-6T","releaseVersion":null,"revision":1,"sectionApprovals":[],"unit":"05290","values":[["NN02","1245.5","final"],["NN02[THON=T1]","1","estimated"],["GC01","\"trích dẫn\" \u1ea1","final"]]}"#
        let decision = #"{"decidedAt":"2026-11-20T00:00:00Z","decidedBy":"cv","outcome":"accepted","period":"2026-10","regime":"KTXH-THANG","reportBundle":"ab","revision":3,"unit":"05290"}"#
        return [("report-minimal.json", Data(minimal.utf8)), ("decision-accepted.json", Data(decision.utf8))]
    }

    static func csv() throws -> [(String, Data)] {
        var seeds: [(String, Data)] = [
            ("two-columns.csv", Data("CHỈ_TIÊU;GIÁ_TRỊ\nNN02;1.245,5\nLD02;1.234.567\nGC01;\"Mưa lũ; \"\"kéo dài\"\"\"\n".utf8)),
            ("comma-quoted.csv", Data("NN02,\"1.245,5\"\r\nNN03,\"7.093,2\"\r\nLD02,1234567\r\n".utf8)),
            ("extract-columns.csv", Data("Mã chỉ tiêu;Tên chỉ tiêu;Đơn vị tính;Giá trị\nNN02;Diện tích lúa;ha;1245,5\nNN02[THON=T1];Thôn 1;ha;-0,5\n\nGC01;Ghi chú;;\n".utf8)),
            ("bom-cr.csv", Data([0xEF, 0xBB, 0xBF] + Array("Ma chi tieu,So lieu\rNN02,\"1,5\"\rNN03,1.5\r".utf8))),
            ("international.csv", Data("NN02;1,245.5\nNN03;12 345,25\nLD02;1 234\n".utf8)),
        ]
        // Lines typed in an old program, in TCVN3 (.VnTime, lower case) and in VNI bytes, as old Excel files export them.
        for (name, encoding) in [("tcvn3.csv", LegacyVietnameseEncoding.tcvn3), ("vni.csv", .vni)] {
            let lines = ["NN02;1.245,5;diện tích lúa thu hoạch", "GC01;mưa lũ kéo dài ở các thôn vùng thấp"].joined(separator: "\n") + "\n"
            seeds.append((name, Data(try LegacyVietnamese.encode(lines, encoding: encoding))))
        }
        return seeds
    }

    static func uploads(bundles: [Data]) -> [(String, Data)] {
        func request(_ head: String, _ body: Data = Data()) -> Data { Data((head + "\r\n\r\n").utf8) + body }
        let sha = SHA256Digest.hex(of: bundles.first ?? Data())
        let sha64 = Data(sha.utf8).base64EncodedString()
        let digest64 = Data(SHA256Digest.bytes(of: bundles.first ?? Data())).base64EncodedString()
        let small = Array(bundles.sorted { $0.count < $1.count }.prefix(2))
        let framed = BundleFraming.encode(small)
        return [
            ("create", request("Tus-Resumable: 1.0.0\r\nUpload-Length: \(bundles.first?.count ?? 0)\r\nUpload-Metadata: sha256 \(sha64), filename YsOhby5iY2I=, empty")),
            ("patch", request("Tus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\nUpload-Checksum: sha256 \(digest64)\r\nContent-Length: 12", Data("0123456789ab".utf8))),
            ("batch", request("Content-Type: \(BundleFraming.mediaType)\r\nBaoCao-Clock: 2026-11-20T00:00:00Z\r\nAccept-Encoding: gzip;q=1, deflate", framed)),
            ("batch-deflate", request("Content-Type: \(BundleFraming.mediaType)\r\nContent-Encoding: deflate\r\nAccept-Encoding: deflate;q=0", Zlib.compress(framed))),
            ("empty-frames", request("Content-Encoding: identity", BundleFraming.encode([Data(), Data("x".utf8)]))),
            ("refused-bad-coding", request("Content-Encoding: br\r\nBaoCao-Clock: 2026-13-01T25:00:00+07:00", Data([0, 0, 0, 0, 0, 0, 0, 9, 1]))),
        ]
    }

    static func periods() -> [(String, Data)] {
        let read = ["2026-10", "2026-Q3", "2026-H1", "2026-H2", "2026-9M", "2026", "2026-03-01..2026-03-20", "2024-02-29",
                    "2026-10-15/P1M", "2026-07-01/P3M", "2025-12-15/P6M", "2026-01-01/P1Y", "2026-03-01/P20D", "2026-03-02/P2W",
                    "1900-01", "2199-12"]
        // No such month, a lower-case quarter, a day that does not exist, nine months starting on no rule's day.
        let refused = ["2026-13", "2026-q4", "2026-02-30..2026-03-01", "2026-06-15/P9M"]
        func file(_ text: String) -> String { text.replacingOccurrences(of: "/", with: "_") + ".txt" }
        return read.map { (file($0), Data($0.utf8)) } + refused.map { ("refused-" + file($0), Data($0.utf8)) }
    }
}
