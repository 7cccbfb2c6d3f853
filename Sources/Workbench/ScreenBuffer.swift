import CodingEngine

/// A frame of the workbench as a grid of cells, each a character and its style.
///
/// Views draw into it; the terminal adapter copies it to the screen; tests read its
/// text lines and chosen cells' styles. A wide character takes two cells (the second
/// is a continuation); combining marks join the cell before them.
public struct ScreenBuffer: Equatable, Sendable {
    /// One cell: the text shown there (a scalar and any zero-width marks after it).
    public struct Cell: Equatable, Sendable {
        public var text: String
        public var style: Style
        /// 1, 2 for the first cell of a wide character, 0 for its continuation.
        public var width: Int

        public static let blank = Cell(text: " ", style: .plain, width: 1)
    }

    /// A cell position.
    public struct Point: Equatable, Sendable {
        public var x: Int
        public var y: Int
        public init(x: Int, y: Int) {
            self.x = x
            self.y = y
        }
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal's own cursor should stand, if shown.
    public var cursor: Point?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Draws `text` from column `x` on row `y`, up to column `limit` (exclusive; the
    /// right edge by default), and returns the column after the last cell drawn. A
    /// wide character that would cross the limit is not split: a space stands in.
    /// Tabs and line ends are drawn as spaces, other control characters as visible marks.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        put((pseudonymiser.map { $0(text) } ?? text).unicodeScalars, x: x, y: y, style: style, limit: limit)
    }

    /// When set (`:pseudonyms on`), every text drawn has its real names replaced: the
    /// names, attributes, passages and messages of every pane and screen. (The transcript,
    /// drawn a character at a time, is laid out with its pseudonyms: `TranscriptLayout`.)
    public var pseudonymiser: Pseudonymiser?

    @discardableResult
    public mutating func put<S: Sequence>(_ scalars: S, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int
    where S.Element == Unicode.Scalar {
        guard y >= 0, y < height else { return x }
        let end = min(limit ?? width, width)
        var column = x
        for scalar in scalars {
            let w = scalar == "\t" || scalar == "\n" ? 1 : DisplayWidth.of(scalar)
            if w == 0 {
                if column > x, column - 1 < end, column - 1 >= 0 {
                    var previous = column - 1
                    if self[previous, y].width == 0, previous > 0 { previous -= 1 }
                    self[previous, y].text.unicodeScalars.append(scalar)
                }
                continue
            }
            guard column + w <= end else {
                if column < end, column >= 0 { self[column, y] = Cell(text: " ", style: style, width: 1) }
                return end
            }
            if column >= 0 {
                // A control character never reaches the terminal: ESC and the other C0
                // and C1 controls show as a visible mark (␛), keeping one cell each.
                let shown =
                    scalar == "\t" || scalar == "\n"
                    ? " "
                    : VisibleText.isControl(scalar) ? String(VisibleText.picture(scalar)) : String(scalar)
                self[column, y] = Cell(text: shown, style: style, width: w)
                if w == 2 { self[column + 1, y] = Cell(text: "", style: style, width: 0) }
            }
            column += w
        }
        return column
    }

    /// Fills a rectangle with blanks of `style`.
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, style: Style = .plain) {
        for row in max(0, y)..<min(self.height, y + height) {
            for column in max(0, x)..<min(self.width, x + width) {
                self[column, row] = Cell(text: " ", style: style, width: 1)
            }
        }
    }

    /// Changes the style of cells without changing their text.
    public mutating func restyle(x: Int, y: Int, width: Int, _ change: (inout Style) -> Void) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(self.width, x + width) { change(&self[column, y].style) }
    }

    /// The text of row `y`, trailing spaces removed.
    public func line(_ y: Int) -> String {
        var text = ""
        for x in 0..<width where self[x, y].width > 0 { text += self[x, y].text }
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }

    /// All rows' text, one line each.
    public var lines: [String] { (0..<height).map(line) }

    /// The style of the cell at a column and row.
    public func style(x: Int, y: Int) -> Style { self[x, y].style }

    /// The column where `needle` starts on row `y`, counted in cells, or nil.
    public func column(of needle: String, row y: Int) -> Int? {
        var column = 0
        var prefix = ""
        for x in 0..<width {
            let cell = self[x, y]
            if cell.width == 0 { continue }
            prefix += cell.text
            column = x
            if prefix.hasSuffix(needle) {
                return column + cell.width - DisplayWidth.of(needle)
            }
        }
        return nil
    }
}
