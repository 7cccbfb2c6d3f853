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
            state.message = "you have already coded this passage as \(code.path)"
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
            state.message = state.codingsUnderCursor.isEmpty ? "no coding under the cursor" : "only other coders' codings here; yours can be removed"
            return []
        case 1:
            state.saved = false
            return [.write(.removed([snapshot(mine[0])]), intent: .record)]
        default:
            state.mode = .chooseRemoval(candidates: mine, selected: 0)
            return []
        }
    }

    static func removalCommand(_ command: Command, _ state: inout State) -> [Effect] {
        guard case .chooseRemoval(let candidates, let selected) = state.mode else { return [] }
        switch command {
        case .listDown: state.mode = .chooseRemoval(candidates: candidates, selected: min(candidates.count - 1, selected + 1))
        case .listUp: state.mode = .chooseRemoval(candidates: candidates, selected: max(0, selected - 1))
        case .choose:
            state.mode = .normal
            state.saved = false
            return [.write(.removed([snapshot(candidates[selected])]), intent: .record)]
        case .cancel: state.mode = .normal
        default: break
        }
        return []
    }

    static func snapshot(_ coding: Coding) -> NewCoding {
        NewCoding(document: coding.document, range: coding.range, code: coding.code, coder: coding.coder, memo: coding.memo)
    }

    /// The codable codes whose path or hotkey matches `query`, in codebook order.
    public static func pickerCodes(_ codebook: Codebook, query: String) -> [Code] {
        let needle = query.lowercased().trimmingCharacters(in: .whitespaces)
        return codebook.codes.filter { code in
            code.codable && (needle.isEmpty || code.path.lowercased().contains(needle) || code.hotkey == needle)
        }
    }

    /// Where a code typed into the picker is created: the folder of the last code
    /// applied, else the top of the codebook.
    public static func newCodePath(_ state: State, name: String) -> String {
        let clean = name.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "/", with: "-")
        if let last = state.lastCode, let slash = last.lastIndex(of: "/") { return String(last[..<slash]) + "/" + clean }
        return clean
    }

    static func pickerKey(_ key: Key, _ picker: State.Picker, _ state: inout State) -> [Effect] {
        var picker = picker
        let matches = pickerCodes(state.codebook, query: picker.query)
        switch key {
        case .escape:
            state.mode = .normal
            return []
        case .down, .control("n"):
            picker.selected = min(max(0, matches.count - 1), picker.selected + 1)
        case .up, .control("p"):
            picker.selected = max(0, picker.selected - 1)
        case .backspace:
            picker.query = String(picker.query.dropLast())
            picker.selected = 0
        case .character(let c):
            picker.query.append(c)
            picker.selected = 0
        case .enter:
            state.mode = .normal
            if matches.indices.contains(picker.selected) {
                let path = matches[picker.selected].path
                switch picker.purpose {
                case .apply: return apply(path, &state)
                case .retrieve:
                    state.mode = .retrieve(State.Retrieval(code: path))
                    return [.retrieve(code: path)]
                }
            }
            guard picker.purpose == .apply, !picker.query.trimmingCharacters(in: .whitespaces).isEmpty,
                  let document = state.document, let range = state.selection ?? state.currentTurn?.speech else { return [] }
            let path = newCodePath(state, name: picker.query)
            state.anchor = nil
            state.lastCode = path
            state.saved = false
            return [.createCode(path: path, then: NewCoding(document: document.name, range: range, code: path, coder: state.coder))]
        default:
            return []
        }
        state.mode = .picker(picker)
        return []
    }
}

extension Reducer {
    /// The coder's own coding under the cursor, the shortest when several overlap.
    static func ownCodingUnderCursor(_ state: State) -> Coding? {
        state.codingsUnderCursor.filter { $0.coder == state.coder }.min { $0.range.length < $1.range.length }
    }

    /// Moves a boundary of the coder's coding under the cursor by a word.
    static func adjust(_ command: Command, _ state: inout State) -> [Effect] {
        guard let document = state.document, let coding = ownCodingUnderCursor(state) else {
            state.message = "put the cursor on one of your codings to adjust it"
            return []
        }
        let text = document.text
        var range = coding.range
        switch command {
        case .startWordEarlier:
            var i = range.start
            while i > 0, isSpace(text[i - 1]) { i -= 1 }
            while i > 0, !isSpace(text[i - 1]) { i -= 1 }
            range.start = i
        case .startWordLater:
            var i = range.start
            while i < range.end, !isSpace(text[i]) { i += 1 }
            while i < range.end, isSpace(text[i]) { i += 1 }
            range.start = i
        case .endWordLater:
            var i = range.end
            while i < text.length, isSpace(text[i]) { i += 1 }
            while i < text.length, !isSpace(text[i]) { i += 1 }
            range.end = i
        case .endWordEarlier:
            var i = range.end
            while i > range.start, !isSpace(text[i - 1]) { i -= 1 }
            while i > range.start, isSpace(text[i - 1]) { i -= 1 }
            range.end = i
        default:
            return []
        }
        guard range.length > 0, range != coding.range else {
            state.message = "the coding cannot shrink further; x removes it"
            return []
        }
        var moved = snapshot(coding)
        moved.range = range
        state.cursor = max(range.start, min(state.cursor, range.end - 1))
        state.saved = false
        return [.write(.moved(from: snapshot(coding), to: moved), intent: .record)]
    }

    /// Opens the memo line for the coder's coding under the cursor, else the document.
    static func startMemo(_ state: inout State) -> [Effect] {
        guard let document = state.document else { return [] }
        if let coding = ownCodingUnderCursor(state) {
            state.mode = .memoInput(.coding(snapshot(coding), previous: coding.memo), coding.memo ?? "")
        } else {
            let previous = state.documentMemo
            state.mode = .memoInput(.document(document.name, previous: previous), previous ?? "")
        }
        return []
    }

    static func saveMemo(_ target: State.MemoTarget, _ text: String, _ state: inout State) -> [Effect] {
        let new: String? = text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : text
        switch target {
        case .coding(let coding, let previous):
            guard new != previous else { return [] }
            state.saved = false
            return [.write(.memo(coding, from: previous, to: new), intent: .record)]
        case .document(let name, let previous):
            guard new != previous else { return [] }
            state.saved = false
            return [.write(.documentMemo(document: name, coder: state.coder, from: previous, to: new), intent: .record)]
        }
    }
}
