import CodingEngine

/// A coding query typed at the keyboard (`Q`): Tab completes the code path being
/// typed, ↓ ↑ bring back a saved query, Enter shows the passages in the reader.
public struct QueryScreen: TranscriptPlace {
    public var editor = LineEditor()
    public var saved: [SavedQuery] = []
    public var list = ListCursor()

    public init(_ text: String = "") { editor = LineEditor(text) }

    public static let keys = KeyBindings.Table(
        title: "Query",
        bindings: [
            .init([.enter, .control("s")], .submit, "run the query: its passages in full", hint: true, word: "run"),
            .init([.tab], .complete, "complete the code path being typed", hint: true, word: "complete"),
            .init([.down], .listDown, "the next saved query", hint: true, word: "saved"),
            .init([.up], .listUp, "the previous saved query"),
            .init([.escape], .cancel, "close", hint: true),
        ])

    public var keyTables: [KeyBindings.Table] { [Self.keys, LineEditor.keys] }

    public static let opening = Opening(
        [.character("Q")], "a coding query: codes with and, or, not, overlaps, near…; its passages in full")

    public static func open(_ app: State) -> Outcome { .open(QueryScreen(), app) }
    public var isOverlay: Bool { true }
    public var takesText: Bool { true }

    /// The saved queries, or a query's passages (with what it left out, in words).
    public enum Data: Equatable, Sendable {
        case saved([SavedQuery])
        case ran(String, [ReaderPassage], notes: [String])
    }

    public func load(_ app: State) -> [Effect] {
        [Self.reading("saved queries") { .saved(try $0.store.savedQueries()) }]
    }

    public mutating func receive(_ data: Data, _ app: State) -> Outcome {
        switch data {
        case .saved(let saved):
            self.saved = saved
            return .stay
        case .ran(let expression, let passages, let notes):
            var reader = ReaderScreen(title: "Query \(expression)", query: .query(expression))
            reader.passages = passages
            reader.loaded = true
            reader.cursor = ListCursor(count: passages.count)
            // What the query left out (a case whose attribute is not a number) is said.
            let message =
                passages.isEmpty ? "the query selects no passage" : notes.isEmpty ? nil : notes.joined(separator: "; ")
            return Outcome(.push(State.Mode(reader)), message: message)
        }
    }

    public func offers(_ command: Command, _ app: State) -> Bool {
        command == .listDown || command == .listUp ? !saved.isEmpty : true
    }

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        guard case .command(let command) = message else {
            _ = editor.take(message)
            return .stay
        }
        switch command {
        case .submit:
            guard !Name.trimmed(editor.text).isEmpty else {
                return .say("type a query, e.g. Processes/Intuiting and not coder:ana")
            }
            let expression = editor.text
            return Outcome(
                .stay,
                [
                    Self.reading("run \(expression)") { reader in
                        .ran(
                            expression, try PassageData.passages(reader.store, .query(expression)),
                            notes: try QueryEvaluator.notes(expression, on: reader.store))
                    }
                ])
        case .cancel: return .back
        case .complete: return .say(complete(app))
        case .listDown, .listUp:
            guard !saved.isEmpty else { return .say("no saved queries yet: intertwine query save NAME 'EXPR'") }
            list.resize(saved.count)
            if editor.isEmpty || saved.contains(where: { $0.expression == editor.text }) {
                list.move(command == .listDown ? 1 : -1, rows: saved.count)
            }
            editor = LineEditor(saved[list.selected].expression)
            return .say("saved query \(saved[list.selected].name)")
        default:
            _ = editor.take(message)
            return .stay
        }
    }

    /// Completes the code path before the cursor: whole when one code fits, else as
    /// far as the codes that fit agree (and says which they are).
    mutating func complete(_ state: State) -> String? {
        let before = Array(editor.characters[..<editor.cursor])
        // Inside an open quotation the path runs from the quote (spaces included).
        let quoted = before.filter { $0 == "\"" }.count % 2 == 1
        var start = before.count
        if quoted {
            while start > 0, before[start - 1] != "\"" { start -= 1 }
        } else {
            while start > 0, !" ()".contains(before[start - 1]) { start -= 1 }
        }
        let typed = String(before[start...])
        var candidates = state.codebook.codes.map(\.path).filter { $0.lowercased().hasPrefix(typed.lowercased()) }
        // A bare name completes to its code's path: "intu" → Processes/Intuiting.
        if candidates.isEmpty, !typed.isEmpty {
            candidates = state.codebook.codes.filter { $0.name.lowercased().hasPrefix(typed.lowercased()) }.map(\.path)
        }
        guard let first = candidates.first else { return "no code path or name starts with \"\(typed)\"" }
        var common = first
        for candidate in candidates.dropFirst() {
            while !candidate.lowercased().hasPrefix(common.lowercased()) { common.removeLast() }
        }
        let from = quoted ? start - 1 : start
        let done = candidates.count == 1
        // A folder completed gets its "/", to go on to a code below it.
        let folder =
            state.codebook.code(path: common).map { !$0.codable || state.codebook.hasChildren($0.id) } == true
            && candidates.allSatisfy {
                $0.lowercased() == common.lowercased() || $0.lowercased().hasPrefix(common.lowercased() + "/")
            }
        let needsQuotes = common.contains(" ") || quoted
        editor.replaceBeforeCursor(
            from: max(0, from),
            with: (needsQuotes ? "\"" : "") + common + (folder ? "/" : "")
                + (needsQuotes && done && !folder ? "\"" : ""))
        return done
            ? nil
            : "\(candidates.count) codes: " + candidates.prefix(4).joined(separator: ", ")
                + (candidates.count > 4 ? ", …" : "")
    }

    public func draw(_ state: State, into screen: inout ScreenBuffer) {
        let width = min(100, state.width - 4) - 4
        let help = [
            "codes by path (\"quoted\" with spaces) · and · or · not · ( )",
            "A overlaps B · A within B · A near 20 words B · A followed by B within 2 turns · A same turn B",
            "coder:ana · speaker:\"Roger Watson\" · text:~ \"(?i)audit\" · case.employees > 50 · doc.KEY = VALUE",
        ]
        .flatMap { TextWrap.lines($0, width: width) }
        let savedRows = saved.isEmpty ? 1 : 1 + min(6, saved.count)
        let inner = Layout.box(
            title: "Query: the passages it selects", width: width + 4,
            height: min(state.height - 2, 6 + help.count + savedRows), &screen)
        screen.put("›", x: inner.x, y: inner.y, style: .bold)
        screen.cursor = editor.draw(x: inner.x + 2, y: inner.y, width: inner.width - 2, style: .bold, into: &screen)
        for (row, line) in help.enumerated() {
            screen.put(line, x: inner.x, y: inner.y + 2 + row, style: .dim, limit: inner.right)
        }
        let y = inner.y + 3 + help.count
        guard !saved.isEmpty else {
            screen.put(
                "No saved queries (intertwine query save NAME 'EXPR').", x: inner.x, y: y, style: .dim,
                limit: inner.right)
            return
        }
        screen.put("Saved queries (↓ ↑):", x: inner.x, y: y, style: .bold, limit: inner.right)
        for (row, query) in saved.prefix(max(0, inner.bottom - y - 2)).enumerated() {
            let current = query.expression == editor.text
            screen.put(
                "\(query.name): \(query.expression)", x: inner.x + 2, y: y + 1 + row,
                style: Style(bold: current, reverse: current), limit: inner.right)
        }
    }
}
