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
    case refreshed(codings: [Coding], documents: [DocumentEntry], codebook: Codebook, counts: [Int64: Int], coders: [String])

    // Answers from the runtime.
    /// The project's documents and codebook, and where this coder left off last time.
    case projectLoaded(documents: [DocumentEntry], codebook: Codebook, counts: [Int64: Int], coders: [String], position: Project.Position?)
    case documentLoaded(OpenDocument)
    /// Where the cursor goes when the document being opened arrives.
    case keepCursor(Int)
    /// The open document was removed (by a change or its undo).
    case documentGone
    /// Codings were written; `edit` is what was done, `intent` says which stack it
    /// belongs to.
    case written(edit: State.Edit, intent: Effect.Intent, codings: [Coding], memo: String?, documents: [DocumentEntry],
                 codebook: Codebook, counts: [Int64: Int])
    case passagesLoaded([ReaderPassage])
    case frequenciesLoaded([CodeFrequencies.Row])
    /// The agreement rows, and the consensus's state in a sentence.
    case agreementLoaded([AgreementRow], consensus: String, leftOut: String?)
    case cooccurrenceLoaded(codes: [String], pairs: [Cooccurrence.Pair])
    case matrixLoaded(CaseMatrix)
    case flowsLoaded([LearningFlows.CaseFlow])
    case disagreementsLoaded([ReviewItem], consensus: String)
    /// Something went wrong: a message in the workbench's words.
    case failed(String)
    /// Something worth saying in the status bar.
    case told(String)
    /// Whether blind coding is on, and which documents the coder has marked done.
    case blindLoaded(on: Bool, done: Set<String>)
    /// A team project's server went away (false) or is back (true).
    case serverChanged(connected: Bool?)
    case codebookDetailsLoaded(counts: [Int64: [String: Int]], history: [HistoryEntry])
    case savedQueriesLoaded([SavedQuery])
    /// A query's passages, to show in the reader.
    case queryRan(String, [ReaderPassage])
    /// Every memo, for the memo browser.
    case memosLoaded([MemoEntry])
    /// A project-wide search's hits, keyword in context.
    case searchRan(String, [SearchHit])
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
    /// Passages in full, with their context, for the reader.
    case loadPassages(PassageQuery)
    case loadFrequencies
    /// The agreement rows of two coders (with the consensus coder's progress).
    case loadAgreement(Comparison, consensus: String)
    case loadDisagreements(Comparison, code: String, consensus: String)
    case loadCooccurrence(byTurn: Bool)
    case loadMatrix(folder: String, coders: CodersChoice)
    case saveCellSummary(folder: String, caseName: String, code: String, text: String?, coders: CodersChoice)
    case loadFlows
    /// Each code's codings per coder, and the history, for the codebook screen.
    case loadCodebookDetails
    case loadSavedQueries
    /// Writes every stretch two coders coded alike as the consensus coder (undoable).
    case buildConsensus(Comparison)
    /// Runs a coding query (an error goes to the status bar, the query stays).
    case runQuery(String)
    /// Every memo of the project, for the memo browser.
    case loadMemos
    /// Searches every document for a pattern.
    case runSearch(String)
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
}
