/// How a command names the passages to code.
public enum PassageSelector: Equatable, Sendable {
    /// `[start, end)` in Unicode scalars.
    case range(start: Int, end: Int)
    /// The words of turn `k` (1-based), without its speaker label.
    case turn(Int)
    /// Every match of a regular expression, widened to `unit`.
    case match(pattern: String, unit: MatchUnit)

    /// What a regular-expression match is widened to before it is coded.
    public enum MatchUnit: String, CaseIterable, Sendable {
        case match, sentence, turn
    }

    /// The ranges of `document` this selector names, sorted; matches widened to the
    /// same sentence or turn are coded once, and overlapping ones are joined.
    public func ranges(in document: Document) throws -> [TextRange] {
        let text = ScalarText(document.text)
        switch self {
        case .range(let start, let end):
            guard start >= 0, end <= text.length, start <= end else {
                throw EngineError.rangeOutsideDocument(
                    document: document.name, start: start, end: end, length: text.length)
            }
            guard end > start else { throw EngineError.emptyRange(document: document.name, start: start, end: end) }
            return [TextRange(start, end)]
        case .turn(let k):
            guard let turn = document.turns.first(where: { $0.index == k }) else {
                throw EngineError.unknownTurn(document: document.name, turn: k, turns: document.turns.count)
            }
            guard turn.speech.length > 0 else {
                throw EngineError.emptyRange(document: document.name, start: turn.speechStart, end: turn.end)
            }
            return [turn.speech]
        case .match(let pattern, let unit):
            let found = try PatternSearch.matches(of: pattern, in: document.text, document: document.name)
            guard !found.isEmpty else { throw EngineError.noMatches(pattern: pattern, document: document.name) }
            return Self.widen(found, to: unit, in: document, text: text)
        }
    }

    /// Matches widened to their sentence or turn (or kept as they are), joined where
    /// they overlap: what coding a match codes.
    public static func widen(_ found: [TextRange], to unit: MatchUnit, in document: Document, text: ScalarText)
        -> [TextRange]
    {
        switch unit {
        case .match:
            return TextRange.union(found)
        case .turn:
            return TextRange.union(
                found.map { span in
                    document.turns.first(where: { $0.start <= span.start && span.start < max($0.end, $0.start + 1) })?
                        .speech ?? span
                }.filter { $0.length > 0 })
        case .sentence:
            return TextRange.union(
                found.map { span in
                    let turn = document.turns.first(where: { $0.speechStart <= span.start && span.start < $0.end })
                    let within = turn?.speech ?? TextRange(0, text.length)
                    return Sentences.sentenceSpan(in: text, within: within, covering: span)
                })
        }
    }
}
