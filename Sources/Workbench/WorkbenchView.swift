import CodingEngine

/// Draws the whole workbench for a state: title bar, panes, the screens open over
/// them, status bar. A pure function of the state, so tests can read every frame.
public enum WorkbenchView {
    public static func render(_ state: State) -> ScreenBuffer {
        var screen = ScreenBuffer(width: state.width, height: state.height)
        screen.pseudonymiser = state.pseudonyms
        let geometry = Geometry(state)
        if geometry.tooSmall {
            let lines = [
                "The terminal is too small for the workbench.",
                "Make it at least \(Geometry.minimumWidth)×\(Geometry.minimumHeight) (now \(state.width)×\(state.height)).",
                "q quits.",
            ]
            for (i, line) in lines.enumerated() {
                let y = state.height / 2 - 1 + i
                screen.put(
                    line, x: max(0, (state.width - DisplayWidth.of(line)) / 2), y: y, style: i == 0 ? .bold : .plain)
            }
            return screen
        }
        titleBar(state, &screen)
        if let pane = geometry.documents { SidePanes.documents(state, pane, &screen) }
        TranscriptView.draw(state, geometry, &screen)
        if let pane = geometry.codes { SidePanes.codes(state, pane, &screen) }
        statusBar(state, geometry, &screen)
        // The screens: from the last one that fills the body, up to the one shown.
        let stack = state.back + [state.mode]
        let first = stack.lastIndex { !$0.isOverlay && $0 != .normal } ?? 0
        for mode in stack[first...] { draw(mode, state, &screen) }
        return screen
    }

    static func draw(_ mode: State.Mode, _ state: State, _ screen: inout ScreenBuffer) {
        mode.screen?.draw(state, into: &screen)
    }

    static func titleBar(_ state: State, _ screen: inout ScreenBuffer) {
        screen.fill(x: 0, y: 0, width: screen.width, height: 1, style: .reverse)
        var title = " intertwine · \(state.projectName)"
        if let document = state.document {
            title += " · \(document.caseName) / \(document.name)"
            if let name = document.title { title += " — \(name)" }
            if let memo = document.memo { title += "  ✎ \(memo.replacingOccurrences(of: "\n", with: " "))" }
        }
        screen.put(title, x: 0, y: 0, style: Style(bold: true, reverse: true))
    }

    /// Who is coding, where, whether it is saved, then the last message or the hints
    /// of the screen shown (from its key table).
    static func statusBar(_ state: State, _ geometry: Geometry, _ screen: inout ScreenBuffer) {
        let y = geometry.statusRow
        screen.fill(x: 0, y: y, width: screen.width, height: 1, style: .reverse)
        var x = 0
        if state.coder != state.ownCoder {
            // Coding as someone else must be impossible to miss.
            let warning =
                state.consensusEdit != nil
                ? " ⚠ coding as \(state.coder) · Esc returns " : " ⚠ coding as \(state.coder) "
            x = screen.put(
                warning, x: 0, y: y,
                style: Style(foreground: .white, background: RGB(red: 200, green: 30, blue: 30), bold: true))
        } else {
            x = screen.put(" \(state.coder) ", x: 0, y: y, style: Style(bold: true, reverse: true))
        }
        var left = ""
        if let document = state.document {
            let turn = state.currentTurn.map { "turn \($0.index)/\(document.turns.count)" } ?? "no turn"
            left += "│ \(turn) "
            if let selection = state.selection { left += "│ \(selection.length) selected " }
        }
        // Blind coding: whether the others' codings of this document are withheld.
        if state.blind { left += state.othersWithheld ? "│ blind " : "│ blind: done " }
        if state.pseudonyms != nil { left += "│ pseudonyms " }
        if state.server == false {
            // A team project without its server: nothing can be saved, which must show.
            x = screen.put(left + "│", x: x, y: y, style: Style(bold: true, reverse: true))
            left = ""
            x = screen.put(
                " ⚠ server gone: not saving ", x: x, y: y,
                style: Style(foreground: .white, background: RGB(red: 200, green: 30, blue: 30), bold: true))
        } else {
            if state.server == true { left += "│ team " }
            left += "│ " + (state.saved ? "✓ saved" : "saving…") + " "
        }
        x = screen.put(left, x: x, y: y, style: Style(bold: true, reverse: true))
        var details = ""
        if geometry.codes == nil, state.mode == .normal, state.focus == .transcript {
            // Without the codes pane, the codings under the cursor go in the status bar.
            let under = state.codingsUnderCursor
            let more = under.count > 3 ? " +\(under.count - 3)" : ""
            details =
                under.prefix(3).map { coding in
                    "■ \(state.codebook.code(path: coding.code)?.name ?? coding.code)·\(coding.coder)"
                }.joined(separator: " ") + more
            if DisplayWidth.of(details) > state.width / 2 {
                // Too long for the bar: the codes' short names.
                let labels = state.labels
                details =
                    under.prefix(3).map { "■ \(labels.abbreviation($0.code))·\($0.coder)" }.joined(separator: " ")
                    + more
            }
            if !details.isEmpty { details += " │ " }
        }
        let hints = KeyBindings.hints(KeyBindings.hinted(state))
        let right = state.message ?? details + hotkeyHint(state) + hints
        screen.put(right, x: x + 1, y: y, style: .reverse)
    }

    /// "1-5 code  " when the codebook has hotkeys.
    static func hotkeyHint(_ state: State) -> String {
        guard state.mode == .normal, state.focus == .transcript else { return "" }
        let keys = state.codebook.codes.compactMap(\.hotkey).sorted()
        guard let first = keys.first, let last = keys.last else { return "" }
        return (first == last ? first : "\(first)-\(last)") + " code  "
    }
}
