import Foundation

/// Evaluates a coding query over a project: each part selects characters of each
/// document; `and`, `or` and `not` combine them character by character; a relation
/// keeps the passages (maximal stretches) of its left side that stand so to its right
/// side. The result is the passages that satisfy the whole query.
public struct QueryEvaluator {
    /// A passage a query found.
    public struct Passage: Equatable, Sendable {
        public var document: String
        public var caseName: String
        public var range: TextRange
        public var text: String
    }

    struct DocumentData {
        var id: Int64
        var name: String
        var caseName: String
        var length: Int
        var properties: [CaseAttribute]
    }

    private let store: any CodingStore
    private let source: String
    private let documents: [DocumentData]
    private let codebook: Codebook
    private let coderIDs: [String: Int64]
    private let caseAttributes: [String: [CaseAttribute]]
    /// Spans by document, then code.
    private let spans: [Int64: [CodingSpan]]
    private var turnCache: [Int64: [Turn]] = [:]
    private var textCache: [Int64: ScalarText] = [:]
    private var stringCache: [Int64: String] = [:]
    private var wordStarts: [Int64: (starts: [Int32], spaces: [Bool])] = [:]

    /// Runs `query` (its text, for messages, and its tree) against `store`.
    public static func run(_ text: String, on store: any CodingStore) throws -> [Passage] {
        let expression = try QueryParser.parse(text)
        var evaluator = try QueryEvaluator(store, source: text)
        try evaluator.check(expression)
        return try evaluator.passages(expression)
    }

    init(_ store: any CodingStore, source: String) throws {
        self.store = store
        self.source = source
        codebook = try store.codebook()
        documents = try store.documents().map {
            DocumentData(id: $0.id, name: $0.name, caseName: $0.caseName, length: $0.length, properties: $0.properties)
        }
        var ids: [String: Int64] = [:]
        for (id, name) in try store.coderNames() { ids[name.lowercased()] = id }
        coderIDs = ids
        var attributes: [String: [CaseAttribute]] = [:]
        for item in try store.cases() { attributes[item.name] = item.attributes }
        caseAttributes = attributes
        var byDocument: [Int64: [CodingSpan]] = [:]
        for span in try store.codingSpans(coder: nil) { byDocument[span.documentID, default: []].append(span) }
        spans = byDocument
    }

    // MARK: Checking names

    /// Refuses, naming it and its column, a code, coder, speaker, document or
    /// attribute the project does not have, and a pattern that is not one.
    mutating func check(_ expression: QueryExpression) throws {
        switch expression {
        case .code(let path, let column):
            guard codebook.code(path: path) != nil else {
                throw EngineError.queryUnknown(query: source, column: column, what: "code \"\(path)\"", hint: "`intertwine codebook` lists the code paths; a path with spaces goes in \"quotes\"")
            }
        case .coder(let name, let column):
            guard coderIDs[name.lowercased()] != nil else {
                throw EngineError.queryUnknown(query: source, column: column, what: "coder \"\(name)\"", hint: "the coders are " + coderIDs.keys.sorted().joined(separator: ", "))
            }
        case .document(let name, let column):
            guard documents.contains(where: { $0.name == name }) else {
                throw EngineError.queryUnknown(query: source, column: column, what: "document \"\(name)\"", hint: "`intertwine documents` lists them")
            }
        case .speaker(let name, let column):
            guard try speakers().contains(name.lowercased()) else {
                throw EngineError.queryUnknown(query: source, column: column, what: "speaker \"\(name)\"", hint: "`intertwine documents` lists each document's speakers")
            }
        case .text(let pattern, let column):
            do { _ = try NSRegularExpression(pattern: pattern) } catch {
                throw EngineError.querySyntax(query: source, column: column, problem: "\"\(pattern)\" is not a regular expression")
            }
        case .attribute(let scope, let key, let comparison, let value, let column):
            let values = scope == .case ? caseAttributes.values.flatMap { $0 } : documents.flatMap(\.properties)
            let named = values.filter { $0.key == key }
            guard let first = named.first else {
                let known = Set(values.map(\.key)).sorted()
                throw EngineError.queryUnknown(query: source, column: column, what: "\(scope == .case ? "case attribute" : "document property") \"\(key)\"",
                                               hint: known.isEmpty ? "there are none yet" : "there are " + known.joined(separator: ", "))
            }
            if let problem = Self.comparisonProblem(first.value, comparison, value) {
                throw EngineError.querySyntax(query: source, column: column, problem: "\(scope.rawValue).\(key) \(problem)")
            }
        case .and(let a, let b), .or(let a, let b), .relation(let a, _, let b):
            try check(a)
            try check(b)
        case .not(let a):
            try check(a)
        }
    }

    // MARK: Evaluating

