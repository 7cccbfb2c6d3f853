/// In how many passages of a set each feature occurs, and how many features the set's
/// passages have in all: what a code's model is learnt from. Counts of two sets can be
/// taken from each other (everything but a fold is everything less the fold).
public struct FeatureCounts: Equatable, Sendable {
    /// Passages with each feature, by the feature's number.
    private(set) var passages: [Int32]
    /// The features of every passage counted, added up.
    private(set) var total = 0
    /// The passages counted.
    private(set) var passageCount = 0

    /// No passages, over a vocabulary of `size` features.
    public init(size: Int) { passages = [Int32](repeating: 0, count: size) }

    /// Counts one more passage's features.
    public mutating func add(_ features: some Collection<Int32>) {
        passages.withUnsafeMutableBufferPointer { counts in
            for feature in features { counts[Int(feature)] += 1 }
        }
        total += features.count
        passageCount += 1
    }

    /// These counts less those of `part`, a subset of the same passages.
    func subtracting(_ part: FeatureCounts) -> FeatureCounts {
        var result = self
        result.passages.withUnsafeMutableBufferPointer { counts in
            part.passages.withUnsafeBufferPointer { less in
                for index in counts.indices { counts[index] -= less[index] }
            }
        }
        result.total -= part.total
        result.passageCount -= part.passageCount
        return result
    }

    subscript(feature: Int32) -> Int32 { passages[Int(feature)] }
}
