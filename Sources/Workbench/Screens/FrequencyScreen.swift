import CodingEngine
import Foundation

/// Code frequencies by case: codes down, cases across (for one coder, or every coder
/// side by side, each with a column of their own total). A total is always one
/// coder's: codings of different coders are never added up. The table scrolls both
/// ways so that the selected cell stays on screen.
public struct FrequencyScreen: TranscriptPlace {
    public var rows: [CodeFrequencies.Row] = []
    public var loaded = false
    public var coverage = false
    public var allCoders = false
    public var cursor = TableCursor()

    public init() {}

    public static let keys = KeyBindings.Table(
        title: "Frequencies",
        bindings: [
            .init([.enter], .choose, "the cell's passages in full", hint: true, word: "passages"),
            .init([.character("v")], .toggleCoverage, "counts or coverage", hint: true, word: "coverage"),
            .init([.character("o")], .toggleOthers, "you or every coder side by side", hint: true, word: "coders"),
            .init([.escape, .character("q"), .character("f")], .cancel, "close", hint: true),
            .init([.character("?")], .help, "help"),
        ])

    /// A column: one coder's codings in one case, or (case nil) that coder's total.
    struct Column: Equatable { var caseName: String?; var coder: String }

    func columns(_ state: State) -> [Column] {
        let coders = allCoders ? CodersShown.ordered(rows.map(\.coder), consensus: state.consensusCoder) : [state.coder]
        let cases = state.documents.reduce(into: [String]()) { if !$0.contains($1.caseName) { $0.append($1.caseName) } }
        return coders.flatMap { coder in
            cases.map { Column(caseName: $0, coder: coder) } + [Column(caseName: nil, coder: coder)]
        }
    }

    static let columnWidth = 9
    /// The code names' column: a quarter of the width, more when the columns leave room.
    static func nameWidth(_ width: Int, columns: Int) -> Int {
        min(30, max(min(20, max(14, width / 4)), width - 4 - columns * (columnWidth + 1)))
    }
    static func visibleColumns(_ width: Int, columns: Int) -> Int {
        max(1, (width - 4 - nameWidth(width, columns: columns)) / (columnWidth + 1))
    }
    static func visibleRows(_ height: Int) -> Int { max(1, height - 6) }

    mutating func fit(_ state: State) {
        cursor.rows.resize(state.codebook.codes.count)
        cursor.columns.resize(columns(state).count)
    }

    public var keyTables: [KeyBindings.Table] { [Self.keys, TableCursor.keys] }

    public static let opening = Opening([.character("f")], "code frequencies by case", needsDocument: false)

    public static func open(_ app: State) -> Outcome { .open(FrequencyScreen(), app) }

    public func load(_ app: State) -> [Effect] {
        [Self.reading("by case") { try CodeFrequencies.compute($0.store, by: .case) }]
    }

