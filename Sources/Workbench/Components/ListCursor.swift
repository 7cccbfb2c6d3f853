/// Where one is in a list: the entry selected and the first entry shown. Paging and
/// scrolling take the number of rows the screen gives the list (from `Geometry`),
/// so that a page is what one sees, on every screen and at every size.
public struct ListCursor: Equatable, Sendable {
    public private(set) var selected = 0
    /// The first entry on screen.
    public private(set) var top = 0
    public private(set) var count = 0

    public init(count: Int = 0, selected: Int = 0) {
        self.count = max(0, count)
        self.selected = max(0, min(selected, self.count - 1))
    }

    /// The list's length changed (its entries loaded or filtered).
    public mutating func resize(_ count: Int) {
        self.count = max(0, count)
        selected = max(0, min(selected, self.count - 1))
        top = max(0, min(top, max(0, self.count - 1)))
    }

    /// Moves the selection by `delta` entries and scrolls so that it shows in `rows`.
    public mutating func move(_ delta: Int, rows: Int) {
        select(selected + delta, rows: rows)
    }

    /// Selects entry `index` (clamped) and scrolls so that it shows in `rows`.
    public mutating func select(_ index: Int, rows: Int) {
        selected = max(0, min(index, count - 1))
        scrollToSelection(rows: rows)
    }

    /// A page down (`+1`) or up (`-1`): the view moves by a screenful.
    public mutating func page(_ direction: Int, rows: Int) {
        let rows = max(1, rows)
        top = max(0, min(top + direction * rows, max(0, count - rows)))
        selected = max(0, min(selected + direction * rows, count - 1))
        scrollToSelection(rows: rows)
    }

    /// Moves the selection by `delta` without scrolling past it (for lists that work
    /// out their own scrolling, such as the passage reader's).
    public mutating func step(_ delta: Int) {
        selected = max(0, min(selected + delta, count - 1))
        if selected < top { top = selected }
    }

    /// Shows the list from entry `index` (for lists whose entries differ in height).
    public mutating func scroll(to index: Int) {
        top = max(0, min(index, max(0, count - 1)))
    }

    mutating func scrollToSelection(rows: Int) {
        let rows = max(1, rows)
        if selected < top { top = selected }
        if selected >= top + rows { top = selected - rows + 1 }
        top = max(0, min(top, max(0, count - rows)))
    }

    /// The entries shown in `rows`: from `top`, keeping the selection on screen (for a
    /// screen that got smaller since the last key).
    public func visible(rows: Int) -> Range<Int> {
        let rows = max(1, rows)
        var first = top
        if selected >= first + rows { first = selected - rows + 1 }
        if selected < first { first = selected }
        first = max(0, min(first, max(0, count - rows)))
        return first..<min(count, first + rows)
    }

    /// "12 of 40" (or "none").
    public var position: String { count == 0 ? "none" : "\(selected + 1) of \(count)" }

    /// A list's keys: every screen that shows a list inherits them.
    public static let keys = KeyBindings.Table(
        title: "Lists (every screen with one)",
        bindings: [
            .init([.character("j"), .down], .listDown, "next entry"),
            .init([.character("k"), .up], .listUp, "previous entry"),
            .init([.pageDown, .character(" ")], .listPageDown, "page down"),
            .init([.pageUp], .listPageUp, "page up"),
            .init([.character("g"), .home], .listStart, "first entry"),
            .init([.character("G"), .end], .listEnd, "last entry"),
        ])

    /// A list's keys under a text field, where letters are typed (the code picker).
    public static let fieldKeys = KeyBindings.Table(
        title: "Lists under a field (the picker)",
        bindings: [
            .init([.down, .control("n")], .listDown, "next entry"),
            .init([.up, .control("p")], .listUp, "previous entry"),
            .init([.pageDown], .listPageDown, "page down"),
            .init([.pageUp], .listPageUp, "page up"),
        ])

    /// Carries out a list command in `rows` rows; false when `command` is not a list's.
    public mutating func perform(_ command: Command, rows: Int) -> Bool {
        switch command {
        case .listDown: move(1, rows: rows)
        case .listUp: move(-1, rows: rows)
        case .listPageDown: page(1, rows: rows)
        case .listPageUp: page(-1, rows: rows)
        case .listStart: select(0, rows: rows)
        case .listEnd: select(count - 1, rows: rows)
        default: return false
        }
        return true
    }
}

/// A table's cursor: a row and a column, each scrolled into the space the screen
/// gives, so that the selected cell is always on screen however wide the table.
public struct TableCursor: Equatable, Sendable {
    public var rows = ListCursor()
    public var columns = ListCursor()

    public init(rows: Int = 0, columns: Int = 0, row: Int = 0, column: Int = 0) {
        self.rows = ListCursor(count: rows, selected: row)
        self.columns = ListCursor(count: columns, selected: column)
    }

    public var row: Int { rows.selected }
    public var column: Int { columns.selected }

    /// "row 3 of 12 · column 2 of 9"
    public var position: String { "row \(rows.position) · column \(columns.position)" }

    /// A table's keys: every screen that shows a grid inherits them.
    public static let keys = KeyBindings.Table(
        title: "Tables (heat map, matrix)",
        bindings: [
            .init([.character("h"), .left], .columnLeft, "cell to the left"),
            .init([.character("l"), .right], .columnRight, "cell to the right"),
            .init([.character("k"), .up], .listUp, "cell above"),
            .init([.character("j"), .down], .listDown, "cell below"),
            .init([.pageDown, .character(" ")], .listPageDown, "page down"),
            .init([.pageUp], .listPageUp, "page up"),
        ])

    /// Carries out a table command with `rows` rows and `columns` columns on screen;
    /// false when `command` is not a table's.
    public mutating func perform(_ command: Command, rows visibleRows: Int, columns visibleColumns: Int) -> Bool {
        switch command {
        case .columnLeft: columns.move(-1, rows: visibleColumns)
        case .columnRight: columns.move(1, rows: visibleColumns)
        case .listDown, .listUp, .listPageDown, .listPageUp: return rows.perform(command, rows: visibleRows)
        default: return false
        }
        return true
    }
}
