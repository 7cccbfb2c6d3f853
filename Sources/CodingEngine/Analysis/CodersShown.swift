/// Whose codings a table counts, so that no table adds coders together: the coder
/// asked for; else the consensus coder, when the consensus of the study's two coders
/// is complete; else every coder apart, each with values of their own. The case
/// matrix, co-occurrence, flows and the reports all ask this one rule.
public struct CodersShown: Equatable, Sendable {
    /// Why these coders are shown.
    public enum Basis: Equatable, Sendable {
        /// The coder asked for (`--coder`, or one chosen in the workbench).
        case asked
        /// The consensus coder: the consensus of these two coders is complete.
        case consensus(of: [String])
        /// Every coder apart (no complete consensus).
        case each
    }

    /// The coders, in the order every table lists them: by name, the consensus coder last.
    public var coders: [String]
    public var basis: Basis

    public init(coders: [String], basis: Basis) {
        self.coders = coders
        self.basis = basis
    }

    /// The coders as every table orders them: by name, `consensus` last.
    public static func ordered(_ names: some Sequence<String>, consensus: String = "consensus") -> [String] {
        Set(names).sorted { ($0 == consensus ? 1 : 0, $0) < ($1 == consensus ? 1 : 0, $1) }
    }

    /// The rule: `asked` when given; else the consensus coder when the two other
    /// coders' consensus is complete; else every coder who has coded.
    public static func resolve(_ store: some CodingStore, asked: String?, consensus: String = "consensus") throws
        -> CodersShown
    {
        if let asked = asked.map(Name.trimmed), !asked.isEmpty { return CodersShown(coders: [asked], basis: .asked) }
        let names = try store.coderNames()
        let coded = Set(try store.codingSpans(coder: nil).compactMap { names[$0.coderID] })
        let all = ordered(coded, consensus: consensus)
        let others = all.filter { $0 != consensus }
        let decided = others.count == 2 ? !(try store.settlements(coders: others, consensus: consensus)).isEmpty : false
        if others.count == 2, coded.contains(consensus) || decided {
            let (status, _) = try ConsensusReport.status(
                store, Project.ConsensusOptions(coders: others, consensus: consensus))
            if status.complete { return CodersShown(coders: [consensus], basis: .consensus(of: others)) }
        }
        return CodersShown(coders: all, basis: .each)
    }

    /// The basis in a word, for JSON: asked, consensus or each.
    public var basisName: String {
        switch basis {
        case .asked: return "asked"
        case .consensus: return "consensus"
        case .each: return "each"
        }
    }

    /// In a sentence, for a table's footer or a report: whose codings these are.
    public var description: String {
        switch basis {
        case .asked: return "Coded by \(coders.first ?? "")."
        case .consensus(let pair):
            return
                "The consensus of \(Words.list(pair)) (coder \(coders.first ?? "consensus")), complete: every stretch agreed or settled."
        case .each:
            return coders.count > 1
                ? "Each coder apart (\(Words.list(coders))): counts are never added up across coders; --coder shows one."
                : coders.isEmpty ? "No codings yet." : "Coded by \(coders[0])."
        }
    }
}
