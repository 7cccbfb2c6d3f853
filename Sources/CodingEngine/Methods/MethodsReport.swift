/// What a methods section reports about a study, read from the project alone: the
/// corpus, the codebook and how it changed, who coded what and whether blind, the
/// agreement per code with its uncertainty, how disagreements were settled, and what
/// an AI assistant contributed. Every figure is the one another command prints
/// (`documents`, `codebook history`, `codings`, `blind`, `agree`, `consensus`,
/// `proposals`); `MethodsText` writes it as paragraphs.
public struct MethodsReport: Sendable {
    /// What the report covers.
    public struct Options: Equatable, Sendable {
        /// The coders compared; empty for every person who coded (neither a consensus
        /// coder nor an assistant).
        public var coders: [String]
        /// The consensus coder of the two coders.
        public var consensus: String
        /// Where the full codebook is printed in the paper.
        public var appendix: String
        /// The resampling of `agree`'s defaults: 1,000 resamples, seed 1.
        public var bootstrap = AgreementBootstrap.Options(draws: 1000, seed: 1)

        public init(coders: [String] = [], consensus: String = "consensus", appendix: String = "Appendix A") {
            self.coders = coders
            self.consensus = consensus
            self.appendix = appendix
        }
    }

    /// The interviews.
    public struct Corpus: Sendable {
        public var cases: [String]
        /// Words spoken (speaker labels left out) per document, as `documents` lists them.
        public var wordsPerDocument: [(document: String, words: Int)]
        public var documents: Int { wordsPerDocument.count }
        public var words: Int { wordsPerDocument.reduce(0) { $0 + $1.words } }
        /// The shortest and longest interview by words.
        public var shortest: (document: String, words: Int)? { wordsPerDocument.min { $0.words < $1.words } }
        public var longest: (document: String, words: Int)? { wordsPerDocument.max { $0.words < $1.words } }
    }

    /// The codebook and how it changed.
    public struct CodebookSummary: Sendable {
        /// Its name, as imported (nil when none was given).
        public var name: String?
        /// Codes that can be applied.
        public var codes: Int
        /// Codable codes under each top-level folder, in codebook order; codes at the
        /// top level count under their own name.
        public var folders: [(folder: String, codes: Int)]
        /// Every recorded change to the codebook (and recoding), oldest first.
        public var changes: [HistoryEntry]
        public var appendix: String
    }

    /// How the two coders' disagreements were settled.
    public struct Settling: Sendable {
        public var coders: [String]
        public var consensus: String
        /// Stretches coded alike (of them, near-identical by the overlap rule),
        /// settled by a recorded decision (per kind) or by a consensus coding alone,
        /// and not settled.
        public var agreed: Int
        public var nearlyAlike: Int
        public var decisions: [Settlement.Decision: Int]
        public var settledByCoding: Int
        public var unsettled: Int
        /// Agreed stretches not written to the consensus yet.
        public var pending: Int
        /// The overlap rule the consensus was built with (nil: identical codings only).
        public var overlap: Double?
        public var exists: Bool
        public var complete: Bool
        public var settled: Int { decisions.values.reduce(0, +) + settledByCoding }
        public var stretches: Int { agreed + settled + unsettled }
    }

    /// An AI assistant's share.
    public struct AssistantShare: Sendable {
        /// Its coder name, `assistant:NAME`.
        public var assistant: String
        /// The clients and models it was run with ("Claude Desktop 1.2 (claude-sonnet-4)").
        public var madeWith: [String]
        public var proposals: Int
        public var accepted: Int
        public var rejected: Int
        public var pending: Int
        /// The codes it proposed.
        public var codes: [String]
        /// Its agreement with each compared coder on those codes, against what the
        /// person coded unaided (codings accepted from proposals left out).
        public var agreement: [(coder: String, report: AgreementReport)]
    }

    public var options: Options
    /// The coders compared, as resolved.
    public var coders: [String]
    public var corpus: Corpus
    public var codebook: CodebookSummary
    public var work: [CoderWork]
    /// Agreement of the coders (nil with fewer than two).
    public var agreement: AgreementReport?
    /// Settling (nil unless two coders were compared).
    public var settling: Settling?
    public var assistants: [AssistantShare]
}
