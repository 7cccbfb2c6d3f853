import CodingEngine

extension Reducer {
    /// Moves the cursor; with a selection started, movement extends it.
    static func move(_ command: Command, _ state: inout State) {
        guard let document = state.document, let layout = state.layout, document.text.length > 0 else { return }
        let text = document.text
        let last = max(0, text.length - 1)
        var cursor = state.cursor
        switch command {
        case .lineDown, .lineUp:
            let line = layout.lineIndex(of: cursor)
            let target = line + (command == .lineDown ? 1 : -1)
            guard target >= 0, target < layout.lines.count else { return }
            cursor = layout.offset(line: target, column: layout.column(of: cursor, in: text), in: text)
        case .pageDown, .pageUp:
            let rows = max(1, Geometry(state).transcript.height - 1)
            let line = layout.lineIndex(of: cursor)
            let target = max(0, min(layout.lines.count - 1, line + (command == .pageDown ? rows : -rows)))
            cursor = layout.offset(line: target, column: layout.column(of: cursor, in: text), in: text)
            state.top = max(0, min(layout.lines.count - 1, state.top + (command == .pageDown ? rows : -rows)))
        case .charLeft: cursor -= 1
        case .charRight: cursor += 1
        case .wordForward:
            var i = cursor
            while i < text.length, !isSpace(text[i]) { i += 1 }
            while i < text.length, isSpace(text[i]) { i += 1 }
            cursor = i
        case .wordBackward:
            var i = cursor
            while i > 0, isSpace(text[i - 1]) { i -= 1 }
            while i > 0, !isSpace(text[i - 1]) { i -= 1 }
            cursor = i
        case .sentenceForward, .sentenceBackward:
            let sentences = sentencesAround(cursor, in: document)
            if command == .sentenceForward, state.anchor != nil {
                // Extending a selection: to the last character of this sentence (or the
                // next, when the cursor is on it), never into the white space or label after it.
                cursor = sentences.first { $0.end - 1 > cursor }.map { $0.end - 1 } ?? cursor
            } else if command == .sentenceForward {
                cursor = sentences.first { $0.start > cursor }?.start ?? cursor
            } else {
                cursor = sentences.last { $0.start < cursor }?.start ?? cursor
            }
        case .turnForward where state.anchor != nil:
            // Extending a selection: to the last character of the speaker's words in this
            // turn (or the next, when the cursor is there already), never the next label.
            cursor =
                document.turns.first { $0.end > $0.speechStart && $0.end - 1 > cursor }.map { $0.end - 1 } ?? cursor
        case .turnForward:
            cursor = document.turns.first { $0.start > cursor }?.speechStart ?? cursor
        case .turnBackward:
            let current = document.turns.last { $0.start <= cursor }
            if let current, cursor > current.speechStart {
                cursor = current.speechStart
            } else {
                cursor = document.turns.last { $0.start < (current?.start ?? cursor) }?.speechStart ?? cursor
            }
        case .documentStart: cursor = 0
        case .documentEnd: cursor = last
        case .nextCoded:
            guard let next = state.visibleCodings.map(\.start).filter({ $0 > cursor }).min() else {
                state.message = "no coded passage after the cursor"
                return
            }
            cursor = next
        case .previousCoded:
            guard let previous = state.visibleCodings.map(\.start).filter({ $0 < cursor }).max() else {
                state.message = "no coded passage before the cursor"
                return
            }
            cursor = previous
        case .nextUncodedTurn:
            // The next turn of a participant (not the interviewer's questions) with
            // none of the coder's codings.
            let mine = document.codings.filter { $0.coder == state.coder }
            guard
                let turn = document.turns.first(where: { turn in
                    turn.start > cursor && turn.speech.length > 0 && !isInterviewer(turn.speaker, document)
                        && !mine.contains { $0.range.overlaps(turn.speech) }
                })
            else {
                state.message =
                    "every participant's turn after the cursor has \(state.coder == state.ownCoder ? "your" : state.coder + "'s") codings"
                return
            }
            cursor = turn.speechStart
        case .searchNext, .searchPrevious:
            guard !state.searchMatches.isEmpty else {
                state.message = "no search: press / to search"
                return
            }
            let starts = state.searchMatches.map(\.start)
            if command == .searchNext {
                cursor = starts.first { $0 > cursor } ?? starts[0]
            } else {
                cursor = starts.last { $0 < cursor } ?? starts[starts.count - 1]
            }
        default:
            return
        }
        state.cursor = max(0, min(cursor, last))
        switch command {
        case .turnForward, .turnBackward, .nextCoded, .previousCoded, .nextUncodedTurn, .searchNext, .searchPrevious:
            reveal(&state)
        default:
            ensureVisible(&state)
        }
        if command == .searchNext || command == .searchPrevious { state.message = searchPosition(state) }
    }

