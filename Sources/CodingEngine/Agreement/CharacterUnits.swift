/// Character-level units from coders' ranges, by interval arithmetic on merged
/// ranges (never per-character arrays): how many characters of a document exactly
/// k coders covered.
public enum CharacterUnits {
    /// Counts for a document of `length` characters; `ranges[coder]` are that
    /// coder's ranges for one code (they are unioned first, so a coder's overlaps
    /// count once).
    public static func count(length: Int, ranges: [[TextRange]]) -> BinaryUnits {
        var units = BinaryUnits(coders: ranges.count)
        forEachStretch(length: length, ranges: ranges) { stretch, covering in
            units.add(stretch, yes: covering.reduce(0) { $0 + ($1 ? 1 : 0) })
        }
        return units
    }

    /// The stretches of a document on which every coder's coverage stays the same, in
    /// order, cut at every start and end of any coder's (unioned) ranges: each one's
    /// length and which coders cover it.
    static func forEachStretch(length: Int, ranges: [[TextRange]], _ body: (Int, [Bool]) -> Void) {
        guard length > 0 else { return }
        var events: [(offset: Int, coder: Int, opens: Bool)] = []
        for (coder, own) in ranges.enumerated() {
            for range in TextRange.union(own) {
                let start = max(0, min(range.start, length)), end = max(start, min(range.end, length))
                guard end > start else { continue }
                events.append((start, coder, true))
                events.append((end, coder, false))
            }
        }
        events.sort { $0.offset < $1.offset }
        var covering = Array(repeating: false, count: ranges.count)
        var position = 0, index = 0
        while index < events.count {
            let offset = events[index].offset
            if offset > position { body(offset - position, covering) }
            while index < events.count, events[index].offset == offset {
                covering[events[index].coder] = events[index].opens
                index += 1
            }
            position = offset
        }
        if length > position { body(length - position, covering) }
    }

    /// The 2×2 table of two coders' ranges over a document of `length` characters.
    public static func table(length: Int, a: [TextRange], b: [TextRange]) -> TwoByTwo {
        let aUnion = TextRange.union(a), bUnion = TextRange.union(b)
        let both = intersectionLength(aUnion, bUnion)
        let aLength = aUnion.reduce(0) { $0 + $1.length }, bLength = bUnion.reduce(0) { $0 + $1.length }
        return TwoByTwo(
            both: both, aOnly: aLength - both, bOnly: bLength - both, neither: length - aLength - bLength + both)
    }

    /// Characters in both of two sorted, disjoint range lists.
    public static func intersectionLength(_ a: [TextRange], _ b: [TextRange]) -> Int {
        intersection(a, b).reduce(0) { $0 + $1.length }
    }

    /// The ranges in both of two sorted, disjoint range lists.
    public static func intersection(_ a: [TextRange], _ b: [TextRange]) -> [TextRange] {
        var result: [TextRange] = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            let start = max(a[i].start, b[j].start), end = min(a[i].end, b[j].end)
            if end > start { result.append(TextRange(start, end)) }
            if a[i].end < b[j].end { i += 1 } else { j += 1 }
        }
        return result
    }
}
