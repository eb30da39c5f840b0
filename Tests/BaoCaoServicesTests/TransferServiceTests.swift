import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB
import Testing

@Suite("Transfer by hand: USB export and import, the web's download")
struct TransferServiceTests {
    /// Who may carry bundles: those who send reports and the admin, and the node itself.
    @Test func mayTransfer_followsTheRoles() {
        #expect(TransferService.mayTransfer(.node))
        #expect(TransferService.mayTransfer(SignedNodes.person("lanhdao", [.approver])))
        #expect(TransferService.mayTransfer(SignedNodes.person("tonghop", [.aggregator])))
        #expect(TransferService.mayTransfer(SignedNodes.person("quantri", [.admin])))
        #expect(!TransferService.mayTransfer(SignedNodes.person("nhaplieu", [.dataEntry])))
        #expect(!TransferService.mayTransfer(SignedNodes.person("xem", [.viewer])))
    }

    /// The province writes what waits for one direct child onto a stick and the log says
    /// so; the child takes it in, and its log says how it went.
    @Test func exportForAChild_thenImportThere_areBothAudited() throws {
        let nodes = try SignedNodes()
        let release = try nodes.releases(at: "17").publish(ReleaseChanges(), by: .node, at: nodes.now)
        let stick = nodes.folder("usb")

        let written = try TransferService(work: nodes.work("17")).export(to: stick, for: "148", by: .node, at: nodes.now)

        #expect(written == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: stick) == ["\(release.id).bcb"])
        let exported = try #require(try nodes.audit("17").last)
        #expect(exported.actor == "node" && exported.action == "usb.export")
        #expect(exported.object == "usb:\(stick)" && exported.detail == "1 gói tin cho đơn vị 148")

        var lines: [String] = []
        let result = try TransferService(work: nodes.work("148")).importBundles(from: [stick], by: .node, at: nodes.now) { line, done, total in
            lines.append("\(done)/\(total) \(line.text)")
        }

        #expect(result == TransferImport(files: 1, accepted: 1))
        #expect(lines == ["1/1 \(release.id).bcb: accepted"])
        #expect(try nodes.work("148").runtime.ingestor().trust.provinceRelease?.content.version == 1)
        let imported = try #require(try nodes.audit("148").last)
        #expect(imported.action == "usb.import" && imported.object == "usb:\(stick)" && imported.detail == "1 tệp: 1 nhận, 0 từ chối")
    }

    /// Export goes only to a direct child: a grandchild gets its bundles through its parent.
    @Test func exportForAGrandchild_isRefused_andNotAudited() throws {
        let nodes = try SignedNodes()
        let before = try nodes.audit("17").count
        #expect(throws: ServiceError(.invalidInput, message: "", log: "")) {
            try TransferService(work: nodes.work("17")).export(to: nodes.folder("usb"), for: "04801", by: .node, at: nodes.now)
        }
        #expect(!FileManager.default.fileExists(atPath: nodes.folder("usb")))
        #expect(try nodes.audit("17").count == before)
    }

    /// A file that is not a bundle is refused and counted; a half-copied one is only noted;
    /// a path that does not exist stops the import before anything is taken in.
    @Test func import_countsRefusals_andAMissingPathStopsIt() throws {
        let nodes = try SignedNodes()
        let stick = nodes.folder("usb")
        try FileManager.default.createDirectory(atPath: stick, withIntermediateDirectories: true)
        try Data("không phải gói tin".utf8).write(to: URL(fileURLWithPath: stick + "/a.bcb"))
        try Data().write(to: URL(fileURLWithPath: stick + "/b.bcb.tmp"))
        let service = TransferService(work: nodes.work("148"))
        let before = try nodes.audit("148").count

        #expect(throws: ServiceError(.notFound, message: "", log: "")) {
            try service.importBundles(from: [stick, nodes.folder("khong-co")], by: .node, at: nodes.now)
        }
        #expect(try nodes.audit("148").count == before)

        let result = try service.importBundles(from: [stick], by: .node, at: nodes.now)
        #expect(result == TransferImport(files: 2, rejected: 1))
        #expect(try nodes.audit("148").last?.detail == "2 tệp: 0 nhận, 1 từ chối")
    }

    /// The web's download: refused to a viewer with a sentence naming them; for an approver,
    /// a ZIP of what waits to go up, named for the unit and the day, and audited as theirs.
    @Test func exportArchive_checksTheRole_andIsAudited() throws {
        let nodes = try SignedNodes()
        let release = try nodes.releases(at: "17").publish(ReleaseChanges(), by: .node, at: nodes.now)
        let district = nodes.work("148")
        #expect(try nodes.releases(at: "148").importRelease(release.data, at: nodes.now) == .accepted)
        // Something waiting to go up: the release, as if it were the district's own bundle.
        try district.store.writer.write { db in
            let delivery = Delivery(bundleId: release.id, destination: "17", direction: .up, queuedAt: nodes.now)
            try delivery.insert(db)
        }
        let service = TransferService(work: district)
        do {
            _ = try service.exportArchive(by: SignedNodes.person("xem", [.viewer]), at: nodes.now)
            Issue.record("a viewer downloaded the bundles")
        } catch let error as ServiceError {
            #expect(error.code == .forbidden && error.message == "Anh xem không có quyền xuất gói tin.")
        }

        let archive = try service.exportArchive(by: SignedNodes.person("lanhdao", [.approver]), at: Fixtures.instant("2026-11-20T20:00:00Z"))

        #expect(archive.count == 1 && archive.data.starts(with: [0x50, 0x4B]))
        #expect(archive.fileName == "baocao-148-20261121.zip")  // 03:00 on the 21st in Vietnam
        let entry = try #require(try nodes.audit("148").last)
        #expect(entry.actor == "lanhdao" && entry.action == "usb.export" && entry.object == "web" && entry.detail == "1 gói tin")
    }
}
