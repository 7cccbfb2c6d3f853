import CodingEngine

/// Keys: looked up in the tables of the screen shown (or the transcript's), given to
/// the screen, and what the screen answered carried out.
extension Reducer {
    /// A key: the keys that work everywhere first, then the tables of the screen shown
    /// (`?` help and undo for every screen, the rest to the screen's `update`), or the
    /// transcript's.
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
}
