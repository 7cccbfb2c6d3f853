import CodingEngine

/// Every memo in the project (`B`): on the project, cases, documents, codes, codings
/// and case × code cells, filtered by kind (`t`) and coder (`c`), the highlighted one
/// in full below; Enter opens what it is on (the passage, the document, the case's
/// first document, a code's or a cell's passages in the reader).
public struct MemoBrowserScreen: TranscriptPlace {
    public var entries: [MemoEntry] = []
    public var loaded = false
    public var cursor = ListCursor()
    public var kind: MemoEntry.Kind?
    public var coder: String?

    public init() {}

    public static let keys = KeyBindings.Table(
        title: "Memos",
        bindings: [
            .init([.enter], .choose, "open what the memo is on", hint: true, word: "open"),
            .init(
                [.character("t")], .cycleKind,
                "show one kind of memo (project, case, document, code, coding, cell summary), or all", hint: true,
                word: "kind"),
            .init([.character("c")], .cycleCoder, "show one coder's memos, or everyone's", hint: true, word: "coder"),
            .init([.escape, .character("q")], .cancel, "close", hint: true),
            .init([.character("?")], .help, "help"),
        ])

    /// The memos the filters let through.
    public var shown: [MemoEntry] {
        entries.filter { (kind == nil || $0.kind == kind) && (coder == nil || $0.coder == coder) }
    }

    /// Rows for the list: the upper part of the body; the memo in full gets the rest.
    static func rows(_ state: State) -> Int {
        max(1, (Layout.bodyRect(width: state.width, height: state.height).height - 3) / 2)
    }

    public var keyTables: [KeyBindings.Table] { [Self.keys, ListCursor.keys] }

    public static let opening = Opening(
        [.character("B")], "browse every memo: project, cases, documents, codes, codings, cells")

    public static func open(_ app: State) -> Outcome { .open(MemoBrowserScreen(), app) }

    public func load(_ app: State) -> [Effect] {
        [Self.reading("every memo") { try $0.store.allMemos() }]
    }

