/// Sets of characters of one document as sorted, disjoint, non-touching ranges: what
/// a query's parts evaluate to, combined as NVivo combines coding queries.
enum RangeSet {
    static func union(_ a: [TextRange], _ b: [TextRange]) -> [TextRange] { TextRange.union(a + b) }

    static func intersection(_ a: [TextRange], _ b: [TextRange]) -> [TextRange] {
        var result: [TextRange] = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            let start = max(a[i].start, b[j].start), end = min(a[i].end, b[j].end)
            if start < end { result.append(TextRange(start, end)) }
            if a[i].end < b[j].end { i += 1 } else { j += 1 }
        }
        return result
    }

    /// `a` less the characters of `b`.
    static func subtracting(_ a: [TextRange], _ b: [TextRange]) -> [TextRange] {
        var result: [TextRange] = []
        var j = 0
        for range in a {
            var start = range.start
            while j < b.count, b[j].end <= start { j += 1 }
            var k = j
            while k < b.count, b[k].start < range.end {
                if b[k].start > start { result.append(TextRange(start, b[k].start)) }
                start = max(start, b[k].end)
                k += 1
            }
            if start < range.end { result.append(TextRange(start, range.end)) }
        }
        return result
    }

    static func complement(_ a: [TextRange], length: Int) -> [TextRange] {
        subtracting([TextRange(0, length)], a)
    }
}