    public mutating func receive(_ rows: [CodeFrequencies.Row], _ app: State) -> Outcome {
        self.rows = rows
        loaded = true
        return .stay
    }

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        guard case .command(let command) = message else { return .stay }
        fit(app)
        let shownColumns = Self.visibleColumns(app.width, columns: columns(app).count)
        if cursor.perform(command, rows: Self.visibleRows(app.height), columns: shownColumns) { return .stay }
        switch command {
        case .toggleCoverage: coverage.toggle()
        case .toggleOthers:
            guard !app.blind else { return .say("blind: others' counts stay hidden") }
            allCoders.toggle()
            fit(app)
            cursor.columns.select(0, rows: shownColumns)
        case .choose:
            let columns = columns(app)
            guard app.codebook.codes.indices.contains(cursor.row), columns.indices.contains(cursor.column) else {
                return .stay
            }
            let code = app.codebook.codes[cursor.row], column = columns[cursor.column]
            var reader = ReaderScreen(
                title: "\(code.path) · \(column.caseName ?? "every case") · \(column.coder)", query: .code(code.path),
                filterable: true)
            reader.caseFilter = column.caseName
            reader.allCoders = column.coder != app.coder
            return .open(reader, app)
        case .cancel: return .back
        default: break
        }
        return .stay
    }

    public func draw(_ state: State, into screen: inout ScreenBuffer) {
        let area = Layout.body(&screen)
        let what = coverage ? "coverage of the case's text" : "codings"
        let title =
            "Frequencies: \(what) by case, \(allCoders ? "every coder side by side" : "your codings (\(state.coder))")"
        var positioned = self
        positioned.fit(state)
        Layout.title(title, position: loaded ? positioned.cursor.position : "", in: area, &screen)
        let mine = allCoders ? rows : rows.filter { $0.coder == state.coder }
        guard loaded else { screen.put("Counting…", x: area.x + 1, y: area.y + 2, style: .dim); return }
        guard !mine.isEmpty else {
            screen.put("\(state.coder) has no codings yet.", x: area.x + 1, y: area.y + 2, style: .dim); return
        }
        var fitted = self
        fitted.fit(state)
        let columns = columns(state)
        var cell: [String: CodeFrequencies.Row] = [:]
        var totals: [String: (codings: Int, characters: Int, length: Int)] = [:]
        for row in mine {
            cell["\(row.group)|\(row.coder)|\(row.code)"] = row
            totals["\(row.coder)|\(row.code)", default: (0, 0, 0)].codings += row.codings
            totals["\(row.coder)|\(row.code)", default: (0, 0, 0)].characters += row.characters
        }
        let caseLength = state.documents.reduce(into: [String: Int]()) { $0[$1.caseName, default: 0] += $1.length }
        let allLength = caseLength.values.reduce(0, +)
        let nameWidth = Self.nameWidth(state.width, columns: columns.count), width = Self.columnWidth
        let shownColumns = fitted.cursor.columns.visible(rows: Self.visibleColumns(state.width, columns: columns.count))
        let shownRows = fitted.cursor.rows.visible(rows: Self.visibleRows(state.height))
        var x = area.x + 1 + nameWidth
        for index in shownColumns {
            let column = columns[index]
            let label = (column.caseName ?? "all") + (allCoders ? "·" + column.coder : "")
            let style = index == fitted.cursor.column ? Style(bold: true, underline: true) : .bold
            let shown = String(label.prefix(width))
            screen.put(String(repeating: " ", count: width - shown.count) + shown, x: x, y: area.y + 2, style: style)
            x += width + 1
        }
        let values = mine.filter { !$0.aggregate }.map { coverage ? $0.coverage : Double($0.codings) }
        let maximum = values.max() ?? 1
        for (line, rowIndex) in shownRows.enumerated() {
            let code = state.codebook.codes[rowIndex]
            let y = area.y + 3 + line
            let name =
                String(repeating: " ", count: code.depth) + code.name
                + (state.codebook.hasChildren(code.id) ? " Σ" : "")
            let nameStyle = Style(
                bold: !code.codable || rowIndex == fitted.cursor.row, underline: rowIndex == fitted.cursor.row)
            screen.put(name, x: area.x + 1, y: y, style: nameStyle, limit: area.x + nameWidth)
            var x = area.x + 1 + nameWidth
            for columnIndex in shownColumns {
                let column = columns[columnIndex]
                let value: Double, text: String, aggregate: Bool
                if let caseName = column.caseName {
                    let row = cell["\(caseName)|\(column.coder)|\(code.path)"]
                    value = coverage ? (row?.coverage ?? 0) : Double(row?.codings ?? 0)
                    aggregate = row?.aggregate ?? false
                } else {
                    let total = totals["\(column.coder)|\(code.path)"] ?? (0, 0, 0)
                    value =
                        coverage
                        ? (allLength > 0 ? Double(total.characters) / Double(allLength) : 0) : Double(total.codings)
                    aggregate = true
                }
                text = coverage ? String(format: "%.1f%%", value * 100) : String(Int(value))
                let heat = maximum > 0 ? min(1, value / maximum) : 0
                var style = Shading.heat(heat, aggregate: aggregate, colors: state.colors)
                if rowIndex == fitted.cursor.row && columnIndex == fitted.cursor.column {
                    style.reverse.toggle(); style.bold = true
                }
                screen.put(String(repeating: " ", count: max(0, width - text.count)) + text, x: x, y: y, style: style)
                x += width + 1
            }
        }
        if shownColumns.upperBound < columns.count || shownColumns.lowerBound > 0 {
            screen.put(
                "columns \(shownColumns.lowerBound + 1)–\(shownColumns.upperBound) of \(columns.count) · h/l scroll",
                x: area.x + 1, y: area.bottom - 1, style: .dim, limit: area.right)
        }
    }
}
