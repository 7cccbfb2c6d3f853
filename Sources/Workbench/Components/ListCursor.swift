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
}
