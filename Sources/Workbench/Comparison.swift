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
