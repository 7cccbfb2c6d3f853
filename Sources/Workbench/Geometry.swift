/// Where each pane sits for a terminal size. Derived from the state, never stored.
public struct Geometry: Equatable, Sendable {
    public struct Rect: Equatable, Sendable {
        public var x: Int, y: Int, width: Int, height: Int
        public var right: Int { x + width }
        public var bottom: Int { y + height }
    }

    /// The smallest terminal the workbench lays out.
    public static let minimumWidth = 60
    public static let minimumHeight = 15
    static let documentsWidth = 26
    static let codesWidth = 32
    /// Columns left of the text: turn or line numbers.
    static let leftGutter = 6

    public var tooSmall: Bool
    public var documents: Rect?
    public var transcript: Rect
    public var codes: Rect?
    /// Width of the stripes gutter right of the text.
    public var rightGutter: Int
    /// Columns for the transcript's text.
    public var textWidth: Int
    public var statusRow: Int

    public init(width: Int, height: Int, showDocuments: Bool) {
        tooSmall = width < Self.minimumWidth || height < Self.minimumHeight
        statusRow = max(0, height - 1)
        let bodyTop = 1, bodyHeight = max(1, height - 2)
        var left = 0
        if showDocuments && width >= Self.minimumWidth + Self.documentsWidth - 10 {
            documents = Rect(x: 0, y: bodyTop, width: Self.documentsWidth, height: bodyHeight)
            left = Self.documentsWidth
        }
        var right = width
        if width - left >= 80 + Self.codesWidth {
            codes = Rect(x: width - Self.codesWidth, y: bodyTop, width: Self.codesWidth, height: bodyHeight)
            right = width - Self.codesWidth
        }
        transcript = Rect(x: left, y: bodyTop, width: max(1, right - left), height: bodyHeight)
        rightGutter = transcript.width >= 70 ? 10 : 4
        textWidth = max(10, transcript.width - Self.leftGutter - rightGutter)
    }

    public init(_ state: State) {
        self.init(width: state.width, height: state.height, showDocuments: state.showDocuments)
    }
}
