/// A stretch of text where two coders' coverage of a code is connected: a
/// connected component of the union of their (unioned) ranges.
public struct Disagreement: Equatable, Sendable {
    /// How the coders differ in the stretch.
    public enum Kind: String, Sendable {
        /// Both cover exactly the same characters: no dispute.
        case exact
        /// Both coded it, with different boundaries.
        case partial
        /// Only the first coder coded it.
        case aOnly = "a_only"
        /// Only the second coder coded it.
        case bOnly = "b_only"
    }

    public var code: String
    public var document: String
    /// The whole stretch.
    public var range: TextRange
    public var kind: Kind
    /// Each coder's ranges within the stretch.
    public var a: [TextRange]
    public var b: [TextRange]
    /// Characters one coder covered and the other did not.
    public var disputed: Int
    /// Characters both covered over characters either covered.
    public var jaccard: Double

    /// The stretches of one code in one document, in text order.
    public static func stretches(code: String, document: String, a: [TextRange], b: [TextRange]) -> [Disagreement] {
        let aUnion = TextRange.union(a), bUnion = TextRange.union(b)
        return TextRange.union(aUnion + bUnion).map { component in
            let inA = aUnion.filter { component.contains($0.start) }
            let inB = bUnion.filter { component.contains($0.start) }
            let aLength = inA.reduce(0) { $0 + $1.length }, bLength = inB.reduce(0) { $0 + $1.length }
            let both = CharacterUnits.intersectionLength(inA, inB)
            let kind: Kind = inA == inB ? .exact : inA.isEmpty ? .bOnly : inB.isEmpty ? .aOnly : .partial
            let either = aLength + bLength - both
            return Disagreement(
                code: code, document: document, range: component, kind: kind, a: inA, b: inB,
                disputed: either - both, jaccard: either > 0 ? Double(both) / Double(either) : 0)
        }
    }

    /// Most disputed first; ties by code, document and position.
    public static func reviewOrder(_ x: Disagreement, _ y: Disagreement) -> Bool {
        (-x.disputed, x.code, x.document, x.range.start) < (-y.disputed, y.code, y.document, y.range.start)
    }
}

extension Disagreement {
    /// Every stretch where two coders' coverage of a code meets, for the chosen codes
    /// and documents, in review order (most disputed first); exact stretches last.
    /// Only documents both coders coded (or marked done) are compared unless
    /// `allDocuments`.
    public static func find(
        _ store: some CodingStore, coders: [String], codes: [String] = [], documents: [String] = [],
        trim: Bool = false, allDocuments: Bool = false
    ) throws -> [Disagreement] {
        try compare(store, coders: coders, codes: codes, documents: documents, trim: trim, allDocuments: allDocuments)
            .stretches
    }

    /// The same stretches, with the documents left out because a coder had not coded them.
    public static func compare(
        _ store: some CodingStore, coders: [String], codes: [String] = [], documents: [String] = [],
        trim: Bool = false, allDocuments: Bool = false
    ) throws -> (stretches: [Disagreement], leftOut: [LeftOutDocument]) {
        guard try CoderList.checked(coders).count == 2 else { throw EngineError.tooFewCoders }
        var options = AgreementReport.Options(coders: coders, codes: codes, documents: documents, trim: trim)
        options.allDocuments = allDocuments
        let input = try AgreementInput(store, options)
        var found: [Disagreement] = []
        let progress = WorkProgress("comparing the coders' codings", total: input.codes.count)
        for code in input.codes {
            defer { progress.advance() }
            for document in input.documents {
                let ranges = input.ranges(code: code.id, document: document.id)
                found += stretches(code: code.path, document: document.name, a: ranges[0], b: ranges[1])
            }
        }
        return (found.sorted(by: reviewOrder), input.leftOut)
    }
}
