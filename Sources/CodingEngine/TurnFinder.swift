/// Finds speaker turns in stored text.
///
/// A line that starts with a speaker label (`Name:`, `NAME:`, `**Name:**` or
/// `**Name**:`, at most 40 characters and five words before the colon, starting with
/// a letter, followed by a space or the end of the line) begins a turn that runs to
/// the next label. Text before the first label is a turn without a speaker. Without
/// any label, each paragraph (lines up to a blank line) is a turn.
public enum TurnFinder {
    /// The longest label, in scalars, before the colon.
    public static let maximumLabelLength = 40

    public static func turns(in text: ScalarText) -> [Turn] {
        let lines = lineRanges(text)
        var labelled: [(line: TextRange, speaker: String, speechStart: Int)] = []
        for line in lines {
            if let label = speakerLabel(text, line: line) {
                labelled.append((line, label.speaker, label.speechStart))
            }
        }
        return labelled.isEmpty ? paragraphTurns(text, lines: lines) : labelledTurns(text, labelled: labelled)
    }

    private static func labelledTurns(_ text: ScalarText, labelled: [(line: TextRange, speaker: String, speechStart: Int)]) -> [Turn] {
        var turns: [Turn] = []
        let firstStart = labelled[0].line.start
        let preamble = trimmed(text, TextRange(0, firstStart))
        if preamble.length > 0 {
            turns.append(Turn(index: 1, speaker: nil, start: preamble.start, speechStart: preamble.start, end: preamble.end))
        }
        for (i, entry) in labelled.enumerated() {
            let next = i + 1 < labelled.count ? labelled[i + 1].line.start : text.length
            let end = max(entry.speechStart, trimmedEnd(text, entry.line.start, next))
            let speechStart = min(skipSpaces(text, entry.speechStart, end), end)
            turns.append(Turn(index: turns.count + 1, speaker: entry.speaker,
                              start: entry.line.start, speechStart: speechStart, end: end))
        }
        return turns
    }

    private static func paragraphTurns(_ text: ScalarText, lines: [TextRange]) -> [Turn] {
        var turns: [Turn] = []
        var paragraphStart: Int?
        var paragraphEnd = 0
        func close() {
            if let start = paragraphStart {
                turns.append(Turn(index: turns.count + 1, speaker: nil, start: start, speechStart: start, end: paragraphEnd))
            }
            paragraphStart = nil
        }
        for line in lines {
            let content = trimmed(text, line)
            if content.length == 0 {
                close()
            } else {
                if paragraphStart == nil { paragraphStart = content.start }
                paragraphEnd = content.end
            }
        }
        close()
        return turns
    }

    /// The ranges of the lines of `text`, without their newline.
    static func lineRanges(_ text: ScalarText) -> [TextRange] {
        var ranges: [TextRange] = []
        var start = 0
        for (i, scalar) in text.scalars.enumerated() where scalar == "\n" {
            ranges.append(TextRange(start, i))
            start = i + 1
        }
        if start < text.length { ranges.append(TextRange(start, text.length)) }
        return ranges
    }

    /// The speaker and where the words begin, if `line` opens with a label.
    public static func speakerLabel(_ text: ScalarText, line: TextRange) -> (speaker: String, speechStart: Int)? {
        var i = line.start
        var bold = false
        if i + 1 < line.end, text[i] == "*", text[i + 1] == "*" {
            bold = true
            i += 2
        }
        let nameStart = i
        guard i < line.end, text[i].properties.isAlphabetic else { return nil }
        var words = 1
        while i < line.end, text[i] != ":" {
            let s = text[i]
            if i - nameStart >= maximumLabelLength { return nil }
            if s == " " {
                if i > nameStart, text[i - 1] != " " { words += 1 }
            } else if !(s.properties.isAlphabetic || s.properties.numericType != nil || "'’.-()&/_".unicodeScalars.contains(s)) {
                if bold, s == "*" { break }
                return nil
            }
            i += 1
        }
        guard words <= 5 else { return nil }
        var nameEnd = i
        if bold {
            // `**Name:**` or `**Name**:`
            let closing = text.slice(i, min(i + 3, line.end))
            guard closing == ":**" || closing == "**:" else { return nil }
            i += 3
        } else {
            guard i < line.end, text[i] == ":" else { return nil }
            i += 1
        }
        guard i == line.end || text[i] == " " || text[i] == "\t" else { return nil }
        while nameEnd > nameStart, text[nameEnd - 1] == " " { nameEnd -= 1 }
        guard nameEnd > nameStart else { return nil }
        return (text.slice(nameStart, nameEnd), i)
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s.properties.isWhitespace
    }

    private static func skipSpaces(_ text: ScalarText, _ from: Int, _ limit: Int) -> Int {
        var i = from
        while i < limit, isSpace(text[i]) { i += 1 }
        return i
    }

    private static func trimmedEnd(_ text: ScalarText, _ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start, isSpace(text[e - 1]) { e -= 1 }
        return e
    }

    /// `range` without white space at either edge.
    static func trimmed(_ text: ScalarText, _ range: TextRange) -> TextRange {
        let start = skipSpaces(text, range.start, range.end)
        return TextRange(start, max(start, trimmedEnd(text, start, range.end)))
    }
}
