import BaoCaoBundle
import BaoCaoCore
import BaoCaoSync
import BaoCaoZip
import Foundation

/// Seeds written as text: edge cases of manifests and reports beside the real ones,
/// CSV files, upload requests and period texts.
enum TextSeeds {
    static func manifests() -> [(String, Data)] {
        [
            ("manifest-about.json", #"{"about":{"period":"2026-Q3","regime":"KTXH-QUY"},"createdAt":"2026-11-20T00:00:00Z","formatVersion":1,"kind":"report","parts":[{"mediaType":"application/json","path":"report.json","sha256":"6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b","size":1}],"recipient":"148","sender":"05290"}"#),
            ("manifest-escapes.json", #"{"formatVersion":1,"kind":"notice","sender":"148","recipient":"*","createdAt":"2026-02-28T23:59:59Z","parts":[{"path":"a\/b\u00e0.json","size":0,"sha256":"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855","mediaType":"text/plain; charset=\"utf-8\""}]}"#),
            ("manifest-no-parts.json", #"{"formatVersion":1,"kind":"receipt","sender":"17","recipient":"05290","createdAt":"2000-01-01T00:00:00Z","parts":[]}"#),
        ].map { ($0.0, Data($0.1.utf8)) }
    }

    static func reports() throws -> [(String, Data)] {
        let minimal = #"{"approvedBy":"","form":"KTXH","formVersion":1,"formatVersion":1,"narrative":"","period":"2026-H1","regime":"KTXH-6T","releaseVersion":null,"revision":1,"sectionApprovals":[],"unit":"05290","values":[["NN02","1245.5","final"],["NN02{THON=T1}","1","provisional"],["GC01","\"trích dẫn\" \u1ea1","final"]]}"#
        let decision = #"{"decidedAt":"2026-11-20T00:00:00Z","decidedBy":"cv","outcome":"accepted","period":"2026-10","regime":"KTXH-THANG","reportBundle":"ab","revision":3,"unit":"05290"}"#
        return [("report-minimal.json", Data(minimal.utf8)), ("decision-accepted.json", Data(decision.utf8))]
    }

    static func csv() -> [(String, Data)] {
        var seeds: [(String, Data)] = [
            ("two-columns.csv", Data("CHỈ_TIÊU;GIÁ_TRỊ\nNN02;1.245,5\nLD02;1.234.567\nGC01;\"Mưa lũ; \"\"kéo dài\"\"\"\n".utf8)),
            ("comma-quoted.csv", Data("NN02,\"1.245,5\"\r\nNN03,\"7.093,2\"\r\nLD02,1234567\r\n".utf8)),
            ("extract-columns.csv", Data("Mã chỉ tiêu;Tên chỉ tiêu;Đơn vị tính;Giá trị\nNN02;Diện tích lúa;ha;1245,5\nNN02{THON=T1};Thôn 1;ha;-0,5\n\nGC01;Ghi chú;;\n".utf8)),
            ("bom-cr.csv", Data([0xEF, 0xBB, 0xBF] + Array("Ma chi tieu,So lieu\rNN02,\"1,5\"\rNN03,1.5\r".utf8))),
            ("international.csv", Data("NN02;1,245.5\nNN03;12 345,25\nLD02;1 234\n".utf8)),
        ]
        // "Diện tích lúa" in TCVN3 (.VnTime) and in VNI bytes, as old Excel files export them.
        let tcvn3: [UInt8] = Array("NN02;1.245,5;".utf8) + [0x44, 0x69, 0xD6, 0x6E, 0x20, 0x74, 0xDD, 0x63, 0x68, 0x20, 0x6C, 0xF3, 0x61] + [0x0A]
            + Array("GC01;".utf8) + [0x4D, 0xAD, 0x61, 0x20, 0x6C, 0xF2] + [0x0A]
        let vni: [UInt8] = Array("NN02;1.245,5;".utf8) + [0x44, 0x69, 0xEE, 0xE4, 0x6E, 0x20, 0x74, 0xED, 0x63, 0x68] + [0x0A]
            + Array("GC01;".utf8) + [0x4D, 0xF6, 0x61, 0x20, 0x6C, 0xFC, 0xF5] + [0x0A]
        seeds.append(("tcvn3.csv", Data(tcvn3)))
        seeds.append(("vni.csv", Data(vni)))
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
            ("bad-coding", request("Content-Encoding: br\r\nBaoCao-Clock: 2026-13-01T25:00:00+07:00", Data([0, 0, 0, 0, 0, 0, 0, 9, 1]))),
        ]
    }

    static func periods() -> [(String, Data)] {
        ["2026-10", "2026-Q3", "2026-H1", "2026-H2", "2026-9M", "2026", "2026-03-01..2026-03-20", "2024-02-29",
         "2026-10-15/P1M", "2026-07-01/P3M", "2025-12-15/P6M", "2026-01-01/P1Y", "2026-03-01/P20D", "2026-03-02/P2W", "2026-06-15/P9M",
         "1900-01", "2199-12", "2026-13", "2026-q4", "2026-02-30..2026-03-01"]
            .map { ($0.replacingOccurrences(of: "/", with: "_") + ".txt", Data($0.utf8)) }
    }
}
