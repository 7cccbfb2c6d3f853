/// One coder's reading of a continuum (a document's characters, or several documents
/// end to end) for Krippendorff's unitizing alphas: the units the coder marked, each
/// with one value, in order and without overlap; what lies between them is gap.
///
/// A coder's codings may overlap, but a unitizing of a continuum cannot, so they are
/// resolved when the continuum is built (`init(length:codings:)`):
/// - codings of the same value that share a character are one unit, their union
///   (two that only touch stay two units, as the coder marked them);
/// - where codings of different values overlap, the overlapping characters go to the
///   shorter coding (the more specific reading), on equal lengths to the one that
///   starts first, then to the lower value; the other keeps what remains of it, which
///   may be two pieces. `resolvedCharacters` counts the characters so decided.
public struct UnitizedContinuum: Equatable, Sendable {
    /// A unit: `[start, end)` with its value (0-based, an index into the values compared).
    public struct Unit: Equatable, Sendable {
        public var start: Int
        public var end: Int
        public var value: Int

        public init(_ start: Int, _ end: Int, value: Int) {
            self.start = start
            self.end = end
            self.value = value
        }

        public var length: Int { end - start }
    }

    /// The continuum's length: units and gaps together cover `[0, length)`.
    public private(set) var length: Int
    /// The units, in order, not overlapping.
    public private(set) var units: [Unit]
    /// Characters covered by codings of two or more values, given to one of them.
    public private(set) var resolvedCharacters: Int

    /// A continuum of units already resolved: sorted and not overlapping (checked).
    public init(length: Int, units: [Unit]) {
        precondition(
            zip(units, units.dropFirst()).allSatisfy { $0.end <= $1.start }, "units overlap or are out of order")
        precondition(
            units.allSatisfy { $0.start >= 0 && $0.end <= length && $0.start < $0.end },
            "a unit lies outside the continuum")
        self.length = length
        self.units = units
        resolvedCharacters = 0
    }

    /// A coder's codings of `length` characters (ranges with their values), overlaps
    /// resolved as the type says. Ranges are clipped to the continuum; empty ones are dropped.
    public init(length: Int, codings: [(range: TextRange, value: Int)]) {
        self.length = length
        resolvedCharacters = 0
        // Same value: overlapping codings become their union.
        var byValue: [Int: [TextRange]] = [:]
        for coding in codings {
            let range = TextRange(max(0, coding.range.start), min(length, coding.range.end))
            if range.length > 0 { byValue[coding.value, default: []].append(range) }
        }
        var readings: [Unit] = []
        for (value, ranges) in byValue {
            for range in Self.overlapUnion(ranges) { readings.append(Unit(range.start, range.end, value: value)) }
        }
        readings.sort { ($0.start, $0.end, $0.value) < ($1.start, $1.end, $1.value) }
        guard readings.count > 1 else { units = readings; return }
        // Different values: every stretch between two boundaries goes to one reading.
        let boundaries = Array(Set(readings.flatMap { [$0.start, $0.end] })).sorted()
        var result: [Unit] = []
        var winnerOfLast: Int?
        var open: [Int] = [] // indexes of readings covering the current stretch
        var next = 0
        for (from, to) in zip(boundaries, boundaries.dropFirst()) {
            open.removeAll { readings[$0].end <= from }
            while next < readings.count, readings[next].start <= from {
                if readings[next].end > from { open.append(next) }
                next += 1
            }
            guard let winner = open.min(by: { Self.precedes(readings[$0], readings[$1]) }) else {
                winnerOfLast = nil
                continue
            }
            if Set(open.map { readings[$0].value }).count > 1 { resolvedCharacters += to - from }
            if winner == winnerOfLast, result[result.count - 1].end == from {
                result[result.count - 1].end = to
            } else {
                result.append(Unit(from, to, value: readings[winner].value))
            }
            winnerOfLast = winner
        }
        units = result
    }

    /// The gaps: the stretches of the continuum no unit covers, in order.
    public var gaps: [TextRange] {
        var result: [TextRange] = []
        var position = 0
        for unit in units {
            if unit.start > position { result.append(TextRange(position, unit.start)) }
            position = unit.end
        }
        if position < length { result.append(TextRange(position, length)) }
        return result
    }

    /// Units and gaps in order, covering the continuum: a gap's value is nil.
    public var segments: [(start: Int, end: Int, value: Int?)] {
        var result: [(start: Int, end: Int, value: Int?)] = []
        result.reserveCapacity(units.count * 2 + 1)
        var position = 0
        for unit in units {
            if unit.start > position { result.append((position, unit.start, nil)) }
            result.append((unit.start, unit.end, unit.value))
            position = unit.end
        }
        if position < length { result.append((position, length, nil)) }
        return result
    }

    /// Which of two overlapping readings keeps the characters they share.
    static func precedes(_ a: Unit, _ b: Unit) -> Bool {
        (a.length, a.start, a.value) < (b.length, b.start, b.value)
    }

    /// The union of ranges that share a character; ranges that only touch stay apart.
    static func overlapUnion(_ ranges: [TextRange]) -> [TextRange] {
        let sorted = ranges.sorted()
        var merged: [TextRange] = []
        for range in sorted {
            if let last = merged.last, range.start < last.end {
                merged[merged.count - 1].end = max(last.end, range.end)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}
