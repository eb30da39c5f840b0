import ArgumentParser
import Foundation

/// The host names a node certificate is issued for, as a person types them: a
/// comma-separated list of DNS names (or IP addresses). Names every node would share
/// (`localhost`, loopback addresses) are refused: the name is how a child knows its parent.
enum HostNames {
    static func parse(_ text: String) throws -> [String] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard !names.isEmpty else { throw ValidationError("Cần ít nhất một tên máy.") }
        for name in names {
            guard name.utf8.count <= 253, !name.isEmpty,
                  name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ label in
                      (1...63).contains(label.utf8.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                          && label.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
                  }) else {
                throw ValidationError("Tên máy \"\(name)\" không hợp lệ: chỉ gồm chữ không dấu, số, dấu gạch ngang, ngăn bởi dấu chấm.")
            }
            guard name != "localhost", !name.hasSuffix(".localhost"), !name.hasPrefix("127."), name != "::1" else {
                throw ValidationError("Tên máy \"\(name)\" dùng chung cho mọi máy; hãy dùng tên riêng của nút này.")
            }
        }
        return names
    }
}
