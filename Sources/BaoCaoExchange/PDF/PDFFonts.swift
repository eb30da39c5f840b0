import BaoCaoCore
import CCairo
import Foundation

/// The free fonts the report's PDF embeds: Noto Serif (Debian's `fonts-noto-core`), whose
/// glyphs cover Vietnamese, loaded by cairo from the very files so that no substitute is
/// ever drawn. cairo embeds a subset of each in the PDF, with a ToUnicode map so text can
/// be copied and searched (`pdftotext`).
final class PDFFonts: @unchecked Sendable {
    enum Style: CaseIterable { case regular, bold, italic, boldItalic }

    /// Where Debian installs Noto Serif.
    static let directories = ["/usr/share/fonts/truetype/noto", "/usr/local/share/fonts/truetype/noto"]

    private let faces: [Style: OpaquePointer]

    init() throws {
        var faces: [Style: OpaquePointer] = [:]
        for style in Style.allCases {
            let file = Self.fileName(style)
            guard let path = Self.directories.map({ "\($0)/\(file)" }).first(where: { FileManager.default.fileExists(atPath: $0) }) else {
                faces.values.forEach { cairo_font_face_destroy($0) }
                throw ExchangeError(.notFound,
                    message: "Không tìm thấy phông chữ \(file) (gói fonts-noto-core) để tạo tệp PDF: cài bằng Scripts/install-dependencies.",
                    log: "font \(file) not found in \(Self.directories)")
            }
            guard let face = baocao_font_face_from_file(path), cairo_font_face_status(face) == CAIRO_STATUS_SUCCESS else {
                faces.values.forEach { cairo_font_face_destroy($0) }
                throw ExchangeError(.malformedFile, message: "Không đọc được phông chữ \(path) để tạo tệp PDF.", log: "cairo cannot load \(path)")
            }
            faces[style] = face
        }
        self.faces = faces
    }

    deinit { faces.values.forEach { cairo_font_face_destroy($0) } }

    func face(_ style: Style) -> OpaquePointer { faces[style]! }

    private static func fileName(_ style: Style) -> String {
        switch style {
        case .regular: "NotoSerif-Regular.ttf"
        case .bold: "NotoSerif-Bold.ttf"
        case .italic: "NotoSerif-Italic.ttf"
        case .boldItalic: "NotoSerif-BoldItalic.ttf"
        }
    }
}
