import CodingEngine

/// The transcript pane: turn (or line) numbers on the left, the wrapped text with
/// speaker labels in bold, coded text underlined, search matches highlighted, the
/// selection and the cursor in reverse video, a ✎ in the gutter where a coding with a
/// memo starts, and on the right one coloured stripe per code on each line with the
/// code's abbreviation where a coding starts.
enum TranscriptView {
    static func draw(_ state: State, _ geometry: Geometry, _ screen: inout ScreenBuffer) {
        let pane = geometry.transcript
        guard let document = state.document, let layout = state.layout else {
            screen.put(
                state.documents.isEmpty
                    ? "No documents yet: import transcripts with `intertwine import`."
                    : "Opening…", x: pane.x + 2, y: pane.y + 1, style: .dim)
            return
        }
        let text = document.text
        let codings = state.visibleCodings
        let selection = state.selection
        let textX = pane.x + Geometry.leftGutter
        let gutterX = textX + geometry.textWidth + 1
        let visibleLines = layout.lines[
            min(state.top, layout.lines.count)..<min(layout.lines.count, state.top + pane.height)]
        let margin = Margin(state, codings: codings, lines: Array(visibleLines), width: pane.right - gutterX)
        let tint = state.colors && state.colorCount >= 256
        for row in 0..<pane.height {
            let index = state.top + row
            let y = pane.y + row
            guard index < layout.lines.count else { break }
            let line = layout.lines[index]
            // Gutter: turn number (or its start time, for subtitles) on a turn's first line,
            // or source line numbers.
            let turn = line.turn.flatMap { t in document.turns.first { $0.index == t } }
            var label: String?
            if state.lineNumbers {
                label = line.sourceLine.map(String.init)
            } else if line.startsTurn {
                label = turn?.startTime.map { ClockTime.text($0, short: true) } ?? line.turn.map(String.init)
            }
            if let label {
                screen.put(label, x: max(pane.x, pane.x + Geometry.leftGutter - 2 - label.count), y: y, style: .dim)
            }
            // Text.
            let onLine = codings.filter { $0.start < max(line.end, line.start + 1) && $0.end > line.start }
            // A coding with a memo is marked where it starts, in the gutter (at every width).
            if let memoed = onLine.first(where: {
                $0.memo != nil && $0.start >= line.start && $0.start < max(line.end, line.start + 1)
            }) {
                screen.put(
                    "✎", x: pane.x + Geometry.leftGutter - 2, y: y, style: memoed.coder == state.coder ? .bold : .dim)
            }
            var x = textX
            for offset in line.start..<line.end {
                guard let shown = layout.shows(offset, in: text) else { continue }
                var style = Style.plain
                if let turn, offset >= turn.start, offset < turn.speechStart { style.bold = true }
                if let coding = onLine.first(where: { $0.start <= offset && offset < $0.end && $0.coder == state.coder }
                )
                    ?? onLine.first(where: { $0.start <= offset && offset < $0.end })
                {
                    style.underline = true
                    if coding.coder != state.coder {
                        style.dim = true
                    } else if tint {
                        // With 256 colours the coder's coded text takes its code's colour.
                        style.foreground = margin.colour(of: coding.code)
                    }
                }
                if state.searchMatches.contains(where: { $0.contains(offset) }) {
                    style.background = RGB(red: 255, green: 215, blue: 0)
                    style.foreground = .black
                }
                if let selection, selection.contains(offset) { style.reverse = true }
                if offset == state.cursor, state.focus == .transcript, state.mode == .normal {
                    style.reverse.toggle()
                    style.bold = true
                    screen.cursor = ScreenBuffer.Point(x: x, y: y)
                }
                x = screen.put(shown.unicodeScalars, x: x, y: y, style: style, limit: textX + geometry.textWidth)
            }
            if state.cursor == line.end, state.cursor < text.length,
                text[state.cursor] == "\n" || line.end == line.start,
                state.mode == .normal, state.focus == .transcript, x < textX + geometry.textWidth
            {
                screen.put(" ", x: x, y: y, style: .reverse)
                screen.cursor = ScreenBuffer.Point(x: x, y: y)
            }
            margin.draw(onLine, line: line, x: gutterX, y: y, into: &screen)
        }
    }
}
