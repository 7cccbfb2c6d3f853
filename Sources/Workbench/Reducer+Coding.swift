import CodingEngine

extension Reducer {
    /// Codes the selection, or the current turn when nothing is selected.
    static func apply(_ path: String, _ state: inout State) -> [Effect] {
        guard let document = state.document else { return [] }
        guard let code = state.codebook.code(path: path) else {
            state.message = "no code \(path)"
            return []
        }
        guard code.codable else {
            state.message = "\(code.path) is a folder; choose one of its codes"
            return []
        }
        guard let range = state.selection ?? state.currentTurn?.speech, range.length > 0 else {
            state.message = "select a passage first (v, t, s or p)"
            return []
        }
        let coding = NewCoding(document: document.name, range: range, code: code.path, coder: state.coder)
        if document.codings.contains(where: { $0.coder == state.coder && $0.code == code.path && $0.range == range }) {
            state.message =
                "\(state.coder == state.ownCoder ? "you have" : state.coder + " has") already coded this passage as \(code.path)"
            state.anchor = nil
            return []
        }
        state.anchor = nil
        state.lastCode = code.path
        state.saved = false
        return [.write(.added([coding]), intent: .record)]
    }

    /// Removes the coder's coding under the cursor, or asks which when there are several.
    static func removeUnderCursor(_ state: inout State) -> [Effect] {
        let mine = state.codingsUnderCursor.filter { $0.coder == state.coder }
        switch mine.count {
        case 0:
            state.message =
                state.codingsUnderCursor.isEmpty
                ? "no coding under the cursor" : "only other coders' codings here; yours can be removed"
            return []
        case 1:
            state.saved = false
            return [.write(.removed([snapshot(mine[0])]), intent: .record)]
        default:
            return present(RemovalScreen(candidates: mine), &state)
        }
    }

    static func snapshot(_ coding: Coding) -> NewCoding {
        NewCoding(
            document: coding.document, range: coding.range, code: coding.code, coder: coding.coder, memo: coding.memo)
    }
}

extension Reducer {
    /// The coder's own coding under the cursor, the shortest when several overlap.
    static func ownCodingUnderCursor(_ state: State) -> Coding? {
        state.codingsUnderCursor.filter { $0.coder == state.coder }.min { $0.range.length < $1.range.length }
    }

    /// `range` with a boundary moved by a word (`command` says which and which way), in
    /// `text` whose first scalar is at offset `base`; nil for a command that moves none.
    static func movedByWord(_ range: TextRange, _ command: Command, in text: ScalarText, base: Int = 0) -> TextRange? {
        var range = range
        let limit = base + text.length
        func space(_ i: Int) -> Bool { isSpace(text[i - base]) }
        switch command {
        case .startWordEarlier:
            var i = range.start
            while i > base, space(i - 1) { i -= 1 }
            while i > base, !space(i - 1) { i -= 1 }
            range.start = i
        case .startWordLater:
            var i = range.start
            while i < range.end, !space(i) { i += 1 }
            while i < range.end, space(i) { i += 1 }
            range.start = i
        case .endWordLater:
            var i = range.end
            while i < limit, space(i) { i += 1 }
            while i < limit, !space(i) { i += 1 }
            range.end = i
        case .endWordEarlier:
            var i = range.end
            while i > range.start, !space(i - 1) { i -= 1 }
            while i > range.start, space(i - 1) { i -= 1 }
            range.end = i
        default:
            return nil
        }
        return range
    }

    /// Moves a boundary of the coder's coding under the cursor by a word.
    static func adjust(_ command: Command, _ state: inout State) -> [Effect] {
        guard let document = state.document, let coding = ownCodingUnderCursor(state) else {
            state.message = "put the cursor on one of your codings to adjust it"
            return []
        }
        guard let range = Self.movedByWord(coding.range, command, in: document.text) else { return [] }
        guard range.length > 0, range != coding.range else {
            state.message =
                range.length == 0
                ? "the coding cannot shrink further; x removes it" : "the coding already reaches that far"
            return []
        }
        var moved = snapshot(coding)
        moved.range = range
        state.cursor = max(range.start, min(state.cursor, range.end - 1))
        state.saved = false
        return [.write(.moved(from: snapshot(coding), to: moved), intent: .record)]
    }

    /// Opens the memo editor for the coder's coding under the cursor, else the document.
    static func startMemo(_ state: inout State) -> [Effect] {
        guard let document = state.document else { return [] }
        if let coding = ownCodingUnderCursor(state) {
            return present(MemoScreen(.coding(snapshot(coding)), text: coding.memo), &state)
        }
        return present(MemoScreen(.document(document.name), text: state.documentMemo), &state)
    }
}
