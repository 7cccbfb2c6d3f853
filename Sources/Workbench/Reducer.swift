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
        case .countsLoaded(let documents, let counts):
            state.documents = documents
            state.projectCounts = counts
            state.countsPending = false
            return []
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
        case .blindLoaded(let on, let done):
            state.blind = on
            state.doneDocuments = done
            return []
        case .serverChanged(let connected):
            let back = state.server == false && connected == true
            state.server = connected
            if connected == false { state.message = "server gone: reconnecting; nothing is saved until it is back" }
            // Back: whatever others wrote meanwhile is read on the next refresh.
            if back { state.message = "server back: saving again" }
            return []
        case .projectLoaded(let documents, let codebook, let counts, let coders, let position):
            state.coders = coders
            state.documents = documents
            state.codebook = codebook
            state.projectCounts = counts
            guard state.document == nil else { return [] }
            // Reopen where this coder left off, else at the first document.
            if let position, documents.contains(where: { $0.name == position.document }) {
                state.pendingCursor = position.offset
                return [.openDocument(position.document)]
            }
            if let first = documents.first { return [.openDocument(first.name)] }
            return []
        case .keepCursor(let offset):
            state.pendingCursor = offset
            return []
        case .documentGone:
            state.document = nil
            state.layout = nil
            state.anchor = nil
            if let first = state.documents.first { return [.openDocument(first.name)] }
            return []
        case .documentLoaded(let document):
            state.document = document
            state.layout = nil
            state.anchor = nil
            state.top = 0
            state.searchMatches = []
            state.cursor = max(0, min(state.pendingCursor ?? document.turns.first?.speechStart ?? 0, max(0, document.text.length - 1)))
            state.pendingCursor = nil
            if let selection = state.pendingSelection {
                state.anchor = selection.start
                state.cursor = max(selection.start, selection.end - 1)
                state.pendingSelection = nil
            }
            state.documentsList = ListCursor(count: state.documents.count, selected: state.documents.firstIndex { $0.name == document.name } ?? 0)
            relayout(&state)
            reveal(&state)
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
            // A review open (or under another screen) shows what is settled now.
            for screen in [state.mode] + state.back {
                if case .review(let review) = screen {
                    effects.append(.loadDisagreements(review.comparison, code: review.code, consensus: state.consensusCoder))
                }
                if case .codebook = screen, !effects.contains(.loadCodebookDetails) { effects.append(.loadCodebookDetails) }
                if case .reader(let reader) = screen, case .change = edit, !effects.contains(.loadPassages(reader.query)) {
                    effects.append(.loadPassages(reader.query))
                }
            }
            if case .change = edit {
                state.updateScreens { mode in
                    guard case .reader(var reader) = mode else { return }
                    reader.loaded = false
                    mode = .reader(reader)
                }
            }
            switch intent {
            case .record:
                state.undoStack.append(edit)
                state.redoStack.removeAll()
                state.message = describe(edit, state)
            case .undo:
                if let undone = state.undoStack.popLast() { state.redoStack.append(undone) }
                state.message = "undone: " + describe(edit, state)
            case .redo:
                if let redone = state.redoStack.popLast() { state.undoStack.append(redone) }
                state.message = "redone: " + describe(edit, state)
            }
            return effects
        case .searchRan(let pattern, let hits):
            state.updateScreens { mode in
                guard case .search(var screen) = mode else { return }
                screen.searched = pattern
                screen.hits = hits
                screen.marked = []
                screen.cursor = ListCursor(count: hits.count)
                screen.editing = hits.isEmpty
                mode = .search(screen)
            }
            return []
        case .memosLoaded(let entries):
            state.updateScreens { mode in
                guard case .memos(var screen) = mode else { return }
                screen.entries = entries
                screen.loaded = true
                screen.cursor.resize(screen.shown.count)
                mode = .memos(screen)
            }
            return []
        case .savedQueriesLoaded(let saved):
            state.updateScreens { mode in
                guard case .query(var screen) = mode else { return }
                screen.saved = saved
                mode = .query(screen)
            }
            return []
        case .queryRan(let expression, let passages):
            guard case .query = state.mode else { return [] }
            var reader = ReaderScreen(title: "Query \(expression)", query: .query(expression))
            reader.passages = passages
            reader.loaded = true
            reader.cursor = ListCursor(count: passages.count)
            state.push(.reader(reader))
            if passages.isEmpty { state.message = "the query selects no passage" }
            return []
        case .codebookDetailsLoaded(let counts, let history):
            let codebook = state.codebook
            let rows = CodebookScreen.rows(state)
            state.updateScreens { mode in
                guard case .codebook(var screen) = mode else { return }
                screen.counts = counts
                screen.history = history
                screen.loaded = true
                screen.list.resize(codebook.codes.count)
                if let path = screen.follow, let code = codebook.code(path: path),
                   let index = codebook.codes.firstIndex(where: { $0.id == code.id }) {
                    screen.list.select(index, rows: rows)
                }
                screen.follow = nil
                mode = .codebook(screen)
            }
            return []
        case .passagesLoaded(let passages):
            let coder = state.coder
            state.updateScreens { mode in
                guard case .reader(var reader) = mode, !reader.loaded else { return }
                reader.passages = passages
                reader.loaded = true
                let count = reader.shown(coder: coder).count
                reader.cursor = ListCursor(count: count, selected: min(reader.cursor.selected, max(0, count - 1)))
                mode = .reader(reader)
            }
            return []
        case .cooccurrenceLoaded(let codes, let pairs):
            state.updateScreens { mode in
                guard case .heatMap(var map) = mode else { return }
                map.codes = codes
                map.pairs = pairs
                map.loaded = true
                // The first cell off the diagonal, or where the cursor was before a reload.
                let row = min(map.cursor.row, max(0, codes.count - 1))
                let column = map.cursor.column == 0 && map.cursor.columns.count == 0 ? 1 : map.cursor.column
                map.cursor = TableCursor(rows: codes.count, columns: codes.count, row: row, column: column)
                mode = .heatMap(map)
            }
            return []
        case .matrixLoaded(let matrix):
            state.updateScreens { mode in
                guard case .matrix(var screen) = mode, screen.folder == matrix.folder else { return }
                screen.matrix = matrix
                screen.fit()
                mode = .matrix(screen)
            }
            return []
        case .flowsLoaded(let flows):
            state.updateScreens { mode in
                guard case .flows(var screen) = mode else { return }
                screen.flows = flows
                screen.loaded = true
                screen.list.resize(flows.count)
                mode = .flows(screen)
            }
            return []
        case .agreementLoaded(let rows, let consensus, let leftOut):
            state.updateScreens { mode in
                guard case .agreement(var table) = mode else { return }
                table.rows = rows
                table.consensus = consensus
                table.leftOut = leftOut
                table.loaded = true
                table.list.resize(rows.count)
                mode = .agreement(table)
            }
            return []
        case .disagreementsLoaded(let items, let consensus):
            state.updateScreens { mode in
                guard case .review(var review) = mode else { return }
                review.items = items
                review.consensus = consensus
                review.loaded = true
                review.index = min(review.index, max(0, items.count - 1))
                mode = .review(review)
            }
            return []
        case .frequenciesLoaded(let rows):
            state.updateScreens { mode in
                guard case .frequencies(var table) = mode else { return }
                table.rows = rows
                table.loaded = true
                mode = .frequencies(table)
            }
            return []
        case .failed(let message), .told(let message):
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
        case .settled(let settlement), .unsettled(let settlement), .why(let settlement, _, _): return [settlement.consensus]
        case .change: return []
        }
    }

    /// What an edit did, for the status bar, in words.
    static func describe(_ edit: State.Edit, _ state: State) -> String {
        switch edit {
        case .moved(let from, let to):
            return moveDescription(from: from.range, to: to.range, code: to.code, state)
        case .memo(let coding, _, let to):
            return to.map { _ in "memo saved on \(coding.code)" } ?? "memo removed from \(coding.code)"
        case .documentMemo(let document, _, _, let to):
            return to.map { _ in "memo saved on \(document)" } ?? "memo removed from \(document)"
        case .added(let codings):
            guard let first = codings.first else { return "nothing coded" }
            return "coded \(Words.count(first.range.length, "character")) as \(first.code)" + (codings.count > 1 ? " (+\(codings.count - 1))" : "")
        case .removed(let codings):
            guard let first = codings.first else { return "nothing removed" }
            return "removed \(first.code) from \(Words.count(first.range.length, "character"))" + (codings.count > 1 ? " (+\(codings.count - 1))" : "")
        case .change(let change, _):
            return change.entry.detail
        case .settled(let settlement):
            return "settled \(settlement.code): \(settlement.kept)" + (settlement.ranges.isEmpty ? "" : ", written as \(settlement.consensus)")
                + " · m why · u undoes"
        case .unsettled(let settlement):
            return "decision on \(settlement.code) removed (\(settlement.kept))"
        case .why(let settlement, _, let to):
            return to.map { _ in "why saved with the decision on \(settlement.code)" } ?? "why removed from the decision on \(settlement.code)"
        }
    }

    /// "start moved 1 word earlier: now “machine. I came in…”"
    static func moveDescription(from: TextRange, to: TextRange, code: String, _ state: State) -> String {
        guard let text = state.document?.text else { return "\(code) moved" }
        func words(_ a: Int, _ b: Int) -> Int {
            text.slice(min(a, b), max(a, b)).split(whereSeparator: { $0.isWhitespace }).count
        }
        let which: String
        if from.start != to.start {
            let n = words(from.start, to.start)
            which = "start moved " + Words.count(n, "word") + (to.start < from.start ? " earlier" : " later")
        } else {
            let n = words(from.end, to.end)
            which = "end moved " + Words.count(n, "word") + (to.end > from.end ? " later" : " earlier")
        }
        // The edge that moved, as much of it as the status bar has room for.
        let room = max(12, min(60, state.width - which.count - code.count - 30))
        let reads: String
        if from.start != to.start {
            reads = text.slice(to.start, min(to.end, to.start + room)) + (to.length > room ? "…" : "")
        } else {
            reads = (to.length > room ? "…" : "") + text.slice(max(to.start, to.end - room), to.end)
        }
        return "\(which): \(code) now reads “\(reads.replacingOccurrences(of: "\n", with: " "))”"
    }

    // MARK: Keys

    static func handle(_ key: Key, _ state: inout State) -> [Effect] {
        let mode = state.mode
        if key == .character("?"), !mode.takesText, mode != .normal, !isHelp(mode) {
            state.push(.help(HelpScreen(for: mode, focus: state.focus)))
            return []
        }
        switch mode {
        case .normal:
            if state.focus == .documents {
                guard let command = KeyBindings.command(for: key, in: KeyBindings.documents) else { return [] }
                return documentsCommand(command, &state)
            }
            if let command = KeyBindings.command(for: key, in: KeyBindings.transcript) {
                return run(command, &state)
            }
            if case .character(let c) = key, let code = state.codebook.code(hotkey: String(c)) {
                return run(.applyHotkey(code.hotkey ?? ""), &state)
            }
            if case .mouse(let event) = key { return mouse(event, &state) }
            return []
        case .picker(var screen): let outcome = screen.handle(key, &state); return state.apply(outcome, updated: .picker(screen))
        case .line(var screen): let outcome = screen.handle(key, &state); return state.apply(outcome, updated: .line(screen))
        case .help(var screen): let outcome = screen.handle(key, &state); return state.apply(outcome, updated: .help(screen))
        case .reader(var screen): let outcome = screen.handle(key, &state); return state.apply(outcome, updated: .reader(screen))
        case .frequencies(var screen): let outcome = screen.handle(key, &state); return state.apply(outcome, updated: .frequencies(screen))
        case .removal(var screen): let outcome = screen.handle(key, &state); return state.apply(outcome, updated: .removal(screen))
        case .memo(var screen): let outcome = screen.handle(key, &state); return state.apply(outcome, updated: .memo(screen))
        case .agreement(var screen): let outcome = screen.handle(key, &state); return state.apply(outcome, updated: .agreement(screen))
        case .review(var screen): let outcome = screen.handle(key, &state); return state.apply(outcome, updated: .review(screen))
        case .heatMap(var screen): let outcome = screen.handle(key, &state); return state.apply(outcome, updated: .heatMap(screen))
        case .matrix(var screen): let outcome = screen.handle(key, &state); return state.apply(outcome, updated: .matrix(screen))
        case .flows(var screen): let outcome = screen.handle(key, &state); return state.apply(outcome, updated: .flows(screen))
        case .summary(var screen): let outcome = screen.handle(key, &state); return state.apply(outcome, updated: .summary(screen))
        case .codebook(var screen): let outcome = screen.handle(key, &state); return state.apply(outcome, updated: .codebook(screen))
        case .query(var screen): let outcome = screen.handle(key, &state); return state.apply(outcome, updated: .query(screen))
        case .search(var screen): let outcome = screen.handle(key, &state); return state.apply(outcome, updated: .search(screen))
        case .memos(var screen): let outcome = screen.handle(key, &state); return state.apply(outcome, updated: .memos(screen))
        }
    }

    static func isHelp(_ mode: State.Mode) -> Bool {
        if case .help = mode { return true }
        return false
    }

    // MARK: Commands

    static func run(_ command: Command, _ state: inout State) -> [Effect] {
        guard state.document != nil || [.quit, .help, .toggleDocuments, .commandLine, .frequencies, .codebookScreen].contains(command) else {
            return []
        }
        switch command {
        case .lineDown, .lineUp, .charLeft, .charRight, .wordForward, .wordBackward, .sentenceForward, .sentenceBackward,
             .turnForward, .turnBackward, .pageDown, .pageUp, .documentStart, .documentEnd, .nextCoded, .previousCoded,
             .nextUncodedTurn, .searchNext, .searchPrevious:
            move(command, &state)
            return []
        case .search:
            state.push(.line(LineScreen(.search)))
        case .startSelection:
            state.anchor = state.anchor == nil ? state.cursor : nil
        case .selectTurn, .selectSentence, .selectParagraph:
            select(command, &state)
        case .playTurn:
            return playTurn(&state)
        case .cancel:
            if state.anchor != nil {
                state.anchor = nil
                return []
            }
            // Editing as the consensus coder: Esc goes back to the review as oneself.
            if state.consensusEdit != nil { return returnFromConsensusEdit(&state) }
        case .applyHotkey(let key):
            guard let code = state.codebook.code(hotkey: key) else { return [] }
            return apply(code.path, &state)
        case .openPicker:
            state.push(.picker(PickerScreen(purpose: .apply)))
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
            state.documentsList = ListCursor(count: state.documents.count, selected: state.documents.firstIndex { $0.name == state.document?.name } ?? 0)
            relayout(&state)
        case .toggleOthers:
            if state.othersWithheld {
                state.message = "blind: others' codings show after :done"
                return []
            }
            state.showOthers.toggle()
            state.message = state.showOthers ? "showing every coder's codings" : "showing only your codings (\(state.coder))"
        case .toggleLineNumbers:
            state.lineNumbers.toggle()
        case .help:
            state.push(.help(HelpScreen(for: state.mode, focus: state.focus)))
        case .retrieve:
            state.push(.picker(PickerScreen(purpose: .retrieve)))
        case .frequencies:
            state.push(.frequencies(FrequencyScreen()))
            return [.loadFrequencies]
        case .queryScreen:
            state.push(.query(QueryScreen()))
            return [.loadSavedQueries]
        case .searchScreen:
            state.push(.search(SearchScreen()))
        case .memoBrowser:
            state.push(.memos(MemoBrowserScreen()))
            return [.loadMemos]
        case .codebookScreen:
            var screen = CodebookScreen()
            screen.list = ListCursor(count: state.codebook.codes.count,
                                     selected: state.lastCode.flatMap { state.codebook.code(path: $0) }.flatMap { code in
                                         state.codebook.codes.firstIndex { $0.id == code.id } } ?? 0)
            state.push(.codebook(screen))
            return [.loadCodebookDetails]
        case .agreement:
            if state.consensusEdit != nil { return returnFromConsensusEdit(&state) }
            return openAgreement(nil, &state)
        case .cooccurrence:
            state.push(.heatMap(HeatMapScreen()))
            return [.loadCooccurrence(byTurn: false)]
        case .matrix:
            let folder = state.codebook.codes.first { $0.name.lowercased() == "knowledge source" && !$0.codable }?.path
                ?? state.codebook.codes.first { !$0.codable }?.path ?? ""
            state.push(.matrix(MatrixScreen(folder: folder)))
            return [.loadMatrix(folder: folder, coders: .study)]
        case .flows:
            state.push(.flows(FlowScreen()))
            return [.loadFlows]
        case .commandLine:
            state.push(.line(LineScreen(.command)))
        case .quit:
            return quit(&state)
        default:
            break
        }
        return []
    }

    /// Quits, keeping where the coder is for next time.
    static func quit(_ state: inout State) -> [Effect] {
        state.quitting = true
        guard let document = state.document else { return [] }
        return [.rememberPosition(coder: state.coder, document: document.name, offset: state.cursor)]
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

extension State.Mode {
    /// Whether keys are typed into a text field here (so `?` is a character).
    var takesText: Bool {
        switch self {
        case .picker, .line, .memo, .summary, .query: return true
        case .search(let screen): return screen.editing
        case .codebook(let screen):
            switch screen.prompt {
            case .add, .rename: return true
            default: return false
            }
        default: return false
        }
    }
}