    mutating func passages(_ expression: QueryExpression) throws -> [Passage] {
        var result: [Passage] = []
        for document in documents {
            let ranges = try evaluate(expression, document, coders: nil)
            guard !ranges.isEmpty else { continue }
            let text = try self.text(document)
            for range in ranges {
                result.append(Passage(document: document.name, caseName: document.caseName, range: range, text: text.slice(range.start, range.end)))
            }
        }
        return result
    }

    /// The characters of `document` that `expression` selects; `coders`, when set,
    /// limits code references to those coders' codings.
    mutating func evaluate(_ expression: QueryExpression, _ document: DocumentData, coders: Set<Int64>?) throws -> [TextRange] {
        switch expression {
        case .code(let path, _):
            guard let code = codebook.code(path: path) else { return [] }
            let ids = Set(codebook.subtree(of: code.id).map(\.id))
            return TextRange.union((spans[document.id] ?? []).filter { ids.contains($0.codeID) && (coders?.contains($0.coderID) ?? true) }
                .map { TextRange($0.start, $0.end) })
        case .coder(let name, _):
            return coderIDs[name.lowercased()].map { coded(by: $0, document) } ?? []
        case .document(let name, _):
            return name == document.name && document.length > 0 ? [TextRange(0, document.length)] : []
        case .speaker(let name, _):
            let wanted = name.lowercased()
            return TextRange.union(try turns(document).filter { $0.speaker?.lowercased() == wanted && $0.end > $0.speechStart }
                .map { TextRange($0.speechStart, $0.end) })
        case .text(let pattern, _):
            _ = try self.text(document)
            let matches = try PatternSearch.matches(of: pattern, in: stringCache[document.id] ?? "", document: document.name)
            return TextRange.union(matches.filter { $0.length > 0 })
        case .attribute(let scope, let key, let comparison, let value, _):
            let attributes = scope == .case ? caseAttributes[document.caseName] ?? [] : document.properties
            guard let attribute = attributes.first(where: { $0.key == key }), Self.compare(attribute.value, comparison, value),
                  document.length > 0 else { return [] }
            return [TextRange(0, document.length)]
        case .and:
            // `coder:X and …`: the other parts read X's codings only.
            let parts = Self.conjuncts(expression)
            let coderParts = parts.compactMap { part -> Int64? in
                if case .coder(let name, _) = part { return coderIDs[name.lowercased()] ?? -1 }
                return nil
            }
            let others = parts.filter { if case .coder = $0 { return false } else { return true } }
            if coderParts.isEmpty || others.isEmpty {
                var result = try evaluate(parts[0], document, coders: coders)
                for part in parts.dropFirst() where !result.isEmpty {
                    result = RangeSet.intersection(result, try evaluate(part, document, coders: coders))
                }
                return result
            }
            var result: [TextRange]?
            for coder in coderParts {
                var mine = coded(by: coder, document)
                for part in others where !mine.isEmpty {
                    mine = RangeSet.intersection(mine, try evaluate(part, document, coders: [coder]))
                }
                result = result.map { RangeSet.intersection($0, mine) } ?? mine
            }
            return result ?? []
        case .or(let a, let b):
            return RangeSet.union(try evaluate(a, document, coders: coders), try evaluate(b, document, coders: coders))
        case .not(let a):
            return RangeSet.complement(try evaluate(a, document, coders: coders), length: document.length)
        case .relation(let a, let relation, let b):
            let left = try evaluate(a, document, coders: coders)
            guard !left.isEmpty else { return [] }
            let right = try evaluate(b, document, coders: coders)
            guard !right.isEmpty else { return [] }
            return try keep(left, relation, right, document)
        }
    }

    /// The text one coder (by id) coded in `document`.
    private func coded(by coderID: Int64, _ document: DocumentData) -> [TextRange] {
        TextRange.union((spans[document.id] ?? []).filter { $0.coderID == coderID }.map { TextRange($0.start, $0.end) })
    }

    /// The passages of `left` that stand in `relation` to a passage of `right`.
    private mutating func keep(_ left: [TextRange], _ relation: QueryExpression.Relation, _ right: [TextRange],
                               _ document: DocumentData) throws -> [TextRange] {
        switch relation {
        case .overlaps:
            return left.filter { l in right.contains { $0.overlaps(l) } }
        case .within:
            return left.filter { l in right.contains { $0.start <= l.start && l.end <= $0.end } }
        case .near(let words):
            let count = try wordCounter(document)
            // Only the nearest passages of the right side on either side can be nearest in words.
            return left.filter { l in
                var low = 0, high = right.count
                while low < high {
                    let middle = (low + high) / 2
                    if right[middle].end < l.start { low = middle + 1 } else { high = middle }
                }
                if low < right.count, right[low].start <= l.end { return true }   // overlapping or touching
                if low > 0, count(right[low - 1].end, l.start) <= words { return true }
                return low < right.count && count(l.end, right[low].start) <= words
            }
        case .followedBy(let turns):
            let index = try turnIndex(document)
            return left.filter { l in
                let from = index(max(l.start, l.end - 1))
                return right.contains { r in r.start >= l.end && index(r.start) - from <= turns }
            }
        case .sameTurn:
            let list = try self.turns(document)
            let index = try turnIndex(document)
            return left.filter { l in
                let first = index(l.start), last = index(max(l.start, l.end - 1))
                return right.contains { r in
                    let rFirst = index(r.start), rLast = index(max(r.start, r.end - 1))
                    return !list.isEmpty && rFirst <= last && first <= rLast
                }
            }
        }
    }

