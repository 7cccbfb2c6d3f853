/// A text with its real names replaced, and the map from the stored text's offsets
/// to the new text's (both in Unicode scalars, end-exclusive), so that a coding on the
/// stored text lands on the same words of the pseudonymised one.
public struct PseudonymisedText: Sendable, Equatable {
    /// One replaced name: where it was, where its pseudonym is, and which entry.
    public struct Replacement: Sendable, Equatable {
        public var original: Range<Int>
        public var written: Range<Int>
        public var real: String
    }

    /// The text with every real name replaced.
    public var text: String
    /// The replacements, in text order; they do not overlap.
    public var replacements: [Replacement]

    /// The position in the new text of `offset` in the stored text. An offset inside a
    /// replaced name moves to the pseudonym's start (`end: false`) or end (`end: true`),
    /// so that a stretch that cut into a name covers the whole pseudonym.
    public func position(_ offset: Int, end: Bool) -> Int {
        // The last replacement that starts before `offset`.
        var low = 0
        var high = replacements.count
        while low < high {
            let middle = (low + high) / 2
            if replacements[middle].original.lowerBound < offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return offset }
        let before = replacements[low - 1]
        if offset < before.original.upperBound { return end ? before.written.upperBound : before.written.lowerBound }
        return before.written.upperBound + (offset - before.original.upperBound)
    }

    /// The stretch of the new text that holds what `range` held in the stored text.
    public func range(_ range: TextRange) -> TextRange {
        TextRange(
            position(range.start, end: false), max(position(range.end, end: true), position(range.start, end: false)))
    }

    /// The position in the stored text of `offset` in the new text: the inverse of
    /// `position`. An offset inside a pseudonym moves to the real name's start
    /// (`end: false`) or end (`end: true`).
    public func original(_ offset: Int, end: Bool) -> Int {
        var low = 0
        var high = replacements.count
        while low < high {
            let middle = (low + high) / 2
            if replacements[middle].written.lowerBound < offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return offset }
        let before = replacements[low - 1]
        if offset < before.written.upperBound { return end ? before.original.upperBound : before.original.lowerBound }
        return before.original.upperBound + (offset - before.written.upperBound)
    }

    /// The stretch of the stored text that `range` of the new text holds.
    public func original(_ range: TextRange) -> TextRange {
        let start = original(range.start, end: false)
        return TextRange(start, max(start, original(range.end, end: true)))
    }
}
