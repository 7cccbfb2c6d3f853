import CodingEngine
import Foundation

/// Code co-occurrence as a heat map: codes × codes, each cell the number of overlaps
/// shaded by the c-coefficient; Enter opens the cell's passages in full; `t`
/// switches between overlapping passages and the same speaker turn. Scrolls both
/// ways, so the selected cell is always on screen.
public struct HeatMapScreen: TranscriptPlace {
    public var codes: [String] = []
    public var pairs: [Cooccurrence.Pair] = []
    public var cursor = TableCursor(rows: 0, columns: 0, row: 0, column: 1)
    public var byTurn = false
    public var loaded = false

    public init() {}

    public static let keys = KeyBindings.Table(
        title: "Co-occurrence heat map",
        bindings: [
            .init([.enter], .choose, "the cell's passages in full", hint: true, word: "passages"),
            .init(
                [.character("t")], .toggleTurnUnit, "overlapping passages or the same speaker turn", hint: true,
                word: "unit"),
            .init([.escape, .character("q"), .character("H")], .cancel, "close", hint: true),
            .init([.character("?")], .help, "help"),
        ])

    public var keyTables: [KeyBindings.Table] { [Self.keys, TableCursor.keys] }

    public static let opening = Opening([.character("H")], "code co-occurrence as a heat map")

    public static func open(_ app: State) -> Outcome { .open(HeatMapScreen(), app) }

    /// The codes used and their pairs: one coder's grid, never a mix (yours, else the
    /// study's coder: the consensus when complete, else the first coder).
    public struct Data: Equatable, Sendable {
        var codes: [String]
        var pairs: [Cooccurrence.Pair]
    }

    public func load(_ app: State) -> [Effect] {
        let byTurn = self.byTurn
        return [
            Self.reading(byTurn ? "by turn" : "overlapping") { reader in
                let pairs = try Cooccurrence.compute(reader.store, unit: byTurn ? .turn : .overlap)
                let mine = pairs.filter { $0.coder == reader.coder }
                let study = try CodersShown.resolve(reader.store, asked: nil).coders.first
                let shown = mine.isEmpty ? pairs.filter { $0.coder == study } : mine
                let used = Set(shown.filter { $0.n1 > 0 }.map(\.a) + shown.filter { $0.n2 > 0 }.map(\.b))
                let codes = try reader.store.codebook().codes.filter { used.contains($0.path) }.map(\.path)
                return Data(codes: codes, pairs: shown)
            }
        ]
    }

    public mutating func receive(_ data: Data, _ app: State) -> Outcome {
        codes = data.codes
        pairs = data.pairs
        loaded = true
        // The first cell off the diagonal, or where the cursor was before a reload.
        let row = min(cursor.row, max(0, codes.count - 1))
        let column = cursor.column == 0 && cursor.columns.count == 0 ? 1 : cursor.column
        cursor = TableCursor(rows: codes.count, columns: codes.count, row: row, column: column)
        return .stay
    }

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

    public func offers(_ command: Command, _ app: State) -> Bool {
        command == .choose ? selectedPair.map { !$0.passages.isEmpty } == true : true
    }

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        guard case .command(let command) = message else { return .stay }
        cursor.rows.resize(codes.count)
        cursor.columns.resize(codes.count)
        if cursor.perform(command, rows: Self.visibleRows(app.height), columns: Self.visibleColumns(app.width)) {
            return .stay
        }
        switch command {
        case .toggleTurnUnit:
            byTurn.toggle()
            loaded = false
            return Outcome(.stay, load(app))
        case .choose:
            guard let pair = selectedPair else {
                return .say(
                    cursor.row == cursor.column
                        ? "a code with itself: choose a cell off the diagonal" : "no passages here")
            }
            guard !pair.passages.isEmpty else { return .say("\(pair.a) and \(pair.b) never overlap") }
            let codings = pair.passages.map {
                NewCoding(document: $0.document, range: $0.range, code: pair.a, coder: pair.coder)
            }
            return .open(ReaderScreen(title: "\(pair.a) × \(pair.b) · \(pair.coder)", query: .passages(codings)), app)
        case .cancel: return .back
        default: return .stay
        }
    }

    public func draw(_ state: State, into screen: inout ScreenBuffer) {
        let area = Layout.body(&screen)
        screen.put(
            "Code co-occurrence, \(byTurn ? "within speaker turns" : "overlapping passages") · c = overlaps / (n1 + n2 − overlaps)",
            x: area.x + 1, y: area.y, style: .bold, limit: area.right)
        guard loaded else { screen.put("Counting…", x: area.x + 1, y: area.y + 2, style: .dim); return }
        guard codes.count >= 2 else {
            screen.put("Fewer than two codes used yet.", x: area.x + 1, y: area.y + 2, style: .dim); return
        }
        var fitted = cursor
        fitted.rows.resize(codes.count)
        fitted.columns.resize(codes.count)
        let labelWidth = Self.labelWidth(area.width)
        let columns = fitted.columns.visible(rows: Self.visibleColumns(state.width))
        let rows = fitted.rows.visible(rows: Self.visibleRows(state.height))
        screen.put(fitted.position, x: max(area.x + 1, area.right - fitted.position.count), y: area.y + 1, style: .dim)
        for (offset, j) in columns.enumerated() {
            screen.put(
                String(format: "%3d", j + 1), x: area.x + 1 + labelWidth + offset * Self.cellWidth, y: area.y + 2,
                style: j == fitted.column ? .bold : .dim)
        }
        for (line, i) in rows.enumerated() {
            let y = area.y + 3 + line
            let number = String(i + 1)
            let name =
                String(repeating: " ", count: String(codes.count).count - number.count) + number + " "
                + (codes[i].split(separator: "/").last.map(String.init) ?? "")
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
            let line =
                "\(pair.a) × \(pair.b) (\(pair.coder)): n1 \(pair.n1), n2 \(pair.n2), overlaps \(pair.overlaps), c = "
                + (pair.c.map { String(format: "%.3f", $0) } ?? "n/a")
            screen.put(line, x: area.x + 1, y: area.bottom - 1, style: .bold, limit: area.right)
        }
    }
}
