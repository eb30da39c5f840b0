import Foundation
import Testing

@Suite("baocao text convert")
struct TextCommandTests {
    /// Legacy files, written byte by byte: every character below is Latin-1, so its code point is its byte.
    static func latin1(_ text: String) -> Data {
        Data(text.unicodeScalars.map { UInt8($0.value) })
    }

    static let tcvn3File = latin1("Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\n")
    static let vniFile = latin1("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc\n")

    @Test func fromTCVN3_writesUTF8ToStandardOutput() throws {
        let workspace = try SampleWorkspace()
        try Self.tcvn3File.write(to: workspace.root.appendingPathComponent("cu.txt"))
        let result = try CommandRunner.run(["text", "convert", "--from", "tcvn3", workspace.path("cu.txt")])
        #expect(result.status == 0)
        #expect(result.output == "Cộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n")
        #expect(result.error == "Bảng mã: TCVN3 (ABC). Đã chuyển 2/2 dòng sang Unicode.\n")
    }

    @Test func fromVNI_writesTheOutputFile() throws {
        let workspace = try SampleWorkspace()
        try Self.vniFile.write(to: workspace.root.appendingPathComponent("vni.txt"))
        let result = try CommandRunner.run(["text", "convert", "--from", "vni", workspace.path("vni.txt"), "--output", workspace.path("moi.txt")])
        #expect(result.status == 0)
        #expect(result.output == "")
        let written = try Data(contentsOf: workspace.root.appendingPathComponent("moi.txt"))
        #expect(written == Data("Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n".utf8))
        #expect(result.error == "Bảng mã: VNI-Windows. Đã chuyển 2/2 dòng sang Unicode.\n")
    }

    /// Auto recognises each encoding, and says it did.
    @Test func auto_recognisesBothEncodings() throws {
        let workspace = try SampleWorkspace()
        try Self.tcvn3File.write(to: workspace.root.appendingPathComponent("a.txt"))
        try Self.vniFile.write(to: workspace.root.appendingPathComponent("b.txt"))
        let tcvn3 = try CommandRunner.run(["text", "convert", workspace.path("a.txt")])
        #expect(tcvn3.status == 0)
        #expect(tcvn3.output == "Cộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n")
        #expect(tcvn3.error == "Bảng mã: TCVN3 (ABC) (tự nhận ra). Đã chuyển 2/2 dòng sang Unicode.\n")
        let vni = try CommandRunner.run(["text", "convert", "--from", "auto", workspace.path("b.txt")])
        #expect(vni.status == 0)
        #expect(vni.output == "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n")
        #expect(vni.error == "Bảng mã: VNI-Windows (tự nhận ra). Đã chuyển 2/2 dòng sang Unicode.\n")
    }

    /// A file that is already UTF-8 comes out byte for byte, and the command says so.
    @Test func auto_utf8File_isUnchanged() throws {
        let workspace = try SampleWorkspace()
        let text = "Báo cáo quý I\nỦy ban nhân dân tỉnh Thừa Thiên Huế\nÐà Lạt, Phú Yên\n"
        try workspace.write(text, to: "utf8.txt")
        let result = try CommandRunner.run(["text", "convert", workspace.path("utf8.txt")])
        #expect(result.status == 0)
        #expect(Data(result.output.utf8) == Data(text.utf8))
        #expect(result.error == "Tệp đã là Unicode (UTF-8); không chuyển đổi dòng nào.\n")
    }

    /// Legacy bytes that read as both encodings: refused with one Vietnamese line, nothing written, exit 1.
    @Test func auto_ambiguous_isRefused() throws {
        let workspace = try SampleWorkspace()
        try Self.latin1("c\u{F4} t\u{F6} m\u{EC}\n").write(to: workspace.root.appendingPathComponent("mo.txt"))
        let result = try CommandRunner.run(["text", "convert", "--from", "auto", workspace.path("mo.txt"), "--output", workspace.path("out.txt")])
        #expect(result.status == 1)
        #expect(result.output == "")
        #expect(result.error == "Lỗi: Không xác định được bảng mã của tệp \(workspace.path("mo.txt")) (có thể là TCVN3 hoặc VNI; "
            + "tệp đọc được theo cả hai bảng mã) — hãy chọn --from tcvn3 hoặc --from vni.\n")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("out.txt")))
    }

    @Test func missingFile_oneClearLine() throws {
        let result = try CommandRunner.run(["text", "convert", "/khong/co/tep.txt"])
        #expect(result.status == 1)
        #expect(result.error == "Lỗi: Không tìm thấy tệp /khong/co/tep.txt.\n")
    }
}
