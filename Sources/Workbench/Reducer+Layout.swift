import CodingEngine

/// The transcript's layout and scrolling.
extension Reducer {
    /// Recomputes the transcript's layout when the width changed, and keeps the
    /// cursor on screen.
    static func relayout(_ state: inout State) {
        guard let document = state.document else { return }
        let geometry = Geometry(state)
        if state.layout?.width != geometry.textWidth || state.layout == nil {
            // With `:pseudonyms on`, each real name is laid out as its pseudonym.
            let pseudonymised = state.pseudonyms.map { $0.pseudonymise(document.text.slice(0, document.text.length)) }
            state.layout = TranscriptLayout(
                text: document.text, turns: document.turns, width: geometry.textWidth, pseudonymised: pseudonymised)
        }
        ensureVisible(&state)
    }

    /// Shows the text with `pseudonyms` (nil: the real names), laying the transcript out again.
    static func showPseudonyms(_ pseudonyms: Pseudonymiser?, _ state: inout State) {
        state.pseudonyms = pseudonyms
        state.layout = nil
        relayout(&state)
    }

    /// Scrolls so that the cursor's line is on screen.
    static func ensureVisible(_ state: inout State) {
        guard let layout = state.layout else { return }
        let rows = max(1, Geometry(state).transcript.height)
        let line = layout.lineIndex(of: state.cursor)
        if line < state.top { state.top = line }
        if line >= state.top + rows { state.top = line - rows + 1 }
        state.top = max(0, min(state.top, max(0, layout.lines.count - 1)))
    }

    /// After a jump (a turn, a search hit, a coded passage, a passage from a screen):
    /// scrolls so that the place landed on starts in the upper third of the pane (a
    /// quarter of the way down), unless it is there already, so that what follows it
    /// is on screen.
    static func reveal(_ state: inout State) {
        guard let layout = state.layout else { return }
        let rows = max(1, Geometry(state).transcript.height)
        let line = layout.lineIndex(of: state.cursor)
        if line < state.top || line > state.top + rows / 3 {
            state.top = max(0, min(line - rows / 4, max(0, layout.lines.count - rows)))
        }
        ensureVisible(&state)
    }
}
