import CodingEngine

/// A coding query typed at the keyboard (`Q`): Tab completes the code path being
/// typed, ↓ ↑ bring back a saved query, Enter shows the passages in the reader.
public struct QueryScreen: Equatable, Sendable {
    public var editor = LineEditor()
    public var saved: [SavedQuery] = []
    public var list = ListCursor()

    public init(_ text: String = "") { editor = LineEditor(text) }

    public static let keys = KeyBindings.Table(title: "Query", bindings: [
        .init([.enter, .control("s")], .submit, "run the query: its passages in full", hint: true, word: "run"),
        .init([.tab], .complete, "complete the code path being typed", hint: true, word: "complete"),
        .init([.down], .listDown, "the next saved query", hint: true, word: "saved"),
        .init([.up], .listUp, "the previous saved query"),
        .init([.escape], .cancel, "close", hint: true),
    ])

    mutating func handle(_ key: Key, _ state: inout State) -> Outcome {
        switch KeyBindings.command(for: key, in: Self.keys) {
        case .submit:
            guard !Name.trimmed(editor.text).isEmpty else { state.message = "type a query, e.g. Processes/Intuiting and not coder:ana"; return .stay }
            return Outcome(.stay, [.runQuery(editor.text)])
        case .cancel: return .back
        case .complete: complete(&state)
        case .listDown, .listUp:
            guard !saved.isEmpty else { state.message = "no saved queries yet: intertwine query save NAME 'EXPR'"; return .stay }
            list.resize(saved.count)
            if editor.isEmpty || saved.contains(where: { $0.expression == editor.text }) {
                list.move(KeyBindings.command(for: key, in: Self.keys) == .listDown ? 1 : -1, rows: saved.count)
            }
            editor = LineEditor(saved[list.selected].expression)
            state.message = "saved query \(saved[list.selected].name)"
        default:
            _ = editor.handle(key)
        }
        return .stay
    }

    /// Completes the code path before the cursor: whole when one code fits, else as
    /// far as the codes that fit agree (and says which they are).
    mutating func complete(_ state: inout State) {
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
        guard let first = candidates.first else { state.message = "no code path or name starts with \"\(typed)\""; return }
        var common = first
        for candidate in candidates.dropFirst() {
            while !candidate.lowercased().hasPrefix(common.lowercased()) { common.removeLast() }
        }
        let from = quoted ? start - 1 : start
        let done = candidates.count == 1
        // A folder completed gets its "/", to go on to a code below it.
        let folder = state.codebook.code(path: common).map { !$0.codable || state.codebook.hasChildren($0.id) } == true
            && candidates.allSatisfy { $0.lowercased() == common.lowercased() || $0.lowercased().hasPrefix(common.lowercased() + "/") }
        let needsQuotes = common.contains(" ") || quoted
        editor.replaceBeforeCursor(from: max(0, from), with: (needsQuotes ? "\"" : "") + common + (folder ? "/" : "")
                                       + (needsQuotes && done && !folder ? "\"" : ""))
        state.message = done ? nil : "\(candidates.count) codes: " + candidates.prefix(4).joined(separator: ", ") + (candidates.count > 4 ? ", …" : "")
    }

    func draw(_ state: State, into screen: inout ScreenBuffer) {
        let width = min(100, state.width - 4) - 4
        let help = ["codes by path (\"quoted\" with spaces) · and · or · not · ( )",
                    "A overlaps B · A within B · A near 20 words B · A followed by B within 2 turns · A same turn B",
                    "coder:ana · speaker:\"Roger Watson\" · text:~ \"(?i)audit\" · case.employees > 50 · doc.KEY = VALUE"]
            .flatMap { TextWrap.lines($0, width: width) }
        let savedRows = saved.isEmpty ? 1 : 1 + min(6, saved.count)
        let inner = Layout.box(title: "Query: the passages it selects", width: width + 4,
                               height: min(state.height - 2, 6 + help.count + savedRows), &screen)
        screen.put("›", x: inner.x, y: inner.y, style: .bold)
        screen.cursor = editor.draw(x: inner.x + 2, y: inner.y, width: inner.width - 2, style: .bold, into: &screen)
        for (row, line) in help.enumerated() { screen.put(line, x: inner.x, y: inner.y + 2 + row, style: .dim, limit: inner.right) }
        let y = inner.y + 3 + help.count
        guard !saved.isEmpty else {
            screen.put("No saved queries (intertwine query save NAME 'EXPR').", x: inner.x, y: y, style: .dim, limit: inner.right)
            return
        }
        screen.put("Saved queries (↓ ↑):", x: inner.x, y: y, style: .bold, limit: inner.right)
        for (row, query) in saved.prefix(max(0, inner.bottom - y - 2)).enumerated() {
            let current = query.expression == editor.text
            screen.put("\(query.name): \(query.expression)", x: inner.x + 2, y: y + 1 + row, style: Style(bold: current, reverse: current), limit: inner.right)
        }
    }
}
