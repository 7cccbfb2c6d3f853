/// Where a code's model starts suggesting, chosen on the coder's own held-out documents.
///
/// Naive Bayes ranks passages well but its log-odds are not probabilities. They are
/// calibrated as Zadrozny and Elkan (2002) calibrate naive Bayes: isotonic regression
/// (pool adjacent violators) of whether each held-out passage had the code on its
/// score, giving a share with the code that never falls as the score rises. Each share
/// is taken as Cestnik's (1990) m-estimate, `(right + m × rate) / (passages + m)` with
/// the code's rate among the held-out passages, so that one or two lucky passages do not
/// count as evidence. The cutoff is the lowest score whose share is at least `precision`
/// (by default one half: a suggestion there is more often right than wrong), and that
/// share is each suggestion's confidence.
public struct SuggestionCutoff: Equatable, Sendable {
    /// The cutoff (`.infinity` when no score's share was high enough: no suggestions).
    public var score: Double
    /// The held-out passages, and those of them with the code.
    public var passages = 0
    public var positives = 0
    /// At the cutoff: the held-out passages scoring at or above it, and how many of
    /// those had the code.
    public var suggested = 0
    public var right = 0
    /// The calibration's steps, lowest score first: where each starts, and its share.
    private var starts: [Double] = []
    private var shares: [Double] = []

    /// Calibrates held-out passages' scores against whether each had the code, and
    /// chooses the cutoff.
    public init(_ scored: [(score: Double, coded: Bool)], precision wanted: Double, m: Double) {
        passages = scored.count
        positives = scored.filter(\.coded).count
        score = .infinity
        let rate = passages > 0 ? Double(positives) / Double(passages) : 0
        // Pool adjacent violators over the passages in score order (equal scores pooled first).
        var steps: [(start: Double, right: Int, count: Int)] = []
        for passage in scored.sorted(by: { $0.score < $1.score }) where passage.score > -.infinity {
            if let last = steps.last, last.start == passage.score {
                steps[steps.count - 1].right += passage.coded ? 1 : 0
                steps[steps.count - 1].count += 1
            } else {
                steps.append((passage.score, passage.coded ? 1 : 0, 1))
            }
            while steps.count >= 2 {
                let upper = steps[steps.count - 1], lower = steps[steps.count - 2]
                // lower's share ≥ upper's: pooled (cross-multiplied to stay in integers).
                guard lower.right * upper.count >= upper.right * lower.count else { break }
                steps.removeLast()
                steps[steps.count - 1] = (lower.start, lower.right + upper.right, lower.count + upper.count)
            }
        }
        starts = steps.map(\.start)
        shares = steps.map { (Double($0.right) + m * rate) / (Double($0.count) + m) }
        var above = (right: 0, count: 0)
        for (step, share) in zip(steps, shares).reversed() {
            above = (above.right + step.right, above.count + step.count)
            if share >= wanted { (score, right, suggested) = (step.start, above.right, above.count) }
        }
    }

    /// The calibrated share of held-out passages with the code at a score: that of the
    /// step the score falls in (below every step, the lowest's).
    public func confidence(_ score: Double) -> Double? {
        guard !starts.isEmpty else { return nil }
        // The first step starting above the score (binary search): the one before holds it.
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= score { low = middle + 1 } else { high = middle }
        }
        return shares[max(low - 1, 0)]
    }

    /// The held-out recall at the cutoff: the share of coded passages it found.
    public var recall: Double? { positives > 0 ? Double(right) / Double(positives) : nil }
}
