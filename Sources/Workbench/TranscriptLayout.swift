import CodingEngine

/// A transcript wrapped to a width: where each screen line starts and ends.
///
/// Built once per document and width (one pass over the text); drawing then lays
/// out only the lines on screen. Lines break at spaces where they can, never inside
/// a wide character; a word longer than the width is broken. Tabs expand to the next
/// multiple of `tabWidth`. The asterisks of a Markdown speaker label (`**Roger Watson:**`)
/// take no cells: the label shows as the name, the stored text and its offsets unchanged.
/// Laid out pseudonymised (`:pseudonyms on`), a real name's first offset shows its
/// pseudonym and the rest of the name takes no cells: offsets still count in the stored
/// text, so coding while pseudonyms show codes the same words.
public struct TranscriptLayout: Equatable, Sendable {
    /// One screen line of the transcript.
    public struct Line: Equatable, Sendable {
        /// First scalar on the line.
        public var start: Int
        /// End of the line's text (exclusive), before any newline.
        public var end: Int
        /// The turn (1-based number) the line belongs to, if any.
        public var turn: Int?
        /// True for the first line of a turn.
        public var startsTurn: Bool
        /// The source line number (1-based) when this line starts one.
        public var sourceLine: Int?
    }

    public static let tabWidth = 4

    public let width: Int
    public let lines: [Line]
    /// Offsets shown in no cell: the asterisks of Markdown speaker labels, and the rest of
    /// a real name shown as its pseudonym.
    public let hidden: Set<Int>
    /// What is shown at an offset instead of its character: a pseudonym, at its name's start.
    public let shown: [Int: String]

    public init(text: ScalarText, turns: [Turn], width: Int, pseudonymised: PseudonymisedText? = nil) {
        self.width = max(1, width)
        var hidden = Set<Int>()
        for turn in turns where turn.speechStart > turn.start {
            for offset in turn.start..<turn.speechStart where text[offset] == "*" { hidden.insert(offset) }
        }
        var shown: [Int: String] = [:]
        if let pseudonymised {
            let scalars = Array(pseudonymised.text.unicodeScalars)
            for replacement in pseudonymised.replacements {
                shown[replacement.original.lowerBound] = String(
                    String.UnicodeScalarView(scalars[replacement.written]))
                hidden.formUnion(replacement.original.dropFirst())
            }
        }
        self.hidden = hidden
        self.shown = shown
        var lines: [Line] = []
        var sourceLine = 0
        let turnStarts = turns.map(\.start)
        let startsOfTurns = Set(turnStarts)
        /// The turn whose span (up to the next turn) holds `offset`.
        func turnOf(_ offset: Int) -> Int? {
            var low = 0, high = turnStarts.count - 1, found = -1
            while low <= high {
                let mid = (low + high) / 2
                if turnStarts[mid] <= offset { found = mid; low = mid + 1 } else { high = mid - 1 }
            }
            return found >= 0 ? turns[found].index : nil
        }
        var lineStart = 0
        let scalars = text.scalars
        let count = scalars.count
        func emit(_ start: Int, _ end: Int, newSource: Bool) {
            lines.append(
                Line(
                    start: start, end: end, turn: turnOf(start), startsTurn: startsOfTurns.contains(start),
                    sourceLine: newSource ? sourceLine : nil))
        }
        while lineStart <= count {
            sourceLine += 1
            var lineEnd = lineStart
            while lineEnd < count, scalars[lineEnd] != "\n" { lineEnd += 1 }
            // Wrap [lineStart, lineEnd).
            var start = lineStart
            var column = 0
            var lastBreak = -1
            var i = lineStart
            var first = true
            if lineStart == lineEnd { emit(lineStart, lineEnd, newSource: true) }
            while i < lineEnd {
                let scalar = scalars[i]
                let w = Self.cells(i, scalar, column: column, hidden: hidden, shown: shown)
                if column + w > self.width, i > start {
                    let breakAt = lastBreak > start ? lastBreak : i
                    emit(start, breakAt, newSource: first)
                    first = false
                    start = breakAt
                    column = 0
                    lastBreak = -1
                    for j in start..<i {
                        column += Self.cells(j, scalars[j], column: column, hidden: hidden, shown: shown)
                    }
                    continue
                }
                column += w
                if scalar == " " || scalar == "\t" { lastBreak = i + 1 }
                i += 1
            }
            if start < lineEnd { emit(start, lineEnd, newSource: first) }
            lineStart = lineEnd + 1
            if lineEnd == count { break }
        }
        self.lines = lines
    }

    /// The index of the screen line holding `offset` (a line's end belongs to it
    /// when the next line does not start there).
    public func lineIndex(of offset: Int) -> Int {
        guard !lines.isEmpty else { return 0 }
        var low = 0, high = lines.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lines[mid].start <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The screen column of `offset` on its line.
    public func column(of offset: Int, in text: ScalarText) -> Int {
        let line = lines[lineIndex(of: offset)]
        var column = 0
        for i in line.start..<min(offset, line.end) {
            column += Self.cells(i, text[i], column: column, hidden: hidden, shown: shown)
        }
        return column
    }

    /// The offset on line `index` nearest to screen column `column`.
    public func offset(line index: Int, column target: Int, in text: ScalarText) -> Int {
        let line = lines[max(0, min(index, lines.count - 1))]
        var column = 0
        var i = line.start
        while i < line.end {
            let w = Self.cells(i, text[i], column: column, hidden: hidden, shown: shown)
            if column + w > target { break }
            column += w
            i += 1
        }
        return i
    }

    /// The cells the character at `offset` takes at `column`: none when hidden, its
    /// pseudonym's width where one is shown, a tab to the next stop, else its width.
    static func cells(_ offset: Int, _ scalar: Unicode.Scalar, column: Int, hidden: Set<Int>, shown: [Int: String])
        -> Int
    {
        if hidden.contains(offset) { return 0 }
        if let pseudonym = shown[offset] { return DisplayWidth.of(pseudonym) }
        return scalar == "\t" ? tabWidth - column % tabWidth : DisplayWidth.of(scalar)
    }

    /// A passage (a screen's context around a stretch) laid out as the workbench shows it:
    /// with `pseudonyms` (`:pseudonyms on`), each real name as its pseudonym.
    public init(passage text: ScalarText, width: Int, pseudonyms: Pseudonymiser?) {
        self.init(
            text: text, turns: [], width: width,
            pseudonymised: pseudonyms.map { $0.pseudonymise(text.slice(0, text.length)) })
    }

    /// What the character at `offset` shows: the pseudonym that starts there, nothing
    /// where it is hidden, else the character itself (drawn as scalars, which the
    /// screen's own pseudonymiser does not read again).
    public func shows(_ offset: Int, in text: ScalarText) -> String? {
        if let pseudonym = shown[offset] { return pseudonym }
        return hidden.contains(offset) ? nil : String(text[offset])
    }
}
