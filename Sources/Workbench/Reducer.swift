import CodingEngine

/// The workbench's reducer: `reduce(&state, action)` changes the state and returns
/// the effects (writes, loads) for the runtime to carry out. It does no I/O.
public enum Reducer {
    public static func reduce(_ state: inout State, _ action: Action) -> [Effect] {
        switch action {
        case .key(let key):
            state.message = nil
            return handle(key, &state)
        case .command(let command):
            return run(command, &state)
        case .tick:
            return [.refreshIfChanged]
        case .refreshed(let codings, let documents, let codebook, let counts, let coders):
            state.document?.codings = codings
            state.documents = documents
            state.codebook = codebook
            state.projectCounts = counts
            state.coders = coders
            return []
        case .resize(let width, let height):
            state.width = width
            state.height = height
            relayout(&state)
            return []
        case .projectLoaded(let documents, let codebook, let counts, let coders):
            state.coders = coders
            state.documents = documents
            state.codebook = codebook
            state.projectCounts = counts
            if state.document == nil, let first = documents.first { return [.openDocument(first.name)] }
            return []
        case .documentLoaded(let document):
            state.document = document
            state.layout = nil
            state.anchor = nil
            state.top = 0
            state.searchMatches = []
            state.cursor = state.pendingCursor ?? document.turns.first?.speechStart ?? 0
            state.pendingCursor = nil
            if let selection = state.pendingSelection {
                state.anchor = selection.start
                state.cursor = max(selection.start, selection.end - 1)
                state.pendingSelection = nil
            }
            state.documentsCursor = state.documents.firstIndex { $0.name == document.name } ?? 0
            relayout(&state)
            return []
        case .written(let edit, let intent, let codings, let memo, let documents, let codebook, let counts):
            state.document?.codings = codings
            state.document?.memo = memo
            state.documents = documents
            state.codebook = codebook
            state.projectCounts = counts
            state.saved = true
            for name in Self.coders(of: edit) where !state.coders.contains(name) { state.coders.append(name) }
            var effects: [Effect] = []
            if case .review(let review) = state.mode {
                effects.append(.loadDisagreements(coders: review.coders, code: review.code, consensus: state.consensusCoder))
            }
            switch intent {
            case .record:
                state.undoStack.append(edit)
                state.redoStack.removeAll()
                state.message = describe(edit)
            case .undo:
                if let undone = state.undoStack.popLast() { state.redoStack.append(undone) }
                state.message = "undone: " + describe(edit)
            case .redo:
                if let redone = state.redoStack.popLast() { state.undoStack.append(redone) }
                state.message = "redone: " + describe(edit)
            }
            return effects
        case .retrieved(let passages):
            if case .retrieve(var retrieval) = state.mode {
                retrieval.passages = passages
                retrieval.selected = 0
                state.mode = .retrieve(retrieval)
            }
            return []
        case .cooccurrenceLoaded(let codes, let pairs):
            if case .cooccurrence(var map) = state.mode {
                map.codes = codes
                map.pairs = pairs
                map.loaded = true
                map.row = min(map.row, max(0, codes.count - 1))
                map.column = min(map.column, max(0, codes.count - 1))
                state.mode = .cooccurrence(map)
            }
            return []
        case .matrixLoaded(let matrix):
            switch state.mode {
            case .matrix(var screen):
                screen.matrix = matrix
                state.mode = .matrix(screen)
            case .summaryInput(var screen, let text):
                screen.matrix = matrix
                state.mode = .summaryInput(screen, text)
            default: break
            }
            return []
        case .flowsLoaded(let flows):
            if case .flows(var screen) = state.mode {
                screen.flows = flows
                screen.loaded = true
                state.mode = .flows(screen)
            }
            return []
        case .agreementLoaded(let rows):
            if case .agreement(var table) = state.mode {
                table.rows = rows
                table.loaded = true
                table.selected = min(table.selected, max(0, rows.count - 1))
                state.mode = .agreement(table)
            }
            return []
        case .disagreementsLoaded(let items):
            if case .review(var review) = state.mode {
                review.items = items
                review.loaded = true
                review.index = min(review.index, max(0, items.count - 1))
                state.mode = .review(review)
            }
            return []
        case .frequenciesLoaded(let rows):
            if case .frequencies(var table) = state.mode {
                table.rows = rows
                state.mode = .frequencies(table)
            }
            return []
        case .failed(let message):
            state.message = message
            state.saved = true
            return []
        }
    }

    /// The coders an edit wrote for.
    static func coders(of edit: State.Edit) -> [String] {
        switch edit {
        case .added(let codings), .removed(let codings): return codings.map(\.coder)
        case .moved(_, let to): return [to.coder]
        case .memo(let coding, _, _): return [coding.coder]
        case .documentMemo(_, let coder, _, _): return [coder]
        }
    }