    public mutating func receive(_ entries: [MemoEntry], _ app: State) -> Outcome {
        self.entries = entries
        loaded = true
        cursor.resize(shown.count)
        return .stay
    }

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        guard case .command(let command) = message else { return .stay }
        let shown = self.shown
        cursor.resize(shown.count)
        if cursor.perform(command, rows: Self.rows(app)) { return .stay }
        switch command {
        case .cycleKind:
            let kinds = MemoEntry.Kind.allCases.filter { k in entries.contains { $0.kind == k } }
            kind = Self.next(after: kind, in: kinds)
            cursor = ListCursor(count: self.shown.count)
            return .say(kind.map { "only memos on a \($0.rawValue)" } ?? "memos of every kind")
        case .cycleCoder:
            let coders = Array(Set(entries.compactMap(\.coder))).sorted()
            coder = Self.next(after: coder, in: coders)
            cursor = ListCursor(count: self.shown.count)
            return .say(coder.map { "only \($0)'s memos" } ?? "everyone's memos")
        case .choose:
            guard shown.indices.contains(cursor.selected) else { return .stay }
            return open(shown[cursor.selected], app)
        case .cancel: return .back
        default: return .stay
        }
    }

    /// The next of `values` after `current`, and after the last none (all).
    static func next<T: Equatable>(after current: T?, in values: [T]) -> T? {
        guard let current, let index = values.firstIndex(of: current) else { return values.first }
        return index + 1 < values.count ? values[index + 1] : nil
    }

    /// Opens what `memo` is on.
    func open(_ memo: MemoEntry, _ app: State) -> Outcome {
        switch memo.kind {
        case .coding:
            guard let document = memo.document, let range = memo.range else { return .stay }
            return Outcome(.close, requests: [.show(range, in: document)])
        case .document:
            guard let document = memo.document else { return .stay }
            return Outcome(.close, requests: [.open(document)])
        case .case:
            guard let first = app.documents.first(where: { $0.caseName == memo.caseName }) else {
                return .say("\(memo.caseName ?? "the case") has no documents")
            }
            return Outcome(.close, requests: [.open(first.name)])
        case .code, .cellSummary:
            guard let path = memo.code else { return .stay }
            var reader = ReaderScreen(
                title: "Passages of \(path)" + (memo.kind == .cellSummary ? " in \(memo.caseName ?? "")" : ""),
                query: .code(path), filterable: true)
            if memo.kind == .cellSummary { reader.caseFilter = memo.caseName }
            return .open(reader, app)
        case .project:
            return .say("the project memo is on the whole project; it is shown in full below")
        }
    }

    /// What a memo is on, short enough for the list: a coding by its document and code.
    static func label(_ memo: MemoEntry) -> String {
        memo.kind == .coding ? "\(memo.document ?? "") · \(memo.code ?? "")" : memo.target
    }

    public func draw(_ state: State, into screen: inout ScreenBuffer) {
        let area = Layout.body(&screen)
        let shown = self.shown
        var list = cursor
        list.resize(shown.count)
        let filters = "kind: \(kind?.rawValue ?? "all") · coder: \(coder ?? "all")"
        Layout.title("Memos · " + filters, position: loaded ? list.position : "", in: area, &screen)
        guard loaded else { screen.put("Reading the memos…", x: area.x + 1, y: area.y + 2, style: .dim); return }
        guard !shown.isEmpty else {
            screen.put(
                entries.isEmpty
                    ? "No memos yet: m writes one on a coding or the document; the matrix's Enter a cell summary."
                    : "No memo of that kind or coder: t and c change the filters.",
                x: area.x + 1, y: area.y + 2, style: .dim, limit: area.right)
            return
        }
        let rows = Self.rows(state)
        let kindWidth = 13
        let targetWidth = min(
            max(10, shown.map { DisplayWidth.of(Self.label($0)) }.max() ?? 0), max(10, area.width / 3))
        let coderWidth = min(max(5, shown.map { DisplayWidth.of($0.coder ?? "") }.max() ?? 0), 14)
        for (row, index) in list.visible(rows: rows).enumerated() {
            let memo = shown[index]
            let y = area.y + 2 + row
            let current = index == list.selected
            let style = Style(reverse: current)
            var x = area.x + 1
            screen.put(
                memo.kind.rawValue, x: x, y: y, style: Style(reverse: current, dim: !current), limit: x + kindWidth)
            x += kindWidth + 1
            screen.put(Self.label(memo), x: x, y: y, style: Style(bold: true, reverse: current), limit: x + targetWidth)
            x += targetWidth + 2
            screen.put(memo.coder ?? "", x: x, y: y, style: style, limit: x + coderWidth)
            x += coderWidth + 2
            let firstLine =
                memo.text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
            screen.put(firstLine, x: x, y: y, style: style, limit: area.right)
        }
        // The highlighted memo in full.
        let memo = shown[min(list.selected, shown.count - 1)]
        let top = area.y + 3 + rows
        guard top < area.bottom else { return }
        screen.put(String(repeating: "─", count: area.width - 2), x: area.x + 1, y: top - 1, style: .dim)
        screen.put(
            "\(memo.kind.rawValue) memo on \(memo.target)" + (memo.coder.map { " by \($0)" } ?? ""),
            x: area.x + 1, y: top, style: .bold, limit: area.right)
        var lines = TextWrap.lines(memo.text, width: max(10, area.width - 4)).map { ($0, Style.plain) }
        if let passage = memo.passage {
            lines =
                TextWrap.lines("“" + passage + "”", width: max(10, area.width - 4)).map { ($0, Style.dim) } + [
                    ("", .plain)
                ] + lines
        }
        for (row, line) in lines.prefix(max(0, area.bottom - top - 1)).enumerated() {
            screen.put(line.0, x: area.x + 2, y: top + 1 + row, style: line.1, limit: area.right)
        }
    }
}
