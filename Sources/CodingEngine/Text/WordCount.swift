/// How many words an interview holds, as a methods section reports it: the words
/// spoken, speaker labels left out. A word is a run of characters between white
/// space, as the queries' `near` counts them ("don't", "follow-up" and "1974" are
/// one each).
public enum WordCount {
    /// The words of `text` in the spoken part of each of `turns` (the whole text when
    /// there are no turns).
    public static func spoken(_ text: String, turns: [Turn]) -> Int {
        guard !turns.isEmpty else { return words(in: text.unicodeScalars) }
        let scalars = ScalarText(text).scalars
        return turns.reduce(0) { total, turn in
            let range = turn.speech
            let lower = min(range.start, scalars.count)
            let upper = min(range.end, scalars.count)
            return total + words(in: scalars[lower..<upper])
        }
    }

    /// The words of a run of scalars: runs of characters between white space (the
    /// one definition of a word, also the queries' `near`).
    public static func words(in scalars: some Sequence<Unicode.Scalar>) -> Int {
        var count = 0, inWord = false
        for scalar in scalars {
            let space = scalar.properties.isWhitespace
            if !space, !inWord { count += 1 }
            inWord = !space
        }
        return count
    }
}

extension CodingStore {
    /// The words spoken in a document (see `WordCount`).
    public func words(ofDocument id: Int64) throws -> Int {
        WordCount.spoken(try text(ofDocument: id), turns: try turns(ofDocument: id))
    }
}
