import CodingEngine

/// Searching every document (`S`): type a regular expression, Enter lists every
/// match in its context (document, case, turn); in the list, `v` marks hits, `w`
/// widens what coding codes (the match, its sentence or its turn), `c` codes the
/// marked hits (or all) with a code from the picker as one undoable edit, Enter opens
/// the transcript on a hit.
public struct SearchScreen: TranscriptPlace {
    public var editor = LineEditor()
    /// Whether keys go to the pattern (else to the list of hits).
    public var editing = true
    /// The pattern the hits are of (nil before the first search).
    public var searched: String?
    public var hits: [SearchHit] = []
    public var cursor = ListCursor()
    /// Hits marked for coding, by index.
    public var marked: Set<Int> = []
    public var unit: PassageSelector.MatchUnit = .match

    public init(_ pattern: String = "") { editor = LineEditor(pattern) }

    public static let patternKeys = KeyBindings.Table(
        title: "Search every document: the pattern",
        bindings: [
            .init(
                [.enter, .control("s")], .submit, "search every document for the pattern (an ICU regular expression)",
                hint: true, word: "search"),
            .init([.down], .listDown, "to the hits", hint: true, word: "hits"),
            .init([.escape], .cancel, "close", hint: true),
        ])

    public static let keys = KeyBindings.Table(
        title: "Search every document: the hits",
        bindings: [
            .init([.enter], .choose, "open the transcript on the hit", hint: true, word: "jump"),
            .init([.character("v")], .markCode, "mark the hit for coding (again to unmark)", hint: true, word: "mark"),
            .init([.character("w")], .cycleUnit, "code the match, its sentence or its turn", hint: true, word: "widen"),
            .init(
                [.character("c")], .codeHits, "code the marked hits (or all) with a code from the picker", hint: true,
                word: "code"),
            .init([.character("/"), .character("e")], .editPattern, "change the pattern", hint: true, word: "pattern"),
            .init([.character("u"), .control("z")], .undo, "undo"),
            .init([.control("r"), .control("y")], .redo, "redo"),
            .init([.escape, .character("q")], .cancel, "close", hint: true),
            .init([.character("?")], .help, "help"),
        ])

    public static var tables: [KeyBindings.Table] { [patternKeys, keys] }
    public var keyTables: [KeyBindings.Table] {
        editing ? [Self.patternKeys, LineEditor.keys] : [Self.keys, ListCursor.keys]
    }

    public static let opening = Opening([.character("S")], "search every document: hits in context, coded in one go")

    public static func open(_ app: State) -> Outcome { .open(SearchScreen(), app) }
    public var takesText: Bool { editing }

    /// A search's hits, and the pattern they are of.
    public struct Data: Equatable, Sendable {
        var pattern: String
        var hits: [SearchHit]
    }

    /// Opened with a pattern (`:search PATTERN`), it searches at once.
    public func load(_ app: State) -> [Effect] { editor.isEmpty ? [] : [Self.search(editor.text)] }

    /// Searches every document for `pattern`.
    static func search(_ pattern: String) -> Effect {
        reading("for \(pattern)") { Data(pattern: pattern, hits: try $0.store.search(pattern, documents: [])) }
    }

    public func offers(_ command: Command, _ app: State) -> Bool {
        editing && command == .listDown ? !hits.isEmpty : true
    }

    public mutating func receive(_ data: Data, _ app: State) -> Outcome {
        searched = data.pattern
        hits = data.hits
        marked = []
        cursor = ListCursor(count: hits.count)
        editing = hits.isEmpty
        return .stay
    }

