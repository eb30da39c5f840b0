/// Why ``StrictXMLReader`` refused a document, and where: the byte offset from the start of
/// the document and its line. ``description`` is Vietnamese, for the message of the
/// caller's own error, which names the file.
struct XMLRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    enum Reason: Sendable, Equatable {
        /// A byte sequence that is not UTF-8, or a character XML does not allow.
        case notUTF8
        case forbiddenCharacter(UInt32)
        /// The declaration names another encoding than UTF-8.
        case declaredEncoding(String)
        /// `<!DOCTYPE`: a DTD, which could declare entities.
        case documentTypeDeclaration
        /// `<!ENTITY`, `<!ELEMENT`… outside a DTD.
        case markupDeclaration
        /// `<?target …?>` other than the leading `<?xml …?>`.
        case processingInstruction(String)
        /// `&name;` other than the five predefined entities.
        case undefinedEntity(String)
        /// `&#…;` that is not a number, or names a character XML does not allow.
        case invalidCharacterReference(String)
        /// An end tag that does not close the element open.
        case mismatchedEndTag(expected: String, found: String)
        /// A prefix no `xmlns:` declaration in scope binds.
        case undeclaredPrefix(String)
        case duplicateAttribute(String)
        /// Anything else that is not well-formed XML, said in a few Vietnamese words.
        case malformed(String)
        /// The document ends with elements open.
        case unclosedElement(String)
        case noRootElement
        case contentAfterRootElement
        case tooDeep(limit: Int)
        case tooManyAttributes(limit: Int)
        case nameTooLong(limit: Int)
        case textTooLong(limit: Int)
    }

    let reason: Reason
    /// Bytes from the start of the document to where the problem is.
    let offset: Int
    /// The line of `offset`, from 1.
    let line: Int

    /// What is wrong, in Vietnamese, without where (the caller says which file, line and byte).
    var problem: String {
        switch reason {
        case .notUTF8: "không phải văn bản UTF-8"
        case .forbiddenCharacter(let value): "có ký tự điều khiển U+\(String(value, radix: 16, uppercase: true)) không được phép trong XML"
        case .declaredEncoding(let name): "khai báo bảng mã \"\(name.prefix(40))\"; chỉ nhận UTF-8"
        case .documentTypeDeclaration: "có khai báo DTD (<!DOCTYPE …>), không được phép vì có thể định nghĩa thực thể"
        case .markupDeclaration: "có khai báo <!…> (thực thể, phần tử) không được phép"
        case .processingInstruction(let target): "có chỉ thị xử lý <?\(target.prefix(40))…?>, không được phép"
        case .undefinedEntity(let name): "có tham chiếu thực thể &\(name.prefix(40)); không được phép (chỉ nhận &amp; &lt; &gt; &quot; &apos; và &#số;)"
        case .invalidCharacterReference(let text): "tham chiếu ký tự &\(text.prefix(40)); không hợp lệ"
        case .mismatchedEndTag(let expected, let found): "thẻ đóng </\(found.prefix(80))> không khớp với thẻ mở <\(expected.prefix(80))>"
        case .undeclaredPrefix(let prefix): "tiền tố không gian tên \"\(prefix.prefix(40))\" chưa được khai báo"
        case .duplicateAttribute(let name): "thuộc tính \(name.prefix(80)) xuất hiện hai lần trong một thẻ"
        case .malformed(let what): what
        case .unclosedElement(let name): "tệp kết thúc khi thẻ <\(name.prefix(80))> chưa đóng (tệp bị cắt cụt?)"
        case .noRootElement: "không có phần tử nào"
        case .contentAfterRootElement: "có nội dung sau phần tử gốc"
        case .tooDeep(let limit): "các thẻ lồng nhau quá \(limit) tầng"
        case .tooManyAttributes(let limit): "một thẻ có quá \(limit) thuộc tính"
        case .nameTooLong(let limit): "tên thẻ hoặc thuộc tính dài quá \(limit) byte"
        case .textTooLong(let limit): "một đoạn văn bản dài quá \(limit) byte"
        }
    }

    /// The problem and where it is: "… (dòng 3, byte 120)".
    var description: String { "\(problem) (dòng \(line), byte \(offset))" }
}