    /// What an edit did, for the status bar.
    static func describe(_ edit: State.Edit) -> String {
        switch edit {
        case .moved(_, let to):
            return "\(to.code) now covers [\(to.range.start), \(to.range.end))"
        case .memo(let coding, _, let to):
            return to.map { _ in "memo saved on \(coding.code)" } ?? "memo removed from \(coding.code)"
        case .documentMemo(let document, _, _, let to):
            return to.map { _ in "memo saved on \(document)" } ?? "memo removed from \(document)"
        case .added(let codings):
            guard let first = codings.first else { return "nothing coded" }
            return "coded \(first.range.length) characters as \(first.code)" + (codings.count > 1 ? " (+\(codings.count - 1))" : "")
        case .removed(let codings):
            guard let first = codings.first else { return "nothing removed" }
            return "removed \(first.code) from \(first.range.length) characters" + (codings.count > 1 ? " (+\(codings.count - 1))" : "")
        }
    }

    // MARK: Keys

    static func handle(_ key: Key, _ state: inout State) -> [Effect] {
        switch state.mode {
        case .picker(let picker):
            return pickerKey(key, picker, &state)
        case .commandLine(let text):
            return textInput(key, text, &state, submit: runCommandLine, wrap: { .commandLine($0) })
        case .searchInput(let text):
            return textInput(key, text, &state, submit: runSearch, wrap: { .searchInput($0) })
        case .memoInput(let target, let text):
            return textInput(key, text, &state, submit: { saveMemo(target, $0, &$1) }, wrap: { .memoInput(target, $0) })
        case .help(let scroll):
            switch key {
            case .escape, .character("q"), .character("?"): state.mode = .normal
            case .down, .character("j"): state.mode = .help(scroll: scroll + 1)
            case .up, .character("k"): state.mode = .help(scroll: max(0, scroll - 1))
            case .pageDown, .character(" "): state.mode = .help(scroll: scroll + max(1, state.height - 4))
            case .pageUp: state.mode = .help(scroll: max(0, scroll - max(1, state.height - 4)))
            default: break
            }
            return []
        case .retrieve:
            guard let command = KeyBindings.command(for: key, in: KeyBindings.list) ?? KeyBindings.command(for: key, in: KeyBindings.retrieve) else { return [] }
            return retrieveCommand(command, &state)
        case .frequencies:
            guard let command = KeyBindings.command(for: key, in: KeyBindings.list) ?? KeyBindings.command(for: key, in: KeyBindings.frequencies) else { return [] }
            return frequencyCommand(command, &state)
        case .cooccurrence, .matrix, .flows:
            return analysisKey(key, &state)
        case .passages(let list):
            return passagesKey(key, list, &state)
        case .summaryInput(let screen, let text):
            return textInput(key, text, &state, submit: { text, state in
                guard let matrix = screen.matrix, matrix.cells.indices.contains(screen.row),
                      matrix.cells[screen.row].indices.contains(screen.column) else { return [] }
                let cell = matrix.cells[screen.row][screen.column]
                state.mode = .matrix(screen)
                return [.saveCellSummary(folder: screen.folder, caseName: cell.caseName, code: cell.code, text: text.isEmpty ? nil : text)]
            }, wrap: { .summaryInput(screen, $0) })
        case .agreement:
            guard let command = KeyBindings.command(for: key, in: KeyBindings.list) ?? KeyBindings.command(for: key, in: KeyBindings.agreement) else { return [] }
            return agreementCommand(command, &state)
        case .review:
            guard let command = KeyBindings.command(for: key, in: KeyBindings.review) else { return [] }
            return reviewCommand(command, &state)
        case .rationaleInput(let coding, let text, let review):
            let effects = textInput(key, text, &state, submit: { text, state in
                guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
                state.saved = false
                return [.write(.memo(coding, from: coding.memo, to: text), intent: .record)]
            }, wrap: { .rationaleInput(coding, $0, review: review) })
            if state.mode == .normal { state.mode = .review(review) }
            return effects
        case .chooseRemoval:
            guard let command = KeyBindings.command(for: key, in: KeyBindings.list)
                ?? (key == .character("j") ? .listDown : key == .character("k") ? .listUp : nil) else { return [] }
            return removalCommand(command, &state)
        case .normal:
            if state.focus == .documents {
                guard let command = KeyBindings.command(for: key, in: KeyBindings.documents) else { return [] }
                return documentsCommand(command, &state)
            }
            if let command = KeyBindings.command(for: key, in: KeyBindings.transcript) {
                return run(command, &state)
            }
            if case .character(let c) = key, let code = state.codebook.codes.first(where: { $0.hotkey == String(c) }) {
                return run(.applyHotkey(code.hotkey ?? ""), &state)
            }
            if case .mouse(let event) = key { return mouse(event, &state) }
            return []
        }
    }

