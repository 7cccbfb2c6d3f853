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
        map(offset, end: end, from: \.original, to: \.written)
    }

    /// The stretch of the new text that holds what `range` held in the stored text.
    public func range(_ range: TextRange) -> TextRange {
        let start = position(range.start, end: false)
        return TextRange(start, max(start, position(range.end, end: true)))
    }

    /// The position in the stored text of `offset` in the new text: the inverse of
    /// `position`. An offset inside a pseudonym moves to the real name's start
    /// (`end: false`) or end (`end: true`).
    public func original(_ offset: Int, end: Bool) -> Int {
        map(offset, end: end, from: \.written, to: \.original)
    }

    /// `offset` counted in one text (`from`: where the replacements are in it) moved to the
    /// other (`to`): after the last replacement before it, shifted by how much longer or
    /// shorter the replacements before it made the text; inside one, to its start or end.
    private func map(
        _ offset: Int, end: Bool, from: KeyPath<Replacement, Range<Int>>, to: KeyPath<Replacement, Range<Int>>
    ) -> Int {
        var low = 0
        var high = replacements.count
        while low < high {
            let middle = (low + high) / 2
            if replacements[middle][keyPath: from].lowerBound < offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return offset }
        let before = replacements[low - 1]
        let (here, there) = (before[keyPath: from], before[keyPath: to])
        if offset < here.upperBound { return end ? there.upperBound : there.lowerBound }
        return there.upperBound + (offset - here.upperBound)
    }

    /// The stretch of the stored text that `range` of the new text holds.
    public func original(_ range: TextRange) -> TextRange {
        let start = original(range.start, end: false)
        return TextRange(start, max(start, original(range.end, end: true)))
    }
}
