import CodingEngine

/// What can happen to the workbench: a key, a resize, or the answer to an effect.
public enum Action: Equatable, Sendable {
    case key(Key)
    case command(Command)
    case resize(width: Int, height: Int)
    /// A second passed, or a key is about to be handled: look for other coders' work.
    case tick
    /// The coder's share of each document and codings per code, read after opening.
    case countsLoaded(documents: [DocumentEntry], counts: [Int64: Int])
    /// Another coder (or the command line) changed the project.
    case refreshed(
        codings: [Coding], documents: [DocumentEntry], codebook: Codebook, counts: [Int64: Int], coders: [String])

    // Answers from the runtime.
    /// The project's documents and codebook, and where this coder left off last time.
    case projectLoaded(
        documents: [DocumentEntry], codebook: Codebook, counts: [Int64: Int], coders: [String],
        position: Project.Position?)
    case documentLoaded(OpenDocument)
    /// Where the cursor goes when the document being opened arrives.
    case keepCursor(Int)
    /// The open document was removed (by a change or its undo).
    case documentGone
    /// Codings were written; `edit` is what was done, `intent` says which stack it
    /// belongs to.
    case written(
        edit: State.Edit, intent: Effect.Intent, codings: [Coding], memo: String?, documents: [DocumentEntry],
        codebook: Codebook, counts: [Int64: Int])
    /// A screen's read answered (see `Screen.reading`).
    case loaded(ScreenAnswer)
    /// Something went wrong: a message in the workbench's words.
    case failed(String)
    /// Something worth saying in the status bar.
    case told(String)
    /// Whether blind coding is on, and which documents the coder has marked done.
    case blindLoaded(on: Bool, done: Set<String>)
    /// A team project's server went away (false) or is back (true).
    case serverChanged(connected: Bool?)
    /// The pseudonym table, read for `:pseudonyms on`.
    case pseudonymsLoaded([Pseudonym])
}

/// Work the reducer asks the runtime to do; the runtime answers with an action.
public enum Effect: Equatable, Sendable {
    /// Whether a write is new work (recorded for undo), an undo or a redo.
    public enum Intent: Equatable, Sendable { case record, undo, redo }

    case loadProject
    case openDocument(String)
    case write(State.Edit, intent: Intent)
    /// Changes the codebook, a case or a document (recorded for undo).
    case perform(ProjectOperation)
    /// Reads what a screen shows; the answer goes to the screens of its kind.
    case load(ScreenLoad)
    case saveCellSummary(caseName: String, code: String, text: String?)
    /// Writes every stretch two coders coded alike as the consensus coder (undoable).
    case buildConsensus(Comparison)
    /// Codes search hits (widened to `unit`) with a code, as one undoable edit.
    case codeSearchHits([SearchHit], unit: PassageSelector.MatchUnit, code: String)
    /// Plays the recording `name` (found beside `transcript`, the project or here) from
    /// `start` to `end` seconds in the external player.
    case playRecording(name: String, transcript: String?, start: Double, end: Double?)
    /// Keeps where the coder is, to reopen there next time.
    case rememberPosition(coder: String, document: String, offset: Int)
    /// Reloads what another connection changed, if anything did.
    case refreshIfChanged
    /// Marks the open document done for the coder (blind coding), showing the others' codings.
    case markDone(document: String)
    /// Reads the pseudonym table, to show the text pseudonymised.
    case loadPseudonyms
}

extension Effect {
    /// Whether the effect writes to the project (the status bar says "saving…" until it is).
    var writes: Bool {
        switch self {
        case .write, .perform, .saveCellSummary, .buildConsensus, .codeSearchHits: return true
        default: return false
        }
    }
}