    /// The hits a `c` codes: the marked ones, else all.
    var chosen: [SearchHit] { marked.isEmpty ? hits : marked.sorted().map { hits[$0] } }

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        let rows = Self.rows(app)
        guard case .command(let command) = message else {
            if editing { _ = editor.take(message) }
            return .stay
        }
        if editing {
            switch command {
            case .submit:
                guard !editor.isEmpty else { return .say("type a pattern, e.g. (?i)\\baudit") }
                return Outcome(.stay, [Self.search(editor.text)])
            case .listDown:
                guard !hits.isEmpty else { return .say("no hits yet: Enter searches") }
                editing = false
            case .cancel: return .back
            default: _ = editor.take(message)
            }
            return .stay
        }
        // Up from the first hit goes back to the pattern.
        if command == .listUp, cursor.selected == 0 {
            editing = true
            return .stay
        }
        if cursor.perform(command, rows: rows) { return .stay }
        switch command {
        case .choose:
            guard hits.indices.contains(cursor.selected) else { return .stay }
            let hit = hits[cursor.selected]
            return Outcome(.close, requests: [.show(hit.range, in: hit.document)])
        case .markCode:
            guard hits.indices.contains(cursor.selected) else { return .stay }
            if marked.contains(cursor.selected) {
                marked.remove(cursor.selected)
            } else {
                marked.insert(cursor.selected)
            }
            cursor.move(1, rows: rows)
            return .say(
                marked.isEmpty
                    ? "nothing marked: c codes every hit" : "\(Words.count(marked.count, "hit")) marked: c codes them")
        case .cycleUnit:
            let all = PassageSelector.MatchUnit.allCases
            unit = all[((all.firstIndex(of: unit) ?? 0) + 1) % all.count]
            return .say("c codes " + (unit == .match ? "the match itself" : "the match's \(unit.rawValue)"))
        case .codeHits:
            guard !hits.isEmpty else { return .stay }
            return .open(PickerScreen(purpose: .codeHits(chosen, unit: unit)), app)
        case .editPattern: editing = true
        case .cancel: return .back
        default: break
        }
        return .stay
    }

    /// Rows for hits on a terminal.
    static func rows(_ state: State) -> Int {
        max(1, Layout.bodyRect(width: state.width, height: state.height).height - 3)
    }

    public func draw(_ state: State, into screen: inout ScreenBuffer) {
        let area = Layout.body(&screen)
        screen.put("Search every document ›", x: area.x + 1, y: area.y, style: .bold)
        let x = area.x + 25
        if editing {
            screen.cursor = editor.draw(x: x, y: area.y, width: max(1, area.right - x), style: .bold, into: &screen)
        } else {
            screen.put(editor.text, x: x, y: area.y, style: .plain, limit: area.right)
        }
        guard let searched else {
            screen.put(
                "An ICU regular expression: (?i) ignores case, \\b marks a word's edge, | means or. Enter searches.",
                x: area.x + 1, y: area.y + 2, style: .dim, limit: area.right)
            return
        }
        let documents = Set(hits.map(\.document)).count
        var summary = "\(Words.count(hits.count, "hit")) of \(searched) in \(Words.count(documents, "document"))"
        if !hits.isEmpty {
            summary +=
                " · c codes " + (marked.isEmpty ? "all" : "\(marked.count) marked")
                + (unit == .match ? "" : ", widened to the \(unit.rawValue)")
        }
        screen.put(summary, x: area.x + 1, y: area.y + 1, style: .dim, limit: area.right)
        let rows = Self.rows(state)
        var list = cursor
        list.resize(hits.count)
        let where_ = hits.map { hit in "\(hit.document) · \(hit.caseName)" + (hit.turn.map { " · t\($0)" } ?? "") }
        let placeWidth = min(max(12, where_.map { DisplayWidth.of($0) }.max() ?? 0), area.width / 3)
        for (row, index) in list.visible(rows: rows).enumerated() {
            let hit = hits[index]
            let y = area.y + 3 + row
            let current = index == list.selected && !editing
            let mark = marked.contains(index) ? "●" : " "
            screen.put(mark, x: area.x + 1, y: y, style: Style(bold: true))
            screen.put(
                where_[index], x: area.x + 3, y: y, style: Style(reverse: current, dim: true),
                limit: area.x + 3 + placeWidth)
            // Keyword in context: the match starts in the middle column.
            let left = area.x + 5 + placeWidth
            let middle = left + max(10, (area.right - left) * 2 / 5)
            let before = String(hit.before.suffix(max(0, middle - left)))
            screen.put(before, x: middle - DisplayWidth.of(before), y: y, style: .plain, limit: middle)
            let end = screen.put(hit.match, x: middle, y: y, style: Style(bold: true, reverse: true), limit: area.right)
            screen.put(hit.after, x: end, y: y, style: .plain, limit: area.right)
        }
        if hits.isEmpty { screen.put("Nothing matches.", x: area.x + 1, y: area.y + 3, style: .dim) }
    }
}
