/// How many words an interview holds, as a methods section reports it: the words
/// spoken, speaker labels left out. A word is a run of characters between white
/// space, as the queries' `near` counts them ("don't", "follow-up" and "1974" are
/// one each).
public enum WordCount {
    /// The words of `text` in the spoken part of each of `turns` (the whole text when
    /// there are no turns). One pass over the text's UTF-8, counting scalars for the
    /// turns' offsets: no copy of the text is made.
    public static func spoken(_ text: String, turns: [Turn]) -> Int {
        let speech = turns.isEmpty ? [TextRange(0, Int.max)] : turns.map(\.speech).sorted { $0.start < $1.start }
        var text = text
        return text.withUTF8 { bytes in
            var count = 0, inWord = false, offset = 0, i = 0, next = 0
            while i < bytes.count {
                let lead = bytes[i]
                let space: Bool
                if lead < 0x80 {
                    space = lead == 0x20 || (0x09...0x0D).contains(lead)
                    i += 1
                } else {
                    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                    var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                    for k in 1..<length where i + k < bytes.count { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                    space = Unicode.Scalar(value)?.properties.isWhitespace ?? false
                    i += length
                }
                while next < speech.count, offset >= speech[next].end {
                    next += 1
                    inWord = false
                }
                if next < speech.count, offset >= speech[next].start {
                    if !space, !inWord { count += 1 }
                    inWord = !space
                } else {
                    inWord = false
                }
                offset += 1
            }
            return count
        }
    }

    /// The words of a run of scalars: runs of characters between white space (the
    /// one definition of a word, also the queries' `near`).
    public static func words(in scalars: some Sequence<Unicode.Scalar>) -> Int {
        var count = 0, inWord = false
        for scalar in scalars {
            let space =
                scalar.value < 0x80
                ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
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