    static func conjuncts(_ expression: QueryExpression) -> [QueryExpression] {
        if case .and(let a, let b) = expression { return conjuncts(a) + conjuncts(b) }
        return [expression]
    }

    // MARK: Turns and text

    private mutating func turns(_ document: DocumentData) throws -> [Turn] {
        if let known = turnCache[document.id] { return known }
        let loaded = try store.document(named: document.name)
        turnCache[document.id] = loaded.turns
        textCache[document.id] = ScalarText(loaded.text)
        stringCache[document.id] = loaded.text
        return loaded.turns
    }

    private mutating func text(_ document: DocumentData) throws -> ScalarText {
        if let known = textCache[document.id] { return known }
        _ = try turns(document)
        return textCache[document.id]!
    }

    /// A function counting the words between two offsets (as `Words.inText` counts
    /// them in that stretch), from one pass over the text.
    private mutating func wordCounter(_ document: DocumentData) throws -> (Int, Int) -> Int {
        if let known = wordStarts[document.id] { return Self.counter(known) }
        let text = try self.text(document)
        var starts = [Int32](repeating: 0, count: text.length + 1)
        var spaces = [Bool](repeating: true, count: text.length)
        var previousSpace = true
        for i in 0..<text.length {
            let scalar = text[i]
            let space = scalar.value < 0x80 ? (scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar.value == 0x0B || scalar.value == 0x0C)
                : scalar.properties.isWhitespace
            spaces[i] = space
            starts[i + 1] = starts[i] + (!space && previousSpace ? 1 : 0)
            previousSpace = space
        }
        let index = (starts: starts, spaces: spaces)
        wordStarts[document.id] = index
        return Self.counter(index)
    }

    private static func counter(_ index: (starts: [Int32], spaces: [Bool])) -> (Int, Int) -> Int {
        { from, to in
            guard to > from else { return 0 }
            // A word that the stretch starts inside counts, as it does in the stretch's own text.
            return (index.spaces[from] ? 0 : 1) + Int(index.starts[to] - index.starts[from + 1])
        }
    }

    /// A function from an offset to the index (0-based) of the turn holding it.
    private mutating func turnIndex(_ document: DocumentData) throws -> (Int) -> Int {
        let starts = try turns(document).map(\.start)
        return { offset in
            var low = 0, high = starts.count
            while low < high {
                let middle = (low + high) / 2
                if starts[middle] <= offset { low = middle + 1 } else { high = middle }
            }
            return max(0, low - 1)
        }
    }

    private mutating func speakers() throws -> Set<String> {
        var names = Set<String>()
        for document in documents { for turn in try turns(document) { if let s = turn.speaker { names.insert(s.lowercased()) } } }
        return names
    }

    // MARK: Comparing attributes

    /// Why `value` cannot be compared with an attribute like `stored`, or nil.
    static func comparisonProblem(_ stored: AttributeValue, _ comparison: QueryExpression.Comparison, _ value: String) -> String? {
        switch stored {
        case .integer, .float:
            return Double(value) == nil ? "is a number; compare it with a number, e.g. > 50" : nil
        case .date:
            return AttributeValue.isCalendarDate(value) ? nil : "is a date; compare it with a date written YYYY-MM-DD"
        case .boolean:
            if value != "true", value != "false" { return "is true or false; compare it with true or false" }
            return comparison == .equal || comparison == .notEqual ? nil : "is true or false; compare it with = or !="
        case .text:
            return nil
        }
    }

    static func compare(_ stored: AttributeValue, _ comparison: QueryExpression.Comparison, _ value: String) -> Bool {
        func ordered<T: Comparable>(_ a: T, _ b: T) -> Bool {
            switch comparison {
            case .equal: return a == b
            case .notEqual: return a != b
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            }
        }
        switch stored {
        case .integer(let i): return Double(value).map { ordered(Double(i), $0) } ?? false
        case .float(let d): return Double(value).map { ordered(d, $0) } ?? false
        case .date(let d): return ordered(d, value)
        case .boolean(let b): return ordered(b ? 1 : 0, value == "true" ? 1 : 0)
        case .text(let s): return ordered(s, value)
        }
    }
}
