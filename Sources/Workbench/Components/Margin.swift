import CodingEngine

/// The code margin right of the transcript: each code coded on the screen gets a
/// column of its own, the same on every line (codebook order), with a stripe where
/// it codes the line (`┃` one's own, `╏` others'; without colour the code's
/// one-character mark, bold and underlined for one's own); when more codes are on the
/// screen than there are columns, the last column is shared (one code there shows as
/// itself, several as `+`); and where a coding starts, as much of its code's name as
/// fits.
struct Margin {
    let state: State
    let columns: [String]
    let overflow: Bool
    let width: Int
    let labels: CodeLabels

    init(_ state: State, codings: [Coding], lines: [TranscriptLayout.Line], width: Int) {
        self.state = state
        self.width = width
        labels = state.labels
        guard let first = lines.first, let last = lines.last else {
            columns = []
            overflow = false
            return
        }
        let start = first.start, end = max(last.end, last.start + 1)
        let present = Set(codings.filter { $0.start < end && $0.end > start }.map(\.code))
        let ordered = state.codebook.codes.map(\.path).filter { present.contains($0) }
        // Up to four columns, leaving five cells for a name where the gutter is wide.
        let room = width >= 6 ? max(1, min(4, width - 6)) : max(0, width)
        overflow = ordered.count > room
        columns = Array(ordered.prefix(overflow ? max(0, room - 1) : room))
    }

    func colour(of path: String) -> RGB? { state.codebook.code(path: path).flatMap { RGB(hex: $0.color) } }

    func draw(_ codings: [Coding], line: TranscriptLayout.Line, x: Int, y: Int, into screen: inout ScreenBuffer) {
        guard width > 0 else { return }
        var own: [String: Bool] = [:]
        for coding in codings { own[coding.code] = (own[coding.code] ?? false) || coding.coder == state.coder }
        for (column, path) in columns.enumerated() {
            guard let mine = own[path] else { continue }
            if state.colors {
                screen.put(
                    mine ? "┃" : "╏", x: x + column, y: y, style: Style(foreground: colour(of: path), bold: true))
            } else {
                screen.put(
                    labels.mark(path), x: x + column, y: y, style: mine ? Style(bold: true, underline: true) : .dim)
            }
        }
        var used = columns.count
        if overflow {
            // The last column is shared by the codes that have none: one of them shows
            // as itself, several as +.
            let hidden = own.keys.filter { !columns.contains($0) }
            if hidden.count == 1, let path = hidden.first {
                if state.colors {
                    screen.put(
                        own[path] == true ? "┃" : "╏", x: x + used, y: y,
                        style: Style(foreground: colour(of: path), bold: true))
                } else {
                    screen.put(
                        labels.mark(path), x: x + used, y: y,
                        style: own[path] == true ? Style(bold: true, underline: true) : .dim)
                }
            } else if hidden.count > 1 {
                screen.put("+", x: x + used, y: y, style: .dim)
            }
            used += 1
        }
        let room = width - used - 1
        guard room >= 3,
            let starting = codings.first(where: { $0.start >= line.start && $0.start < max(line.end, line.start + 1) }),
            let code = state.codebook.code(path: starting.code)
        else { return }
        // As much of the name as fits; without colour the unique abbreviation leads.
        let name = state.colors ? code.name : labels.abbreviation(code.path) + (room > 6 ? " " + code.name : "")
        screen.put(
            String(name.prefix(room)), x: x + used + 1, y: y,
            style: Style(
                foreground: state.colors ? colour(of: code.path) : nil,
                dim: !state.colors && starting.coder != state.coder),
            limit: x + width)
    }
}
