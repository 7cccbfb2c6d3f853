import CodingEngine

/// What the workbench reads from and writes to a project. `Project` is the store;
/// tests use `Project.inMemory(codebook:)`.
public protocol WorkbenchStore: CodingStore {
    /// Who is looking: the engine's visibility rule (blind coding) applies to them.
    var viewer: String? { get nonmutating set }
    /// The project file (nil in memory): recordings named beside it are found there.
    var path: String? { get }
    @discardableResult func addCodings(_ codings: [NewCoding], skipExisting: Bool) throws -> CodingResult
    func removeCodings(_ codings: [NewCoding]) throws
    func setMemo(of coding: NewCoding, to memo: String?) throws
    func moveCoding(_ coding: NewCoding, to range: TextRange) throws
    func documentMemo(_ document: String, coder: String) throws -> String?
    func setDocumentMemo(_ document: String, coder: String, to text: String?) throws
    func setCellSummary(case caseName: String, code path: String, to text: String?, coder: String?) throws
    func setPosition(of coder: String, to position: Project.Position) throws
    func position(of coder: String) throws -> Project.Position?
    /// Changes the codebook, a case or a document (one transaction, kept in the history).
    func perform(_ operation: ProjectOperation, by who: String) throws -> ProjectChange
    /// Undoes (or, `reverse` false, redoes) a change.
    @discardableResult func undo(_ change: ProjectChange, by who: String, reverse: Bool) throws -> HistoryEntry
    /// The history of the codebook, cases and documents, oldest first.
    func history(_ kinds: Set<HistoryEntry.Kind>) throws -> [HistoryEntry]
    /// Writes (or, not `writing`, only counts) the consensus coding of two coders.
    func buildConsensus(_ options: Project.ConsensusOptions, writing: Bool) throws -> ConsensusReport
    /// Records a decision settling a disputed stretch, with the consensus codings it keeps.
    func record(_ settlement: Settlement) throws
    /// Removes a decision and the consensus codings it wrote.
    func remove(_ settlement: Settlement) throws
    /// Sets why a decision was taken.
    func setWhy(of settlement: Settlement, to why: String?) throws
    /// Every match of a pattern in every document (or the ones named), in context.
    func search(_ pattern: String, documents: [String]) throws -> [SearchHit]
    /// The codings that code search hits with a code, widened to `unit`, less those there.
    func codings(for hits: [SearchHit], unit: PassageSelector.MatchUnit, code: String, coder: String) throws
        -> [NewCoding]
    /// Every memo in the project, of every kind.
    func allMemos() throws -> [MemoEntry]
    /// The queries saved in the project.
    func savedQueries() throws -> [SavedQuery]
    /// Changes when another connection commits to the project (in a team project,
    /// when the server has told of other coders' writes, which are then read).
    func dataVersion() throws -> Int
    /// For a team project, whether its server can be reached; nil for a file.
    func serverConnected() -> Bool?
    /// Whether blind coding is on, and the documents a coder has marked done.
    func blindCoding() throws -> Bool
    func documentsDone(coder: String) throws -> Set<String>
    /// Marks a document done (or not) for a coder: with blind coding on, the other
    /// coders' codings of it then show.
    func markDone(document: String, coder: String, done: Bool) throws
    /// The pseudonym table (`:pseudonyms on` shows the text with it).
    func pseudonyms() throws -> [Pseudonym]
    /// An AI assistant's proposals (blind coding's rule applies to the viewer).
    func proposals(assistant: String?, status: Proposal.Status?, document: String?) throws -> [Proposal]
    /// Accepts, rejects or reopens proposals as `coder`, in one transaction.
    @discardableResult func decide(_ decisions: [Project.ProposalDecision], as coder: String) throws
        -> [Project.DecisionResult]
}

extension Project: WorkbenchStore {}
