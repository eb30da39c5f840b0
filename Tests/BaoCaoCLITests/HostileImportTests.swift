import BaoCaoTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A clerk's file made to harm the node — a zip bomb, a workbook or ADX file whose XML
/// crashed FoundationXML (`<?x?>`) — given to the real `baocao` binary, from the command
/// line and through a running node's web upload: refused in Vietnamese, fast, in bounded
/// memory, and the process lives (issue 17, item 3).
@Suite("Hostile workbooks and ADX files, from the CLI and the web upload")
struct HostileImportTests {
    static let password = "mat-khau-nhap-lieu"
    /// The 400-byte workbook whose shared strings hold a processing instruction without data.
    static let processingInstructionWorkbook: Data = {
        var archive = ZipAssembly()
        archive.add("xl/workbook.xml", stored: Data(#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>"#.utf8))
        archive.add("xl/sharedStrings.xml", stored: Data(#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><?x?></sst>"#.utf8))
        return archive.finished()
    }()
    static let processingInstructionADX = Data(("<?xml version=\"1.0\"?>\n<?x?>\n" + #"<adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-11-16T08:00:00Z"><group orgUnit="05290" period="2026-10-15/P1M" dataSet="KTXH-THANG"><dataValue dataElement="NN01" value="1"/></group></adx>"#).utf8)

    /// Should refuse the bomb (true sizes, then understated ones) in under 2 s with a peak
    /// resident set under 100 MB, saying it is likely a zip bomb; nothing stored.
    @Test func sheetImport_ofAZipBomb_isRefusedFast_inBoundedMemory() throws {
        let node = try CommuneNode()
        for (name, headers) in [("bom.xlsx", ZipBomb.Headers.honest), ("bom-khai-gian.xlsx", .lying)] {
            try ZipBomb.workbook(headers: headers).write(to: node.workspace.root.appendingPathComponent(name))
            let result = try node.clerk(["sheet", "import", name])
            #expect(result.signal == nil)
            #expect(result.status == 1, "\(result.error)")
            #expect(result.error.contains("Tệp Excel vượt giới hạn cho phép") && result.error.contains("nghi là bom nén"), "\(result.error)")
            #expect(result.seconds < 2, "\(name): \(result.seconds) s")
            #expect(result.peakResidentBytes < 100 << 20, "\(name): peak RSS \(result.peakResidentBytes >> 20) MB")
            #expect(result.peakResidentBytes > 4 << 20, "\(name): the measure saw the program run (\(result.peakResidentBytes) bytes)")
        }
        #expect(try node.storedValueCount() == "0")
    }

    /// Should refuse the workbook and the ADX file holding `<?x?>` with a Vietnamese message
    /// naming the problem, exiting 1 — not killed by a signal.
    @Test func sheetImport_ofProcessingInstruction_isRefused_andTheProcessSurvives() throws {
        let node = try CommuneNode()
        try Self.processingInstructionWorkbook.write(to: node.workspace.root.appendingPathComponent("pi.xlsx"))
        try Self.processingInstructionADX.write(to: node.workspace.root.appendingPathComponent("pi.xml"))
        let workbook = try node.clerk(["sheet", "import", "pi.xlsx"])
        #expect(workbook.signal == nil)
        #expect(workbook.status == 1)
        #expect(workbook.error.contains("Không đọc được tệp Excel: phần xl/sharedStrings.xml bị từ chối vì có chỉ thị xử lý <?x…?>, không được phép (dòng 1, byte 92)."),
                "\(workbook.error)")
        let adx = try node.clerk(["sheet", "import", "pi.xml"])
        #expect(adx.signal == nil)
        #expect(adx.status == 1)
        #expect(adx.error.contains("Tệp ADX không phải XML hợp lệ (dòng 2, byte 22): có chỉ thị xử lý <?x…?>, không được phép"), "\(adx.error)")
        #expect(try node.storedValueCount() == "0")
    }

    /// Should answer the web upload of the bomb and of the `<?x?>` files with the refusal,
    /// stay up (its health page answers after) and keep its peak memory bounded.
    @Test func webUpload_ofHostileFiles_isRefused_andTheNodeStaysUp() throws {
        let node = try CommuneNode(serving: true)
        let log = node.workspace.root.appendingPathComponent("serve.log")
        let serve: ServeProcess
        do {
            serve = try ServeProcess(config: node.config, localPort: node.localPort, in: node.workspace.root, log: log)
        } catch {
            Issue.record("\(error): \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
            return
        }
        defer { serve.stop() }
        let web = LocalWebClient(port: node.localPort)
        try web.signIn("nhaplieu", password: Self.password)
        let before = try #require(MeasuredProcess.peakResidentBytes(of: serve.process.processIdentifier))
        let uploads: [(String, Data, String)] = [
            ("bom.xlsx", ZipBomb.workbook(), "nghi là bom nén"),
            ("bom-khai-gian.xlsx", ZipBomb.workbook(headers: .lying), "nghi là bom nén"),
            ("pi.xlsx", Self.processingInstructionWorkbook, "phần xl/sharedStrings.xml bị từ chối vì có chỉ thị xử lý &lt;?x…?&gt;"),
            ("pi.xml", Self.processingInstructionADX, "Tệp ADX không phải XML hợp lệ (dòng 2, byte 22): có chỉ thị xử lý &lt;?x…?&gt;"),
        ]
        // The same number of bytes refused at the door (not a ZIP after its first four bytes):
        // what receiving and parsing the upload itself costs on this machine.
        var junk = Data([0x50, 0x4B, 0x03, 0x04])
        junk.append(Data(repeating: 0x41, count: ZipBomb.workbook().count - 4))
        let baseline = try web.upload("/bao-cao/1/nhap-tep", field: "tep-so-lieu", fileName: "rac.xlsx", data: junk)
        #expect(baseline.body.contains("tệp không phải là sổ tính Excel"))
        for (name, data, refusal) in uploads {
            let response = try web.upload("/bao-cao/1/nhap-tep", field: "tep-so-lieu", fileName: name, data: data)
            // Under 2 s, or (on a machine too busy for that) no slower than the junk of the same size.
            #expect(response.seconds < 2 || response.seconds < baseline.seconds + 0.5,
                    "\(name): \(response.seconds) s, the junk of the same size \(baseline.seconds) s")
            #expect(response.status >= 400 && response.status < 500, "\(name): \(response.status)")
            #expect(response.body.contains(refusal), "\(name): \(response.body.suffix(2000))")
            #expect(serve.process.isRunning, "the node died on \(name)")
        }
        #expect(try web.get("/healthz").status == 200)
        let peak = try #require(MeasuredProcess.peakResidentBytes(of: serve.process.processIdentifier))
        #expect(peak - before < 50 << 20, "the node's peak RSS grew from \(before >> 20) MB to \(peak >> 20) MB")
        #expect(peak < 150 << 20, "the node's peak RSS is \(peak >> 20) MB")
        #expect(try node.storedValueCount() == "0")
    }
}

/// A commune node (05290) with a clerk and a November 2026 draft, on a development PKI.
final class CommuneNode {
    let network: SignedNetwork
    let config: String
    let localPort: Int
    var workspace: SampleWorkspace { network.workspace }

    init(serving: Bool = false) throws {
        network = try SignedNetwork(units: ["05290"])
        localPort = ServeProcess.freePort()
        config = try network.node("05290", extra: "security:\n  bcryptCost: 4\n" + (serving ? """
            network:
              syncListen: 127.0.0.1:\(ServeProcess.freePort())
              localListen: 127.0.0.1:\(localPort)
              certificate: ../pki/units/05290/node.pem
              key: ../pki/units/05290/node.key
              syncIntervalSeconds: 3600
              parentURL: https://127.0.0.1:\(ServeProcess.freePort())
            """ : ""))
        let admin = try CommandRunner.run(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--password-stdin", "--config", config],
                                          environment: [:], input: "mat-khau-quan-tri\n")
        guard admin.status == 0 else { throw SignedNetwork.CLIFailure(admin.error) }
        let clerk = try CommandRunner.run(["user", "add", "nhaplieu", "--name", "Chị Hoa", "--role", "dataEntry", "--password-stdin",
                                           "--user", "quantri", "--config", config],
                                          environment: ["BAOCAO_PASSWORD": "mat-khau-quan-tri"], input: HostileImportTests.password + "\n")
        guard clerk.status == 0 else { throw SignedNetwork.CLIFailure(clerk.error) }
        let draft = try self.clerk(["report", "new", "KTXH-THANG", "2026-11"])
        guard draft.status == 0 else { throw SignedNetwork.CLIFailure(draft.error) }
    }

    /// Runs `baocao` as the clerk, measured.
    func clerk(_ arguments: [String]) throws -> MeasuredProcess.Result {
        try MeasuredProcess.run(CommandRunner.executable, arguments + ["--user", "nhaplieu", "--config", config], in: workspace.root,
                                environment: ["BAOCAO_PASSWORD": HostileImportTests.password])
    }

    func storedValueCount() throws -> String {
        try SQLiteShell.query(workspace.path("data/05290/baocao.sqlite"), "SELECT COUNT(*) FROM reportValue")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
