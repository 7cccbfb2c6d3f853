/// A stretch of a document: `[start, end)` in Unicode scalars of the stored text.
public struct TextRange: Hashable, Comparable, Sendable, Codable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    /// Number of scalars covered.
    public var length: Int { end - start }

    public func contains(_ offset: Int) -> Bool { offset >= start && offset < end }

    public func overlaps(_ other: TextRange) -> Bool { start < other.end && other.start < end }

    public static func < (a: TextRange, b: TextRange) -> Bool {
        (a.start, a.end) < (b.start, b.end)
    }

    /// The union of `ranges` as sorted, non-overlapping, non-touching ranges.
    /// Overlapping codings by one coder are counted once this way.
    public static func union(_ ranges: [TextRange]) -> [TextRange] {
        guard !ranges.isEmpty else { return [] }
        let sorted = ranges.sorted()
        var merged: [TextRange] = [sorted[0]]
        merged.reserveCapacity(sorted.count)
        for range in sorted.dropFirst() {
            if range.start <= merged[merged.count - 1].end {
                merged[merged.count - 1].end = max(merged[merged.count - 1].end, range.end)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// The number of scalars covered by at least one of `ranges`.
    public static func coveredLength(_ ranges: [TextRange]) -> Int {
        union(ranges).reduce(0) { $0 + $1.length }
    }
}
