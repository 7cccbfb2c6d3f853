import CodingEngine

/// What can happen to the workbench: a key, a resize, or the answer to an effect.
public enum Action: Equatable, Sendable {
    case key(Key)
    case command(Command)
    case resize(width: Int, height: Int)
    /// A second passed, or a key is about to be handled: look for other coders' work.
    case tick
    /// Another coder (or the command line) changed the project.
    case refreshed(codings: [Coding], documents: [DocumentEntry], codebook: Codebook, counts: [Int64: Int], coders: [String])

    // Answers from the runtime.
    case projectLoaded(documents: [DocumentEntry], codebook: Codebook, counts: [Int64: Int], coders: [String])
    case documentLoaded(OpenDocument)
    /// Codings were written; `edit` is what was done, `intent` says which stack it
    /// belongs to.
    case written(edit: State.Edit, intent: Effect.Intent, codings: [Coding], memo: String?, documents: [DocumentEntry],
                 codebook: Codebook, counts: [Int64: Int])
    case retrieved([RetrievedPassage])
    case frequenciesLoaded([CodeFrequencies.Row])
    case agreementLoaded([AgreementRow])
    case cooccurrenceLoaded(codes: [String], pairs: [Cooccurrence.Pair])
    case matrixLoaded(CaseMatrix)
    case flowsLoaded([LearningFlows.CaseFlow])
    case disagreementsLoaded([ReviewItem])
    case failed(String)
}

/// Work the reducer asks the runtime to do; the runtime answers with an action.
public enum Effect: Equatable, Sendable {
    /// Whether a write is new work (recorded for undo), an undo or a redo.
    public enum Intent: Equatable, Sendable { case record, undo, redo }

    case loadProject
    case openDocument(String)
    case write(State.Edit, intent: Intent)
    /// Adds a code to the codebook, then applies it to `coding`.
    case createCode(path: String, then: NewCoding)
    case retrieve(code: String)
    case loadFrequencies
    /// The agreement rows of two coders (with the consensus coder's progress).
    case loadAgreement(coders: [String], consensus: String)
    case loadDisagreements(coders: [String], code: String, consensus: String)
    case loadCooccurrence(byTurn: Bool)
    case loadMatrix(folder: String)
    case saveCellSummary(folder: String, caseName: String, code: String, text: String?)
    case loadFlows
    /// Reloads what another connection changed, if anything did.
    case refreshIfChanged
}
