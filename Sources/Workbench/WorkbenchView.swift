import CodingEngine

/// Draws the whole workbench for a state: title bar, panes, overlays, status bar.
/// A pure function of the state, so tests can read every frame.
public enum WorkbenchView {
    public static func render(_ state: State) -> ScreenBuffer {
        var screen = ScreenBuffer(width: state.width, height: state.height)
        let geometry = Geometry(state)
        if geometry.tooSmall {
            let lines = ["The terminal is too small for the workbench.",
                         "Make it at least \(Geometry.minimumWidth)×\(Geometry.minimumHeight) (now \(state.width)×\(state.height)).",
                         "q quits."]
            for (i, line) in lines.enumerated() {
                let y = state.height / 2 - 1 + i
                screen.put(line, x: max(0, (state.width - DisplayWidth.of(line)) / 2), y: y, style: i == 0 ? .bold : .plain)
            }
            return screen
        }
        titleBar(state, &screen)
        if let pane = geometry.documents { SidePanes.documents(state, pane, &screen) }
        TranscriptView.draw(state, geometry, &screen)
        if let pane = geometry.codes { SidePanes.codes(state, pane, &screen) }
        Overlays.draw(state, geometry, &screen)
        statusBar(state, geometry, &screen)
        return screen
    }

    static func titleBar(_ state: State, _ screen: inout ScreenBuffer) {
        screen.fill(x: 0, y: 0, width: screen.width, height: 1, style: .reverse)
        var title = " intertwine · \(state.projectName)"
        if let document = state.document {
            title += " · \(document.caseName) / \(document.name)"
            if let name = document.title { title += " — \(name)" }
            if let memo = document.memo { title += "  ✎ \(memo)" }
        }
        screen.put(title, x: 0, y: 0, style: Style(bold: true, reverse: true))
    }

    static func statusBar(_ state: State, _ geometry: Geometry, _ screen: inout ScreenBuffer) {
        let y = geometry.statusRow
        screen.fill(x: 0, y: y, width: screen.width, height: 1, style: .reverse)
        switch state.mode {
        case .commandLine(let text):
            let end = screen.put(":" + text, x: 0, y: y, style: .reverse)
            screen.cursor = ScreenBuffer.Point(x: min(end, screen.width - 1), y: y)
            return
        case .searchInput(let text):
            let end = screen.put("/" + text, x: 0, y: y, style: .reverse)
            screen.cursor = ScreenBuffer.Point(x: min(end, screen.width - 1), y: y)
            return
        case .memoInput, .rationaleInput, .summaryInput:
            let label: String, text: String
            switch state.mode {
            case .memoInput(.coding(let coding, _), let typed): (label, text) = ("memo on \(coding.code): ", typed)
            case .memoInput(.document(let name, _), let typed): (label, text) = ("memo on \(name): ", typed)
            case .rationaleInput(let coding, let typed, _): (label, text) = ("why \(coding.coder) codes it so: ", typed)
            case .summaryInput(let screen, let typed):
                let cell = screen.matrix.flatMap { m in m.cells.indices.contains(screen.row) && m.cells[screen.row].indices.contains(screen.column) ? m.cells[screen.row][screen.column] : nil }
                (label, text) = ("summary of \(cell?.caseName ?? "") × \(cell?.code.split(separator: "/").last.map(String.init) ?? ""): ", typed)
            default: (label, text) = ("", "")
            }
            let start = screen.put(label, x: 0, y: y, style: Style(bold: true, reverse: true))
            // Show the end of a long memo.
            let room = max(1, screen.width - start - 1)
            let shown = DisplayWidth.of(text) > room ? "…" + String(text.suffix(room - 1)) : text
            let end = screen.put(shown, x: start, y: y, style: .reverse)
            screen.cursor = ScreenBuffer.Point(x: min(end, screen.width - 1), y: y)
            return
        default:
            break
        }
        var left = " \(state.coder) "
        if let document = state.document {
            let turn = state.currentTurn.map { "turn \($0.index)/\(document.turns.count)" } ?? "no turn"
            left += "│ \(turn) "
            if let selection = state.selection { left += "│ \(selection.length) selected " }
        }
        left += "│ " + (state.saved ? "✓ saved" : "saving…") + " "
        var x = screen.put(left, x: 0, y: y, style: Style(bold: true, reverse: true))
        let table: KeyBindings.Table
        switch state.mode {
        case .retrieve: table = KeyBindings.retrieve
        case .frequencies: table = KeyBindings.frequencies
        case .agreement: table = KeyBindings.agreement
        case .review: table = KeyBindings.review
        case .cooccurrence, .matrix, .passages, .flows: table = KeyBindings.analysis
        case .picker, .chooseRemoval, .help: table = KeyBindings.list
        default: table = state.focus == .documents ? KeyBindings.documents : KeyBindings.transcript
        }
        var details = ""
        if geometry.codes == nil, state.mode == .normal, state.focus == .transcript {
            // Without the codes pane, the codings under the cursor go in the status bar.
            details = state.codingsUnderCursor.prefix(3).map { coding in
                "■ \(state.codebook.code(path: coding.code)?.name ?? coding.code)·\(coding.coder)"
            }.joined(separator: " ")
            if !details.isEmpty { details += " │ " }
        }
        let right = state.message ?? details + hotkeyHint(state) + KeyBindings.hints(table)
        x += 1
        screen.put(right, x: x, y: y, style: .reverse)
    }

    /// "1-5 code  " when the codebook has hotkeys.
    static func hotkeyHint(_ state: State) -> String {
        guard state.mode == .normal, state.focus == .transcript else { return "" }
        let keys = state.codebook.codes.compactMap(\.hotkey).sorted()
        guard let first = keys.first, let last = keys.last else { return "" }
        return (first == last ? first : "\(first)-\(last)") + " code  "
    }
}
