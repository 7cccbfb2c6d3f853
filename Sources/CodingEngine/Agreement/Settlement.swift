/// A decision on one disputed stretch of two coders' codings of a code: which
/// version the consensus keeps (one coder's, both, what they have in common, or
/// neither: the code does not apply here), who decided it, when and why, and the
/// consensus codings it wrote. A stretch with a decision counts as settled even when
/// the consensus coder has no coding there (the decision was "neither").
public struct Settlement: Equatable, Sendable {
    /// What the consensus keeps of a disputed stretch.
    public enum Decision: String, Sendable, CaseIterable {
        /// The first coder's version.
        case first
        /// The second coder's version.
        case second
        /// The union of both versions.
        case both
        /// Their intersection: the characters both coded.
        case common
        /// Neither: the code does not apply to this stretch.
        case neither
    }

    /// Identity, kept through merges and REFI-QDA round trips.
    public var guid: String
    public var document: String
    public var code: String
    /// The stretch as it was when decided.
    public var range: TextRange
    /// The two coders compared, in the order `first` and `second` refer to.
    public var coders: [String]
    /// The coder the consensus is written as.
    public var consensus: String
    public var decision: Decision
    /// Why, in the decider's words (nil when not given).
    public var why: String?
    /// Who decided, and when (ISO 8601).
    public var who: String
    public var at: String
    /// The consensus codings the decision wrote (none for neither).
    public var ranges: [TextRange]

    public init(
        guid: String = GUID.random(), document: String, code: String, range: TextRange, coders: [String],
        consensus: String,
        decision: Decision, why: String? = nil, who: String, at: String? = nil, ranges: [TextRange]
    ) {
        self.guid = guid
        self.document = document
        self.code = code
        self.range = range
        self.coders = coders
        self.consensus = consensus
        self.decision = decision
        self.why = why
        self.who = who
        self.at = at ?? Timestamp.now()
        self.ranges = ranges
    }

    /// The decision on `stretch` (of `coders`, in that order): the ranges it keeps,
    /// from the coders' own ranges in the stretch.
    public init(
        _ stretch: Disagreement, coders: [String], decision: Decision, consensus: String, why: String? = nil,
        by who: String
    ) {
        let kept: [TextRange]
        switch decision {
        case .first: kept = stretch.a
        case .second: kept = stretch.b
        case .both: kept = TextRange.union(stretch.a + stretch.b)
        case .common: kept = CharacterUnits.intersection(TextRange.union(stretch.a), TextRange.union(stretch.b))
        case .neither: kept = []
        }
        let reason = why.map(Name.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        self.init(
            document: stretch.document, code: stretch.code, range: stretch.range, coders: coders, consensus: consensus,
            decision: decision, why: reason, who: who, ranges: kept)
    }

    /// The consensus codings the decision writes.
    public var codings: [NewCoding] {
        ranges.map { NewCoding(document: document, range: $0, code: code, coder: consensus) }
    }

    /// The same decision seen with the coders in `order` (first and second swap when
    /// the pair was compared the other way round).
    public func ordered(_ order: [String]) -> Settlement {
        guard order.count == 2, coders.count == 2, order[0] == coders[1], order[1] == coders[0] else { return self }
        var swapped = self
        swapped.coders = order
        switch decision {
        case .first: swapped.decision = .second
        case .second: swapped.decision = .first
        default: break
        }
        return swapped
    }

    /// The decision in a few words: "kept ana's", "both (union)", "neither".
    public var kept: String {
        switch decision {
        case .first: return "kept \(coders.first ?? "the first coder")'s"
        case .second: return "kept \(coders.last ?? "the second coder")'s"
        case .both: return "both (union)"
        case .common: return "common (intersection)"
        case .neither: return "neither (the code does not apply)"
        }
    }
}
