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
        case .pseudonymsLoaded(let table):
            showPseudonyms(table.isEmpty ? nil : Pseudonymiser(table), &state)
            state.message =
                table.isEmpty
                ? "the pseudonym table is empty: add names with `intertwine pseudonym add REAL PSEUDONYM`"
                : "showing pseudonyms (\(table.count) names): :pseudonyms off shows the real names"
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
}
