import CodingEngine

/// Everything the workbench shows and remembers, as one value. The reducer changes
/// it; views draw it; nothing in it touches the terminal or the store.
public struct State: Equatable, Sendable {
    /// Terminal size in cells.
    public var width: Int
    public var height: Int
    /// The coder whose work is being done.
    public var coder: String
    /// The project's file name, for the title bar.
    public var projectName: String

    public var documents: [DocumentEntry] = []
    public var codebook = Codebook(codes: []) {
        didSet { if codebook != oldValue { labels = CodeLabels(codebook) } }
    }
    /// The codes' abbreviations and marks, made again only when the codebook changes.
    public private(set) var labels = CodeLabels(Codebook(codes: []))
    /// How many codings the coder has made with each code (by id) in the project.
    public var projectCounts: [Int64: Int] = [:]
    /// While the coder's share of each document and codings per code are still being
    /// read (a large project opens first and counts after): the panes say so.
    public var countsPending = false
    public var document: OpenDocument?
    public var layout: TranscriptLayout?

    /// The cursor: a scalar offset into the open document.
    public var cursor = 0
    /// Where a selection started, when one is being made.
    public var anchor: Int?
    /// The first screen line of the transcript shown.
    public var top = 0

    public var focus: Focus = .transcript
    public var mode: Mode = .normal
    /// The screens below the one shown, which Esc returns to one at a time.
    public var back: [Mode] = []
    /// Set while editing a disagreement as the consensus coder.
    public var consensusEdit: ConsensusEdit?
    /// The coder the workbench was opened as ("you").
    public var ownCoder: String
    public var showDocuments = true
    public var showOthers = true
    /// Blind coding: while on, other coders' codings of a document are not read until
    /// the coder marks it done (`doneDocuments`).
    public var blind = false
    public var doneDocuments: Set<String> = []
    /// For a team project, whether its server can be reached (nil: a file project).
    public var server: Bool?

    /// Whether other coders' codings of the open document are withheld (blind coding).
    public var othersWithheld: Bool {
        blind && !(document.map { doneDocuments.contains($0.name) } ?? true)
    }
    public var lineNumbers = false
    /// The pseudonym table while the workbench shows the pseudonymised text (`:pseudonyms
    /// on`, for sharing the screen); nil shows the real names.
    public var pseudonyms: Pseudonymiser?
    /// The coder that settled disagreements are written as.
    public var consensusCoder = "consensus"
    /// False on a terminal without colour (or with NO_COLOR set): letters, bold,
    /// underline and reverse video then stand in for colour.
    public var colors = true
    /// How many colours the terminal has (8, 16, 256); with 256 coded text is tinted
    /// in its code's colour.
    public var colorCount = 256
    /// The documents pane's list: the document selected, and the first shown.
    public var documentsList = ListCursor()
    public var documentsCursor: Int { documentsList.selected }

    public var lastCode: String?
    /// Where to put the cursor when the document being opened arrives (a jump from
    /// the retrieve screen).
    public var pendingCursor: Int?
    /// A selection to make when the document being opened arrives (editing a
    /// disagreement as the consensus coder).
    public var pendingSelection: TextRange?
    /// Everyone who has coded in the project.
    public var coders: [String] = []
    /// The consensus coding just written, for a rationale memo.
    public var lastSettled: Settlement?
    public var searchQuery: String?
    public var searchMatches: [TextRange] = []

    public var undoStack: [Edit] = []
    public var redoStack: [Edit] = []

    /// A one-line message for the status bar (what just happened, or an error).
    public var message: String?
    /// True while every change has been written to the project.
    public var saved = true
    public var quitting = false

    public init(width: Int, height: Int, coder: String, projectName: String) {
        self.width = width
        self.height = height
        self.coder = coder
        ownCoder = coder
        self.projectName = projectName
        showDocuments = width >= 100
    }

    /// Which pane keys go to.
    public enum Focus: Equatable, Sendable { case transcript, documents }

    /// Editing a disputed passage as the consensus coder: who one was, and the screens
    /// to return to (Esc in the transcript goes back to the review as oneself).
    public struct ConsensusEdit: Equatable, Sendable {
        public var coder: String
        public var screens: [Mode]
    }

    /// A change that can be undone: codings added or removed.
    public enum Edit: Equatable, Sendable {
        case added([NewCoding])
        case removed([NewCoding])
        /// A coding's boundaries moved.
        case moved(from: NewCoding, to: NewCoding)
        /// A coding's memo changed.
        case memo(NewCoding, from: String?, to: String?)
        /// The coder's memo on a document changed.
        case documentMemo(document: String, coder: String, from: String?, to: String?)
        /// The codebook, a case or a document changed (undone when `undone`).
        case change(ProjectChange, undone: Bool)
        /// A disputed stretch settled (the decision and the consensus codings it keeps).
        case settled(Settlement)
        /// A decision undone.
        case unsettled(Settlement)
        /// Why a decision was taken changed.
        case why(Settlement, from: String?, to: String?)
        /// A decision on an AI assistant's proposal (accepted, rejected, or pending again).
        case proposal(ProposalStep)

        /// The codings added or removed (none for the other edits).
        var codings: [NewCoding] {
            switch self {
            case .added(let codings), .removed(let codings): return codings
            case .settled(let settlement), .unsettled(let settlement): return settlement.codings
            case .proposal(let step): return step.codings
            default: return []
            }
        }

