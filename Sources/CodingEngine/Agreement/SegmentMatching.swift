/// Segment-level agreement as MAXQDA counts it: two coders' coded segments are
/// paired one to one, best overlap first, when their intersection over union passes
/// a threshold. A coder's overlapping segments of one code are merged first.
public enum SegmentMatching {
    /// When two segments count as the same.
    public enum Threshold: Equatable, Sendable {
        /// Intersection over union strictly above the value (the default, 0.5).
        case above(Double)
        /// At least the value (the strict preset, 0.9).
        case atLeast(Double)

        public static let standard = Threshold.above(0.5)
        public static let strict = Threshold.atLeast(0.9)

        func passes(_ iou: Double) -> Bool {
            switch self {
            case .above(let t): return iou > t + 1e-12
            case .atLeast(let t): return iou >= t - 1e-12
            }
        }
    }

    /// Matched pairs and segments left over.
    public struct Result: Equatable, Sendable {
        public var matched = 0
        public var aUnmatched = 0
        public var bUnmatched = 0

        public init(matched: Int = 0, aUnmatched: Int = 0, bUnmatched: Int = 0) {
            self.matched = matched
            self.aUnmatched = aUnmatched
            self.bUnmatched = bUnmatched
        }

        public static func + (x: Result, y: Result) -> Result {
            Result(
                matched: x.matched + y.matched, aUnmatched: x.aUnmatched + y.aUnmatched,
                bUnmatched: x.bUnmatched + y.bUnmatched)
        }

        /// The share of all segments that found a partner: 2·matched / (|A| + |B|).
        public var segmentAgreement: Double? {
            let segments = 2 * matched + aUnmatched + bUnmatched
            return segments > 0 ? Double(2 * matched) / Double(segments) : nil
        }

        /// matched / (matched + unmatched A + unmatched B): MAXQDA's observed
        /// agreement over codes.
        public var observedAgreement: Double? {
            let all = matched + aUnmatched + bUnmatched
            return all > 0 ? Double(matched) / Double(all) : nil
        }

        /// Brennan and Prediger's kappa with chance 1/q, q the number of codes compared.
        public func brennanPrediger(codes q: Int) -> Double? {
            guard let po = observedAgreement, q > 0 else { return nil }
            return BinaryUnits.chanceCorrected(po, 1 / Double(q))
        }
    }

    /// Pairs the segments of one document and code.
    public static func match(_ a: [TextRange], _ b: [TextRange], threshold: Threshold = .standard) -> Result {
        let a = TextRange.union(a), b = TextRange.union(b)
        var candidates: [(iou: Double, i: Int, j: Int)] = []
        for (i, x) in a.enumerated() {
            for (j, y) in b.enumerated() where x.overlaps(y) {
                let intersection = min(x.end, y.end) - max(x.start, y.start)
                let union = max(x.end, y.end) - min(x.start, y.start)
                let iou = Double(intersection) / Double(union)
                if threshold.passes(iou) { candidates.append((iou, i, j)) }
            }
        }
        candidates.sort { ($0.iou, -$0.i, -$0.j) > ($1.iou, -$1.i, -$1.j) }
        var usedA = Set<Int>(), usedB = Set<Int>()
        var matched = 0
        for candidate in candidates where !usedA.contains(candidate.i) && !usedB.contains(candidate.j) {
            usedA.insert(candidate.i)
            usedB.insert(candidate.j)
            matched += 1
        }
        return Result(matched: matched, aUnmatched: a.count - matched, bUnmatched: b.count - matched)
    }
}