    /// Whether `speaker` is the interviewer: the document's `interviewer`, else a
    /// speaker called Interviewer, Int, I or Q.
    static func isInterviewer(_ speaker: String?, _ document: OpenDocument) -> Bool {
        guard let speaker = speaker.map({ Name.trimmed($0).lowercased() }) else { return false }
        if let interviewer = document.interviewer.map({ Name.trimmed($0).lowercased() }), !interviewer.isEmpty {
            return speaker == interviewer
        }
        return ["interviewer", "int", "i", "q"].contains(speaker)
    }

    /// The sentences of the turns around `offset` (its turn and its neighbours), so
    /// moving by sentence never scans the whole document.
    static func sentencesAround(_ offset: Int, in document: OpenDocument) -> [TextRange] {
        let turns = document.turns
        guard let index = turns.lastIndex(where: { $0.start <= offset }) ?? (turns.isEmpty ? nil : 0) else {
            return Sentences.sentences(in: document.text, within: TextRange(0, document.text.length))
        }
        return turns[max(0, index - 1)...min(turns.count - 1, index + 1)].flatMap {
            Sentences.sentences(in: document.text, within: $0.speech)
        }
    }

    /// Selects the turn, sentence or paragraph under the cursor.
    static func select(_ command: Command, _ state: inout State) {
        guard let document = state.document else { return }
        let cursor = state.cursor
        var range: TextRange?
        switch command {
        case .selectTurn:
            range = state.currentTurn?.speech
        case .selectSentence:
            range =
                sentencesAround(cursor, in: document).first { $0.start <= cursor && cursor < max($0.end, $0.start + 1) }
                ?? sentencesAround(cursor, in: document).first { $0.start >= cursor }
        case .selectParagraph:
            let text = document.text
            var start = cursor, end = cursor
            while start > 0, !(text[start - 1] == "\n" && start >= 2 && text[start - 2] == "\n") { start -= 1 }
            while end < text.length, !(text[end] == "\n" && end + 1 < text.length && text[end + 1] == "\n") { end += 1 }
            range = TextRange(start, end)
            if let turn = state.currentTurn, turn.speechStart > start, turn.speechStart < end {
                range = TextRange(turn.speechStart, end)
            }
        default:
            break
        }
        guard let range, range.length > 0 else {
            state.message = "nothing to select here"
            return
        }
        state.anchor = range.start
        state.cursor = range.end - 1
        ensureVisible(&state)
    }

    /// Click places the cursor, drag selects, the wheel scrolls.
    static func mouse(_ event: Key.MouseEvent, _ state: inout State) -> [Effect] {
        guard let document = state.document, let layout = state.layout else { return [] }
        let geometry = Geometry(state)
        switch event.kind {
        case .wheelUp, .wheelDown:
            state.top = max(0, min(layout.lines.count - 1, state.top + (event.kind == .wheelDown ? 3 : -3)))
            return []
        case .press, .drag, .release:
            let area = geometry.transcript
            guard event.y >= area.y, event.y < area.bottom, event.x >= area.x + Geometry.leftGutter else { return [] }
            let line = state.top + event.y - area.y
            guard line < layout.lines.count else { return [] }
            let offset = layout.offset(line: line, column: event.x - area.x - Geometry.leftGutter, in: document.text)
            let clamped = max(0, min(offset, document.text.length - 1))
            if event.kind == .press {
                state.anchor = nil
                state.cursor = clamped
            } else {
                if state.anchor == nil, clamped != state.cursor { state.anchor = state.cursor }
                state.cursor = clamped
            }
            return []
        }
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\n" || scalar == "\t" || scalar.properties.isWhitespace
    }
}