    /// Typing into a one-line input (command line, search).
    static func textInput(_ key: Key, _ text: String, _ state: inout State,
                          submit: (String, inout State) -> [Effect], wrap: (String) -> State.Mode) -> [Effect] {
        switch key {
        case .escape:
            state.mode = .normal
        case .enter:
            state.mode = .normal
            return submit(text, &state)
        case .backspace:
            if text.isEmpty { state.mode = .normal } else { state.mode = wrap(String(text.dropLast())) }
        case .character(let c):
            state.mode = wrap(text + String(c))
        default:
            break
        }
        return []
    }

    // MARK: Commands

    static func run(_ command: Command, _ state: inout State) -> [Effect] {
        guard state.document != nil || [.quit, .help, .toggleDocuments, .commandLine, .frequencies].contains(command) else {
            return []
        }
        switch command {
        case .lineDown, .lineUp, .charLeft, .charRight, .wordForward, .wordBackward, .sentenceForward, .sentenceBackward,
             .turnForward, .turnBackward, .pageDown, .pageUp, .documentStart, .documentEnd, .nextCoded, .previousCoded,
             .nextUncodedTurn, .searchNext, .searchPrevious:
            move(command, &state)
            return []
        case .search:
            state.mode = .searchInput("")
        case .startSelection:
            state.anchor = state.anchor == nil ? state.cursor : nil
        case .selectTurn, .selectSentence, .selectParagraph:
            select(command, &state)
        case .cancel:
            state.anchor = nil
            state.message = nil
        case .applyHotkey(let key):
            guard let code = state.codebook.codes.first(where: { $0.hotkey == key }) else { return [] }
            return apply(code.path, &state)
        case .openPicker:
            state.mode = .picker(State.Picker(purpose: .apply))
        case .repeatLastCode:
            guard let last = state.lastCode else {
                state.message = "no code applied yet: use a hotkey or c"
                return []
            }
            return apply(last, &state)
        case .removeCoding:
            return removeUnderCursor(&state)
        case .editMemo:
            return startMemo(&state)
        case .startWordEarlier, .startWordLater, .endWordEarlier, .endWordLater:
            return adjust(command, &state)
        case .undo:
            guard let edit = state.undoStack.last else {
                state.message = "nothing to undo"
                return []
            }
            state.saved = false
            return [.write(edit.inverse, intent: .undo)]
        case .redo:
            guard let edit = state.redoStack.last else {
                state.message = "nothing to redo"
                return []
            }
            state.saved = false
            return [.write(edit, intent: .redo)]
        case .toggleDocuments:
            state.showDocuments = true
            state.focus = .documents
            state.documentsCursor = state.documents.firstIndex { $0.name == state.document?.name } ?? 0
            relayout(&state)
        case .toggleOthers:
            state.showOthers.toggle()
            state.message = state.showOthers ? "showing every coder's codings" : "showing only \(state.coder)'s codings"
        case .toggleLineNumbers:
            state.lineNumbers.toggle()
        case .help:
            state.mode = .help(scroll: 0)
        case .retrieve:
            state.mode = .picker(State.Picker(purpose: .retrieve))
        case .frequencies:
            state.mode = .frequencies(State.FrequencyTable())
            return [.loadFrequencies]
        case .agreement:
            return openAgreement(nil, &state)
        case .cooccurrence:
            state.mode = .cooccurrence(State.HeatMap())
            return [.loadCooccurrence(byTurn: false)]
        case .matrix:
            let folder = state.codebook.codes.first { $0.name.lowercased() == "knowledge source" && !$0.codable }?.path
                ?? state.codebook.codes.first { !$0.codable }?.path ?? ""
            state.mode = .matrix(State.MatrixScreen(folder: folder))
            return [.loadMatrix(folder: folder)]
        case .flows:
            state.mode = .flows(State.FlowScreen())
            return [.loadFlows]
        case .commandLine:
            state.mode = .commandLine("")
        case .quit:
            state.quitting = true
        case .listDown, .listUp, .listPageDown, .listPageUp, .choose, .toggleCoverage, .cycleCaseFilter,
             .acceptA, .acceptB, .acceptUnion, .acceptIntersection, .editConsensus, .nextItem, .previousItem, .rationale:
            break
        }
        return []
    }

    /// Recomputes the transcript's layout when the width changed, and keeps the
    /// cursor on screen.
    static func relayout(_ state: inout State) {
        guard let document = state.document else { return }
        let geometry = Geometry(state)
        if state.layout?.width != geometry.textWidth || state.layout == nil {
            state.layout = TranscriptLayout(text: document.text, turns: document.turns, width: geometry.textWidth)
        }
        ensureVisible(&state)
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
}
