import Yams

/// Codings anchored by the text they cover rather than by offsets, as the demo
/// keeps them in `transcripts/demo-codings.yaml`:
///
/// ```yaml
/// codings:
///   - {doc: brw, coder: ana, code: Processes/Intuiting, quote: "I could sense ...", memo: "..."}
/// ```
/// A quote must occur exactly once in its document, or give `occurrence: N`.
public struct AnchoredCodings: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var document: String
        public var coder: String
        public var code: String
        public var quote: String
        /// Which occurrence of the quote (1-based), when it occurs more than once.
        public var occurrence: Int?
        public var memo: String?
        /// Line in the file, for error messages.
        public var line: Int
    }

    public var entries: [Entry]

    /// Parses the YAML of an anchored-codings file; `file` names it in errors.
    public static func parse(_ yaml: String, file: String) throws -> AnchoredCodings {
        let root = try YAMLProblem.compose(yaml, file: file)
        guard case .mapping(let top)? = root, case .sequence(let list)? = top["codings"] else {
            throw EngineError.invalidFile(file: file, line: 1, problem: "expected `codings:` with a list of codings")
        }
        var entries: [Entry] = []
        for node in list {
            let line = node.mark?.line ?? 1
            guard case .mapping(let m) = node,
                let document = m["doc"]?.string, let coder = m["coder"]?.string,
                let code = m["code"]?.string, let quote = m["quote"]?.string, !quote.isEmpty
            else {
                throw EngineError.invalidFile(
                    file: file, line: line, problem: "each coding needs doc, coder, code and quote")
            }
            entries.append(
                Entry(
                    document: document, coder: coder, code: code, quote: quote,
                    occurrence: m["occurrence"]?.int, memo: m["memo"]?.string, line: line))
        }
        return AnchoredCodings(entries: entries)
    }

    /// Where `quote` stands in `text`: its `occurrence`-th appearance, or its only
    /// one. Nil when it does not occur, or occurs more than once and no occurrence
    /// is given.
    public static func locate(_ quote: String, in text: ScalarText, occurrence: Int? = nil) -> TextRange? {
        let needle = Array(quote.unicodeScalars)
        guard !needle.isEmpty, needle.count <= text.length else { return nil }
        var found: [Int] = []
        let first = needle[0]
        var i = 0
        while i + needle.count <= text.length {
            if text.scalars[i] == first, text.scalars[i..<(i + needle.count)].elementsEqual(needle) {
                found.append(i)
            }
            i += 1
        }
        if let occurrence {
            guard occurrence >= 1, occurrence <= found.count else { return nil }
            return TextRange(found[occurrence - 1], found[occurrence - 1] + needle.count)
        }
        guard found.count == 1 else { return nil }
        return TextRange(found[0], found[0] + needle.count)
    }

    /// Applies every entry to `project`, each coder's codings in one transaction
    /// per document. Throws at the first quote that cannot be placed, naming its line.
    public func apply(to project: Project, file: String) throws {
        var documents: [String: Document] = [:]
        for entry in entries {
            let document = try documents[entry.document] ?? project.document(named: entry.document)
            documents[entry.document] = document
            guard let range = Self.locate(entry.quote, in: ScalarText(document.text), occurrence: entry.occurrence)
            else {
                throw EngineError.invalidFile(
                    file: file, line: entry.line,
                    problem:
                        "the quote \"\(entry.quote.prefix(40))…\" is not found exactly once in \(entry.document); give `occurrence: N`"
                )
            }
            try project.addCodings(
                document: entry.document, ranges: [range], code: entry.code,
                coder: entry.coder, memo: entry.memo)
        }
    }
}
