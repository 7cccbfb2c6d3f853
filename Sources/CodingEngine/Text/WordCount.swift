/// How many words an interview holds, as a methods section reports it: the words
/// spoken, speaker labels left out. A word is a run of characters between white
/// space, as the queries' `near` counts them ("don't", "follow-up" and "1974" are
/// one each).
public enum WordCount {
    /// The words of `text` in the spoken part of each of `turns` (the whole text when
    /// there are no turns): one pass over the text's scalars, counting offsets for the
    /// turns', no copy of the text made.
    public static func spoken(_ text: String, turns: [Turn]) -> Int {
        let speech = turns.isEmpty ? [TextRange(0, Int.max)] : turns.map(\.speech).sorted { $0.start < $1.start }
        var count = 0, inWord = false, next = 0
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            while next < speech.count, offset >= speech[next].end {
                next += 1
                inWord = false
            }
            guard next < speech.count, offset >= speech[next].start else {
                inWord = false
                continue
            }
            let space = isSpace(scalar)
            if !space, !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    /// The words of a run of scalars: runs of characters between white space (the
    /// one definition of a word, also the queries' `near`).
    public static func words(in scalars: some Sequence<Unicode.Scalar>) -> Int {
        var count = 0, inWord = false
        for scalar in scalars {
            let space = isSpace(scalar)
            if !space, !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    /// White space, ASCII's without Unicode's tables.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80
            ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }
}

extension CodingStore {
    /// The words spoken in a document (see `WordCount`).
    public func words(ofDocument id: Int64) throws -> Int {
        WordCount.spoken(try text(ofDocument: id), turns: try turns(ofDocument: id))
    }
}
