import CodingEngine

/// The code margin right of the transcript: each code coded on the screen gets a
/// column of its own, the same on every line (codebook order), with a stripe where
/// it codes the line (`┃` one's own, `╏` another person's, `┆` only an AI assistant's
/// proposals; without colour the code's
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

    /// Whose codings a stripe stands for, least first.
    enum Whose: Int, Comparable {
        case assistant, person, mine
        static func < (a: Whose, b: Whose) -> Bool { a.rawValue < b.rawValue }
    }

    /// One code's stripe on a line.
    private func stripe(_ path: String, _ whose: Whose, x: Int, y: Int, into screen: inout ScreenBuffer) {
        if state.colors {
            let mark = whose == .mine ? "┃" : whose == .person ? "╏" : "┆"
            screen.put(mark, x: x, y: y, style: Style(foreground: colour(of: path), bold: whose != .assistant))
        } else {
            screen.put(labels.mark(path), x: x, y: y, style: whose == .mine ? Style(bold: true, underline: true) : .dim)
        }
    }

    func draw(_ codings: [Coding], line: TranscriptLayout.Line, x: Int, y: Int, into screen: inout ScreenBuffer) {
        guard width > 0 else { return }
        // Whose codings of each code are on the line: one's own outrank another person's,
        // which outrank an assistant's.
        var own: [String: Whose] = [:]
        for coding in codings {
            let whose: Whose =
                coding.coder == state.coder ? .mine : Assistant.isAssistant(coding.coder) ? .assistant : .person
            own[coding.code] = max(own[coding.code] ?? whose, whose)
        }
        for (column, path) in columns.enumerated() {
            guard let whose = own[path] else { continue }
            stripe(path, whose, x: x + column, y: y, into: &screen)
        }
        var used = columns.count
        if overflow {
            // The last column is shared by the codes that have none: one of them shows
            // as itself, several as +.
            let hidden = own.keys.filter { !columns.contains($0) }
            if hidden.count == 1, let path = hidden.first, let whose = own[path] {
                stripe(path, whose, x: x + used, y: y, into: &screen)
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
