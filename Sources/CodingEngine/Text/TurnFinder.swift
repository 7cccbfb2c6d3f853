/// Finds speaker turns in stored text.
///
/// A line that starts with a speaker label (`Name:`, `NAME:`, `**Name:**` or
/// `**Name**:`, at most 40 characters and five words before the colon, starting with
/// a letter, followed by a space or the end of the line) begins a turn that runs to
/// the next label. Text before the first label is a turn without a speaker. Without
/// any label, each paragraph (lines up to a blank line) is a turn. A label may carry
/// the time of the turn before or after the name (`Interviewer (00:12:40):`,
/// `[00:12:40] Interviewer:`, `00:12:40 Interviewer:`): the turn then starts at that
/// time.
public enum TurnFinder {
    /// The longest label, in scalars, before the colon.
    public static let maximumLabelLength = 40

    public static func turns(in text: ScalarText) -> [Turn] {
        let lines = lineRanges(text)
        var labelled: [(line: TextRange, speaker: String, speechStart: Int, time: Double?)] = []
        for line in lines {
            if let label = label(text, line: line) {
                labelled.append((line, label.speaker, label.speechStart, label.time))
            }
        }
        return labelled.isEmpty ? paragraphTurns(text, lines: lines) : labelledTurns(text, labelled: labelled)
    }

    private static func labelledTurns(
        _ text: ScalarText, labelled: [(line: TextRange, speaker: String, speechStart: Int, time: Double?)]
    ) -> [Turn] {
        var turns: [Turn] = []
        let firstStart = labelled[0].line.start
        let preamble = trimmed(text, TextRange(0, firstStart))
        if preamble.length > 0 {
            turns.append(
                Turn(index: 1, speaker: nil, start: preamble.start, speechStart: preamble.start, end: preamble.end))
        }
        for (i, entry) in labelled.enumerated() {
            let next = i + 1 < labelled.count ? labelled[i + 1].line.start : text.length
            let end = max(entry.speechStart, trimmedEnd(text, entry.line.start, next))
            let speechStart = min(skipSpaces(text, entry.speechStart, end), end)
            turns.append(
                Turn(
                    index: turns.count + 1, speaker: entry.speaker,
                    start: entry.line.start, speechStart: speechStart, end: end, startTime: entry.time))
        }
        return turns
    }

    private static func paragraphTurns(_ text: ScalarText, lines: [TextRange]) -> [Turn] {
        var turns: [Turn] = []
        var paragraphStart: Int?
        var paragraphEnd = 0
        func close() {
            if let start = paragraphStart {
                turns.append(
                    Turn(index: turns.count + 1, speaker: nil, start: start, speechStart: start, end: paragraphEnd))
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
        label(text, line: line).map { ($0.speaker, $0.speechStart) }
    }

    /// A speaker label at the start of a line: the speaker, where the words begin, and
    /// the time the label gives, if any.
    public static func label(_ text: ScalarText, line: TextRange) -> (speaker: String, speechStart: Int, time: Double?)?
    {
        var i = line.start
        var time: Double?
        // A time before the name: `[00:12:40] `, `(00:12:40) ` or `00:12:40 `.
        if let (seconds, end) = timestamp(text, at: i, limit: line.end), end < line.end, text[end] == " " {
            time = seconds
            i = skipSpaces(text, end, line.end)
        }
        var bold = false
        if i + 1 < line.end, text[i] == "*", text[i + 1] == "*" {
            bold = true
            i += 2
        }
        let nameStart = i
        guard i < line.end, isLetter(text[i]) else { return nil }
        var words = 1
        var nameEnd = i
        while i < line.end, text[i] != ":" {
            let s = text[i]
            if i - nameStart >= maximumLabelLength { return nil }
            // A time after the name: `Interviewer (00:12:40):`.
            if s == "(" || s == "[", time == nil, let (seconds, end) = timestamp(text, at: i, limit: line.end),
                end < line.end, text[end] == ":" || (bold && text[end] == "*")
            {
                time = seconds
                nameEnd = i
                i = end
                break
            }
            if s == " " {
                if i > nameStart, text[i - 1] != " " { words += 1 }
            } else if !isNameScalar(s) {
                if bold, s == "*" { break }
                return nil
            }
            i += 1
            nameEnd = i
        }
        guard words <= 5 else { return nil }
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
        return (text.slice(nameStart, nameEnd), i, time)
    }

    /// A time at `start`: `h:mm:ss`, `mm:ss` (with a fraction after `.` or `,`),
    /// bare or in brackets or parentheses; its seconds and where it ends.
    static func timestamp(_ text: ScalarText, at start: Int, limit: Int) -> (Double, Int)? {
        var i = start
        var closing: Unicode.Scalar?
        if i < limit, text[i] == "[" {
            closing = "]"; i += 1
        } else if i < limit, text[i] == "(" {
            closing = ")"; i += 1
        }
        var parts: [Int] = []
        var fraction = 0.0
        while parts.count < 3 {
            let digitsStart = i
            var value = 0
            while i < limit, i - digitsStart < 3,
                let digit = text[i].properties.numericType != nil ? Int(String(text[i])) : nil
            {
                value = value * 10 + digit
                i += 1
            }
            guard i > digitsStart else { return nil }
            parts.append(value)
            guard i < limit, text[i] == ":", parts.count < 3 else { break }
            i += 1
        }
        guard parts.count >= 2, parts.dropFirst().allSatisfy({ $0 < 60 }) else { return nil }
        if i < limit, text[i] == "." || text[i] == ",", i + 1 < limit, Int(String(text[i + 1])) != nil {
            i += 1
            var scale = 0.1
            while i < limit, let digit = Int(String(text[i])) {
                fraction += Double(digit) * scale
                scale /= 10
                i += 1
            }
        }
        if let closing {
            guard i < limit, text[i] == closing else { return nil }
            i += 1
        }
        let seconds = parts.reduce(0) { $0 * 60 + Double($1) } + fraction
        guard ClockTime.isValid(seconds) else { return nil }
        return (seconds, i)
    }

    /// Unicode's White_Space, answered for ASCII without the property tables.
    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? s.value == 32 || (9...13).contains(s.value) : s.properties.isWhitespace
    }

    /// Alphabetic, answered for ASCII without the property tables.
    @inline(__always)
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A : s.properties.isAlphabetic
    }

    /// What a speaker's name may hold: letters, digits and `'’.-()&/_`.
    @inline(__always)
    static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return isLetter(s) || (0x30...0x39).contains(s.value) || "'.-()&/_".unicodeScalars.contains(s) }
        return s.properties.isAlphabetic || s.properties.numericType != nil || s == "’"
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
