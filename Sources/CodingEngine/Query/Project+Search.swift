/// A match of a project-wide search, in its context (keyword in context).
public struct SearchHit: Equatable, Sendable {
    public var document: String
    public var caseName: String
    /// The turn it starts in (1-based) and its speaker.
    public var turn: Int?
    public var speaker: String?
    public var range: TextRange
    /// Up to `SearchHit.context` characters either side, on one line.
    public var before: String
    public var match: String
    public var after: String

    public static let context = 40

    /// What a hit on `range` of `text` shows: up to `context` scalars before, the match,
    /// and up to `context` after, each on one line.
    public static func cut(_ text: ScalarText, _ range: TextRange) -> (before: String, match: String, after: String) {
        func line(_ s: String) -> String { String(s.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }) }
        return (
            line(text.slice(max(0, range.start - context), range.start)), line(text.slice(range.start, range.end)),
            line(text.slice(range.end, min(text.length, range.end + context)))
        )
    }
}

extension Project {
    /// Every match of `pattern` (an ICU regular expression) in every document (or the
    /// ones named), in document order, each with its context and turn.
    public func search(_ pattern: String, documents names: [String] = []) throws -> [SearchHit] {
        var hits: [SearchHit] = []
        let compiled = try PatternSearch.Compiled(pattern)
        for info in try documents() where names.isEmpty || names.contains(info.name) {
            let string = try text(ofDocument: info.id)
            let ranges = try compiled.matches(in: string, document: info.name)
            guard !ranges.isEmpty else { continue }
            let text = ScalarText(string)
            let turns = try self.turns(ofDocument: info.id)
            for range in ranges {
                let turn = turns.last { $0.start <= range.start }
                let (before, match, after) = SearchHit.cut(text, range)
                hits.append(
                    SearchHit(
                        document: info.name, caseName: info.caseName, turn: turn?.index, speaker: turn?.speaker,
                        range: range, before: before, match: match, after: after))
            }
        }
        return hits
    }

    /// The codings that code `hits` with `code` as `coder`, each widened to its
    /// sentence or turn if asked (hits widened to the same passage coded once), leaving
    /// out the passages the coder already coded with the code.
    public func codings(for hits: [SearchHit], unit: PassageSelector.MatchUnit, code: String, coder: String) throws
        -> [NewCoding]
    {
        guard try codebook().code(path: code) != nil else { throw EngineError.unknownCode(code) }
        var result: [NewCoding] = []
        for (name, mine) in Dictionary(grouping: hits, by: \.document).sorted(by: { $0.key < $1.key }) {
            let document = try self.document(named: name)
            let ranges = PassageSelector.widen(
                mine.map(\.range), to: unit, in: document, text: ScalarText(document.text))
            let existing = Set(
                try codings(CodingFilter(coders: [coder], codes: [code], documents: [name]), includeText: false)
                    .filter { $0.code == code }.map(\.range))
            result += ranges.filter { !existing.contains($0) }.map {
                NewCoding(document: name, range: $0, code: code, coder: coder)
            }
        }
        return result
    }

    /// Codes every match of `pattern` in every document (or the ones named), widened to
    /// its sentence or turn if asked, as `coder`, in one transaction; passages the coder
    /// already coded with the code are skipped and counted.
    @discardableResult
    public func codeMatches(
        _ pattern: String, unit: PassageSelector.MatchUnit, with code: String, coder: String,
        documents names: [String] = []
    ) throws -> (result: CodingResult, documents: Int) {
        var codings: [NewCoding] = []
        var touched = 0
        for info in try documents() where names.isEmpty || names.contains(info.name) {
            let ranges: [TextRange]
            do {
                ranges = try PassageSelector.match(pattern: pattern, unit: unit).ranges(
                    in: try document(named: info.name))
            } catch EngineError.noMatches {
                continue
            }
            if !ranges.isEmpty { touched += 1 }
            codings += ranges.map { NewCoding(document: info.name, range: $0, code: code, coder: coder) }
        }
        guard !codings.isEmpty else {
            throw EngineError.noMatches(pattern: pattern, document: names.count == 1 ? names[0] : "any document")
        }
        return (try addCodings(codings, skipExisting: true), touched)
    }
}