        var inverse: Edit {
            switch self {
            case .added(let codings): return .removed(codings)
            case .removed(let codings): return .added(codings)
            case .moved(let from, let to): return .moved(from: to, to: from)
            case .memo(let coding, let from, let to):
                var current = coding
                current.memo = to
                return .memo(current, from: to, to: from)
            case .documentMemo(let document, let coder, let from, let to):
                return .documentMemo(document: document, coder: coder, from: to, to: from)
            case .change(let change, let undone):
                return .change(change, undone: !undone)
            case .settled(let settlement): return .unsettled(settlement)
            case .unsettled(let settlement): return .settled(settlement)
            case .why(let settlement, let from, let to):
                var current = settlement
                current.why = to
                return .why(current, from: to, to: from)
            case .proposal(let step): return .proposal(step.inverse)
            }
        }
    }

    // MARK: Derived

    /// The selection, when there is one: from the anchor to the cursor, inclusive of
    /// the character under the cursor.
    public var selection: TextRange? {
        guard let anchor, let document else { return nil }
        let start = min(anchor, cursor)
        var end = min(max(anchor, cursor) + 1, document.text.length)
        // A selection never takes in the line breaks at its end (as `G v b` would).
        while end > start + 1, document.text[end - 1] == "\n" { end -= 1 }
        return TextRange(start, end)
    }

    /// Codings shown: the coder's own, and others' unless hidden.
    public var visibleCodings: [Coding] {
        guard let document else { return [] }
        return showOthers ? document.codings : document.codings.filter { $0.coder == coder }
    }

    /// The codings that cover the cursor.
    public var codingsUnderCursor: [Coding] {
        visibleCodings.filter { $0.start <= cursor && cursor < $0.end }
    }

    /// The coder's memo on the open document.
    public var documentMemo: String? { document?.memo }

    /// The turn holding the cursor.
    public var currentTurn: Turn? {
        guard let document, let index = currentTurnIndex else { return nil }
        return document.turns[index]
    }

    /// Where `currentTurn` is in the document's turns.
    public var currentTurnIndex: Int? {
        document?.turns.lastIndex { $0.start <= cursor }
    }
}

/// A document in the documents pane.
public struct DocumentEntry: Equatable, Sendable {
    public var name: String
    public var caseName: String
    public var length: Int
    /// The share of the text the current coder has coded, 0 to 1.
    public var codedShare: Double

    public init(name: String, caseName: String, length: Int, codedShare: Double) {
        self.name = name
        self.caseName = caseName
        self.length = length
        self.codedShare = codedShare
    }
}

/// The document being read and coded.
public struct OpenDocument: Equatable, Sendable {
    /// The document's id in the project (kept when it is renamed or moved).
    public var id: Int64 = 0
    public var name: String
    public var caseName: String
    public var title: String?
    public var text: ScalarText
    public var turns: [Turn]
    /// Every coder's codings of this document, by start; their `text` is left empty
    /// (the document's `text` has it).
    public var codings: [Coding]
    /// The current coder's memo on the document.
    public var memo: String?
    /// The interviewer, from the document's `interviewer` property, if any.
    public var interviewer: String?
    /// The recording the document names (its `media` property, as written), if any.
    public var recording: String?
    /// The file the document was imported from, where its recording is looked for first.
    public var sourcePath: String?

    public init(
        name: String, caseName: String, title: String?, text: ScalarText, turns: [Turn], codings: [Coding],
        memo: String? = nil, interviewer: String? = nil
    ) {
        self.memo = memo
        self.interviewer = interviewer
        self.name = name
        self.caseName = caseName
        self.title = title
        self.text = text
        self.turns = turns
        self.codings = codings
    }
}

/// One row of the agreement screen.
public struct AgreementRow: Equatable, Sendable {
    public var code: String
    public var alpha: Double?
    public var percentAgreement: Double?
    public var kappa: Double?
    public var gwet: Double?
    public var table: TwoByTwo?
    /// Disputed stretches, and how many of them the consensus coder has settled.
    public var disagreements: Int
    public var settled: Int

    public init(
        code: String, alpha: Double?, percentAgreement: Double?, kappa: Double?, gwet: Double?, table: TwoByTwo?,
        disagreements: Int, settled: Int
    ) {
        self.code = code
        self.alpha = alpha
        self.percentAgreement = percentAgreement
        self.kappa = kappa
        self.gwet = gwet
        self.table = table
        self.disagreements = disagreements
        self.settled = settled
    }
}

/// A disagreement on the review screen, with the text around it.
public struct ReviewItem: Equatable, Sendable {
    public var disagreement: Disagreement
    /// The stretch with some context on either side.
    public var text: ScalarText
    /// The document offset of `text`'s first scalar.
    public var textStart: Int
    /// How the stretch was settled ("kept ana's, by lena on 2026-12-06"), or nil when
    /// it is not (see `ConsensusRecord`).
    public var settledHow: String?

    public init(disagreement: Disagreement, text: ScalarText, textStart: Int, settledHow: String?) {
        self.disagreement = disagreement
        self.text = text
        self.textStart = textStart
        self.settledHow = settledHow
    }
}
