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
            state.cursor = max(
                0, min(state.pendingCursor ?? document.turns.first?.speechStart ?? 0, max(0, document.text.length - 1)))
            state.pendingCursor = nil
            if let selection = state.pendingSelection {
                state.anchor = selection.start
                state.cursor = max(selection.start, selection.end - 1)
                state.pendingSelection = nil
            }
            state.documentsList = ListCursor(
                count: state.documents.count, selected: state.documents.firstIndex { $0.name == document.name } ?? 0)
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
            // Each open screen reads again what the write may have changed.
            var effects: [Effect] = []
            let app = state
            state.updateScreens { mode in
                guard var screen = mode.screen else { return }
                for effect in screen.written(edit, app) where !effects.contains(effect) { effects.append(effect) }
                mode = State.Mode(screen)
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
        case .loaded(let answer):
            return deliver(answer, &state)
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
        case .settled(let settlement), .unsettled(let settlement), .why(let settlement, _, _):
            return [settlement.consensus]
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
            return "coded \(Words.count(first.range.length, "character")) as \(first.code)"
                + (codings.count > 1 ? " (+\(codings.count - 1))" : "")
        case .removed(let codings):
            guard let first = codings.first else { return "nothing removed" }
            return "removed \(first.code) from \(Words.count(first.range.length, "character"))"
                + (codings.count > 1 ? " (+\(codings.count - 1))" : "")
        case .change(let change, _):
            return change.entry.detail
        case .settled(let settlement):
            return "settled \(settlement.code): \(settlement.kept)"
                + (settlement.ranges.isEmpty ? "" : ", written as \(settlement.consensus)")
                + " · m why · u undoes"
        case .unsettled(let settlement):
            return "decision on \(settlement.code) removed (\(settlement.kept))"
        case .why(let settlement, _, let to):
            return to.map { _ in "why saved with the decision on \(settlement.code)" }
                ?? "why removed from the decision on \(settlement.code)"
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
        // Keys that work everywhere (Ctrl-C quits, even in a field).
        if let command = KeyBindings.command(for: key, in: KeyBindings.everywhere) { return run(command, &state) }
        guard var screen = state.mode.screen else { return transcriptKey(key, &state) }
        let command = KeyBindings.command(for: key, in: screen.keyTables)
        switch command {
        case .help:
            state.push(State.Mode(HelpScreen(for: state.mode, focus: state.focus)))
            return []
        case .undo, .redo:
            return run(command ?? .undo, &state)
        default:
            let outcome = screen.update(command.map(ScreenMessage.command) ?? .key(key), state)
            return apply(outcome, updated: State.Mode(screen), &state)
        }
    }

    /// A key in the transcript or the documents pane (no screen over them).
    static func transcriptKey(_ key: Key, _ state: inout State) -> [Effect] {
        if state.focus == .documents {
            guard let command = KeyBindings.command(for: key, in: KeyBindings.documents) else { return [] }
            return documentsCommand(command, &state)
        }
        if let command = KeyBindings.command(
            for: key, in: [KeyBindings.transcript, KeyBindings.hotkeys(state.codebook)])
        {
            return run(command, &state)
        }
        // A mouse event is a place on the screen, not a key of a table.
        if case .mouse(let event) = key { return mouse(event, &state) }
        return []
    }

    /// Carries out what a screen answered; `updated` is the screen as it left itself.
    static func apply(_ outcome: Outcome, updated: State.Mode, _ state: inout State) -> [Effect] {
        // The screens as they were, for a request that comes back to them.
        let screens = state.back + [updated]
        switch outcome.transition {
        case .stay: state.mode = updated
        case .push(let next):
            state.mode = updated
            state.push(next)
        case .replace(let next): state.mode = next
        case .back: state.goBack()
        case .close: state.closeScreens()
        }
        if let message = outcome.message { state.message = message }
        var effects = outcome.effects
        if effects.contains(where: \.writes) { state.saved = false }
        for request in outcome.requests { effects += perform(request, screens: screens, &state) }
        return effects
    }

    /// A read's answer to every open screen of the kind that asked; what it makes the
    /// screen shown do is carried out.
    static func deliver(_ answer: ScreenAnswer, _ state: inout State) -> [Effect] {
        let app = state
        for index in state.back.indices {
            guard var screen = state.back[index].screen, screen.take(answer, app) != nil else { continue }
            state.back[index] = State.Mode(screen)
        }
        guard var shown = state.mode.screen, let outcome = shown.take(answer, app) else { return [] }
        return apply(outcome, updated: State.Mode(shown), &state)
    }

    /// Opens `screen` over the one shown, with the reads that fill it.
    static func present(_ screen: some Screen, _ state: inout State) -> [Effect] {
        state.push(State.Mode(screen))
        return screen.load(state)
    }

    /// What a screen asked of the workbench.
    static func perform(_ request: Request, screens: [State.Mode], _ state: inout State) -> [Effect] {
        switch request {
        case .command(let command): return run(command, &state)
        case .code(let path): return apply(path, &state)
        case .show(let range, let document): return show(range, in: document, &state)
        case .open(let document): return open(document, &state)
        case .commandLine(let line): return CommandLineCommands.run(line, &state)
        case .find(let text): return runSearch(text, &state)
        case .lastCode(let path): state.lastCode = path
        case .unselect: state.anchor = nil
        case .settled(let settlement): state.lastSettled = settlement
        case .backToReview: return returnFromConsensusEdit(&state)
        case .editAsConsensus(let disagreement):
            state.consensusEdit = State.ConsensusEdit(coder: state.coder, screens: screens)
            state.coder = state.consensusCoder
            state.lastCode = disagreement.code
            state.focus = .transcript
            state.message =
                "editing as \(state.consensusCoder): adjust the selection, . applies \(disagreement.code); "
                + "Esc returns to the review as \(state.consensusEdit?.coder ?? "")"
            return [.loadProject] + show(disagreement.range, in: disagreement.document, &state)
        }
        return []
    }

    // MARK: Commands

    static func run(_ command: Command, _ state: inout State) -> [Effect] {
        let place: (any TranscriptPlace.Type)? =
            if case .open(let name) = command { ScreenCatalogue.place(named: name) } else { nil }
        guard
            state.document != nil || [.quit, .help, .toggleDocuments, .commandLine].contains(command)
                || place?.opening.needsDocument == false
        else { return [] }
        switch command {
        case .lineDown, .lineUp, .charLeft, .charRight, .wordForward, .wordBackward, .sentenceForward,
            .sentenceBackward,
            .turnForward, .turnBackward, .pageDown, .pageUp, .documentStart, .documentEnd, .nextCoded, .previousCoded,
            .nextUncodedTurn, .searchNext, .searchPrevious:
            move(command, &state)
            return []
        case .search:
            return present(LineScreen(.search), &state)
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
            return present(PickerScreen(purpose: .apply), &state)
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
            state.documentsList = ListCursor(
                count: state.documents.count,
                selected: state.documents.firstIndex { $0.name == state.document?.name } ?? 0)
            relayout(&state)
        case .toggleOthers:
            if state.othersWithheld {
                state.message = "blind: others' codings show after :done"
                return []
            }
            state.showOthers.toggle()
            state.message =
                state.showOthers ? "showing every coder's codings" : "showing only your codings (\(state.coder))"
        case .toggleLineNumbers:
            state.lineNumbers.toggle()
        case .help:
            return present(HelpScreen(for: state.mode, focus: state.focus), &state)
        case .retrieve:
            return present(PickerScreen(purpose: .retrieve), &state)
        case .open:
            guard let place else { return [] }
            return apply(place.open(state), updated: state.mode, &state)
        case .commandLine:
            return present(LineScreen(.command), &state)
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
