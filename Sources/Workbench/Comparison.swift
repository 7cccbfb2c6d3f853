import CodingEngine

/// Two coders compared on the agreement and review screens, over the documents named
/// (`:agree A,B --doc NAME`) or, when none is, every document both coded.
public struct Comparison: Hashable, Sendable {
    public var coders: [String]
    /// Document names; empty for every document both coders coded.
    public var documents: [String]

    public init(coders: [String], documents: [String] = []) {
        self.coders = coders
        self.documents = documents
    }

    /// "ana and ben", with the documents when named: "ana and ben in brw, rsl".
    public var title: String {
        coders.joined(separator: " and ") + (documents.isEmpty ? "" : " in " + documents.joined(separator: ", "))
    }
}

extension Project.ConsensusOptions {
    /// The consensus of a comparison on the workbench, as `consensus`.
    init(_ comparison: Comparison, consensus: String) {
        self.init(coders: comparison.coders, consensus: consensus, documents: comparison.documents)
    }
}

/// Whose codings a table on the workbench shows: the study's (the consensus when it is
/// complete, else every coder apart), one coder's, or every coder apart. `o` steps
/// through them.
public enum CodersChoice: Hashable, Sendable {
    case study
    case one(String)
    case every

    /// The next choice after this one, given the project's coders in table order.
    public func next(_ coders: [String]) -> CodersChoice {
        switch self {
        case .study: return coders.first.map(CodersChoice.one) ?? .every
        case .one(let coder):
            guard let index = coders.firstIndex(of: coder), index + 1 < coders.count else { return .every }
            return .one(coders[index + 1])
        case .every: return .study
        }
    }

    /// The coders shown, by the engine's rule for `.study`.
    func resolve(_ store: some CodingStore) throws -> CodersShown {
        switch self {
        case .study: return try CodersShown.resolve(store, asked: nil)
        case .one(let coder): return CodersShown(coders: [coder], basis: .asked)
        case .every:
            let names = try store.coderNames()
            return CodersShown(
                coders: CodersShown.ordered(try store.codingSpans(coder: nil).compactMap { names[$0.coderID] }),
                basis: .each)
        }
    }
}
