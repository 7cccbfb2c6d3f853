import CodingEngine
import Foundation

/// Code co-occurrence as a heat map: codes × codes, each cell the number of overlaps
/// shaded by the c-coefficient; Enter opens the cell's passages in full; `t`
/// switches between overlapping passages and the same speaker turn. Scrolls both
/// ways, so the selected cell is always on screen.
public struct HeatMapScreen: Equatable, Sendable {
    public var codes: [String] = []
    public var pairs: [Cooccurrence.Pair] = []
    public var cursor = TableCursor(rows: 0, columns: 0, row: 0, column: 1)
    public var byTurn = false
    public var loaded = false

    public init() {}

    public static let keys = KeyBindings.Table(title: "Co-occurrence heat map", bindings: [
        .init([.character("h"), .left], .columnLeft, "cell to the left"),
        .init([.character("l"), .right], .columnRight, "cell to the right"),
        .init([.character("k"), .up], .listUp, "cell above"),
        .init([.character("j"), .down], .listDown, "cell below"),
        .init([.enter], .choose, "the cell's passages in full", hint: true, word: "passages"),
        .init([.character("t")], .toggleTurnUnit, "overlapping passages or the same speaker turn", hint: true, word: "unit"),
        .init([.escape, .character("q"), .character("H")], .cancel, "close", hint: true),
        .init([.character("?")], .help, "help"),
    ])

    static let cellWidth = 4
    static func labelWidth(_ width: Int) -> Int { min(30, max(12, width / 4)) }
    static func visibleColumns(_ width: Int) -> Int { max(1, (width - 4 - labelWidth(width)) / cellWidth) }
    static func visibleRows(_ height: Int) -> Int { max(1, height - 7) }

    /// The pair at the cursor (either order), for the current coder when they coded,
    /// else the first coder's.
    public var selectedPair: Cooccurrence.Pair? { pair(cursor.row, cursor.column) }

    func pair(_ row: Int, _ column: Int) -> Cooccurrence.Pair? {
        guard codes.indices.contains(row), codes.indices.contains(column), row != column else { return nil }
        let a = codes[row], b = codes[column]
        return pairs.first { ($0.a == a && $0.b == b) || ($0.a == b && $0.b == a) }
    }

    mutating func handle(_ key: Key, _ state: inout State) -> Outcome {
        guard let command = KeyBindings.command(for: key, in: Self.keys) else { return .stay }
        cursor.rows.resize(codes.count)
        cursor.columns.resize(codes.count)
        let rows = Self.visibleRows(state.height), columns = Self.visibleColumns(state.width)
        switch command {
        case .columnLeft: cursor.columns.move(-1, rows: columns)
        case .columnRight: cursor.columns.move(1, rows: columns)
        case .listUp: cursor.rows.move(-1, rows: rows)
        case .listDown: cursor.rows.move(1, rows: rows)
        case .toggleTurnUnit:
            byTurn.toggle()
            loaded = false
            return Outcome(.stay, [.loadCooccurrence(byTurn: byTurn)])
        case .choose:
            guard let pair = selectedPair else {
                state.message = cursor.row == cursor.column ? "a code with itself: choose a cell off the diagonal" : "no passages here"
                return .stay
            }
            guard !pair.passages.isEmpty else { state.message = "\(pair.a) and \(pair.b) never overlap"; return .stay }
            let codings = pair.passages.map { NewCoding(document: $0.document, range: $0.range, code: pair.a, coder: pair.coder) }
            let reader = ReaderScreen(title: "\(pair.a) × \(pair.b) · \(pair.coder)", query: .passages(codings))
            return Outcome(.push(.reader(reader)), [.loadPassages(.passages(codings))])
        case .cancel: return .back
        case .help: return Outcome(.push(.help(HelpScreen(for: .heatMap(self)))))
        default: break
        }
        return .stay
    }

    func draw(_ state: State, into screen: inout ScreenBuffer) {
        let area = Layout.body(&screen)
        screen.put("Code co-occurrence, \(byTurn ? "within speaker turns" : "overlapping passages") · c = overlaps / (n1 + n2 − overlaps)",
                   x: area.x + 1, y: area.y, style: .bold, limit: area.right)
        guard loaded else { screen.put("Counting…", x: area.x + 1, y: area.y + 2, style: .dim); return }
        guard codes.count >= 2 else { screen.put("Fewer than two codes used yet.", x: area.x + 1, y: area.y + 2, style: .dim); return }
        var fitted = cursor
        fitted.rows.resize(codes.count)
        fitted.columns.resize(codes.count)
        let labelWidth = Self.labelWidth(area.width)
        let columns = fitted.columns.visible(rows: Self.visibleColumns(state.width))
        let rows = fitted.rows.visible(rows: Self.visibleRows(state.height))
        screen.put(fitted.position, x: max(area.x + 1, area.right - fitted.position.count), y: area.y + 1, style: .dim)
        for (offset, j) in columns.enumerated() {
            screen.put(String(format: "%3d", j + 1), x: area.x + 1 + labelWidth + offset * Self.cellWidth, y: area.y + 2,
                       style: j == fitted.column ? .bold : .dim)
        }
        for (line, i) in rows.enumerated() {
            let y = area.y + 3 + line
            let number = String(i + 1)
            let name = String(repeating: " ", count: String(codes.count).count - number.count) + number + " " + (codes[i].split(separator: "/").last.map(String.init) ?? "")
            screen.put(name, x: area.x + 1, y: y, style: i == fitted.row ? .bold : .plain, limit: area.x + labelWidth)
            for (offset, j) in columns.enumerated() {
                let x = area.x + 1 + labelWidth + offset * Self.cellWidth
                guard i != j else { screen.put("  ·", x: x, y: y, style: .dim); continue }
                let pair = pair(i, j)
                var style = Shading.heat(pair?.c ?? 0, colors: state.colors)
                if i == fitted.row && j == fitted.column { style.reverse.toggle(); style.bold = true }
                let overlaps = pair?.overlaps ?? 0
                screen.put(overlaps == 0 ? "  ." : String(format: "%3d", overlaps), x: x, y: y, style: style)
            }
        }
        if let pair = pair(fitted.row, fitted.column) {
            let line = "\(pair.a) × \(pair.b) (\(pair.coder)): n1 \(pair.n1), n2 \(pair.n2), overlaps \(pair.overlaps), c = "
                + (pair.c.map { String(format: "%.3f", $0) } ?? "n/a")
            screen.put(line, x: area.x + 1, y: area.bottom - 1, style: .bold, limit: area.right)
        }
    }
}
