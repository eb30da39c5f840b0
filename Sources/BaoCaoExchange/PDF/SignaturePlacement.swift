/// A rectangle on a PDF page in PDF user space: points from the bottom-left corner.
public struct PDFRect: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// Where the signatures' visible appearances go: on which page (from 0), the leader's in
/// the signature block's blank space, the unit's seal over the left of it, as on paper.
public struct SignaturePlacement: Sendable, Hashable {
    public var pageIndex: Int
    public var person: PDFRect
    public var seal: PDFRect

    public init(pageIndex: Int, person: PDFRect, seal: PDFRect) {
        self.pageIndex = pageIndex
        self.person = person
        self.seal = seal
    }
}
