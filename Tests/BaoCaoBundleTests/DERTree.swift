@testable import BaoCaoBundle

/// A DER element as a tree, for tests that rewrite one part of a real signature and
/// encode the rest as it was.
struct DERTree {
    var tag: UInt8
    /// The elements inside a constructed element; nothing for a primitive one.
    var children: [DERTree]?
    /// The content of a primitive element.
    var content: [UInt8]
    /// Zero bytes to put in front of the length, in its long form: an encoding DER forbids.
    var lengthPadding = 0
    /// The long form even for a length under 128: another encoding DER forbids.
    var longFormLength = false

    init(tag: UInt8, content: [UInt8]) {
        self.tag = tag
        self.children = nil
        self.content = content
    }

    init(_ bytes: [UInt8]) throws {
        var reader = DERReader(bytes: bytes[...])
        self = try DERTree(reader.readAny())
        guard reader.isAtEnd else { throw DERReader.Failure.unexpectedStructure }
    }

    private init(_ element: DERReader.Element) throws {
        tag = element.tag
        content = []
        if tag & 0x20 != 0 {
            var reader = DERReader(bytes: element.content)
            var children: [DERTree] = []
            while !reader.isAtEnd { children.append(try DERTree(reader.readAny())) }
            self.children = children
        } else {
            content = Array(element.content)
        }
    }

    var encoded: [UInt8] {
        let body = children.map { $0.flatMap(\.encoded) } ?? content
        var length: [UInt8] = []
        var remaining = body.count
        repeat {
            length.insert(UInt8(remaining & 0xFF), at: 0)
            remaining >>= 8
        } while remaining > 0
        length.insert(contentsOf: [UInt8](repeating: 0, count: lengthPadding), at: 0)
        if body.count < 0x80, lengthPadding == 0, !longFormLength { return [tag, UInt8(body.count)] + body }
        return [tag, 0x80 | UInt8(length.count)] + length + body
    }

    /// The element at a path of child indexes.
    subscript(path: Int...) -> DERTree {
        get { path.reduce(self) { $0.children![$1] } }
        set { self[path: path[...]] = newValue }
    }

    private subscript(path path: ArraySlice<Int>) -> DERTree {
        get { path.reduce(self) { $0.children![$1] } }
        set {
            guard let first = path.first else { self = newValue; return }
            children![first][path: path.dropFirst()] = newValue
        }
    }
}
