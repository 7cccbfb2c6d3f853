import CodingEngine

extension Reducer {
    /// `P`: plays the turn under the cursor in the interview's recording, from its
    /// time to its end (or the next turn's time); says why not when the document names
    /// no recording or the turn has no time.
    static func playTurn(_ state: inout State) -> [Effect] {
        guard let document = state.document else { return [] }
        guard let recording = document.recording else {
            state.message = Recording.Problem.noRecording(document: document.name).description
            return []
        }
        guard let index = state.currentTurnIndex else {
            state.message = "the cursor is before the first turn: move into a turn to play it"
            return []
        }
        do {
            let (start, end) = try Recording.stretch(of: index, in: document.turns)
            return [.playRecording(name: recording, transcript: document.sourcePath, start: start, end: end)]
        } catch {
            state.message = error.description
            return []
        }
    }
}
