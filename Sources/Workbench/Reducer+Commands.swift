import CodingEngine

/// The transcript's commands (moving, selecting, coding, opening screens).
extension Reducer {
    /// Carries out a transcript command (from a key of the transcript's table, a
    /// screen's request, or a `:` command).
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
}
