import Foundation

/// The independent tools the signed PDFs are checked with: poppler's `pdfsig` (its
/// signatures checked by NSS against a trust database made with `certutil` from
/// `libnss3-tools`) and `pdftotext`, and OpenSSL's `cms` to look inside a signature.
/// A missing tool is an error, never a skipped check: `Scripts/install-dependencies`
/// installs them.
public enum PDFTools {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `tool` (found on the PATH's usual places) and returns its standard output and
    /// error, whatever its exit status.
    @discardableResult
    public static func run(_ tool: String, _ arguments: [String], allowFailure: Bool = true) throws -> (status: Int32, output: String) {
        guard let path = ["/usr/bin", "/usr/local/bin", "/bin"].map({ "\($0)/\(tool)" }).first(where: FileManager.default.isExecutableFile) else {
            throw Failure(description: "\(tool) is not installed (Scripts/install-dependencies installs it)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        if !allowFailure, process.terminationStatus != 0 {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(output)")
        }
        return (process.terminationStatus, output)
    }

    /// A fresh NSS database (NSS 3.35+ makes the SQLite kind, cert9.db) in `directory`
    /// trusting `rootPEM` as a CA (certutil).
    public static func makeNSSDatabase(at directory: URL, trusting rootPEM: Data) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let root = directory.appendingPathComponent("root.pem")
        try rootPEM.write(to: root)
        try run("certutil", ["-N", "--empty-password", "-d", directory.path], allowFailure: false)
        try run("certutil", ["-A", "-n", "baocao-dev-root", "-t", "CT,C,C", "-i", root.path, "-d", directory.path], allowFailure: false)
    }

    /// What `pdfsig -nssdir` says of `pdf`.
    public static func pdfsig(_ pdf: URL, nssDirectory: URL) throws -> String {
        try run("pdfsig", ["-nssdir", nssDirectory.path, pdf.path]).output
    }

    /// The text `pdftotext` reads from `pdf` (UTF-8), optionally from one page.
    public static func pdftotext(_ pdf: URL, page: Int? = nil) throws -> String {
        let pages = page.map { ["-f", String($0), "-l", String($0)] } ?? []
        return try run("pdftotext", pages + ["-enc", "UTF-8", pdf.path, "-"], allowFailure: false).output
    }

    /// Each signature's section of pdfsig's report (`Signature #1:` …).
    public static func signatureSections(_ report: String) -> [String] {
        report.components(separatedBy: "Signature #").dropFirst().map { $0 }
    }
}
