/// Sentence boundaries in stored text, for coding by sentence and (later) moving
/// the workbench cursor by sentence.
///
/// A sentence ends after `.`, `!`, `?` or `…` (and any closing quotes or brackets)
/// when white space follows, at a blank line, and at the edges of the given range
/// (a turn's words, so a speaker label is never part of a sentence).
public enum Sentences {
    /// The sentences inside `range`, each without surrounding white space.
    public static func sentences(in text: ScalarText, within range: TextRange) -> [TextRange] {
        var result: [TextRange] = []
        var start = range.start
        var i = range.start
        func emit(_ end: Int) {
            let sentence = TurnFinder.trimmed(text, TextRange(start, end))
            if sentence.length > 0 { result.append(sentence) }
            start = end
        }
        while i < range.end {
            let s = text[i]
            if s == "." || s == "!" || s == "?" || s == "…" {
                var j = i + 1
                while j < range.end, closers.contains(text[j]) || text[j] == "." || text[j] == "!" || text[j] == "?" {
                    j += 1
                }
                if j == range.end || TurnFinder.isSpace(text[j]) {
                    emit(j)
                    i = j
                    continue
                }
            } else if s == "\n", i + 1 < range.end, text[i + 1] == "\n" {
                emit(i)
            }
            i += 1
        }
        emit(range.end)
        return result
    }

    /// The sentences of `range` that `span` touches, joined into one range.
    public static func sentenceSpan(in text: ScalarText, within range: TextRange, covering span: TextRange) -> TextRange
    {
        let touched = sentences(in: text, within: range).filter {
            $0.overlaps(span) || ($0.start <= span.start && span.start < $0.end)
        }
        guard let first = touched.first, let last = touched.last else { return span }
        return TextRange(min(first.start, span.start), max(last.end, span.end))
    }

    private static let closers: Set<Unicode.Scalar> = ["\"", "'", "”", "’", ")", "]", "»"]
}
