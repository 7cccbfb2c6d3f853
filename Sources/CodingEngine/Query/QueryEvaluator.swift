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

    /// The passages a query selects in one document, with the document's text and the
    /// place of each passage in the text's UTF-8.
    public struct DocumentPassages {
        public var document: String
        public var caseName: String
        /// Scalar offsets, end exclusive, in order.
        public var ranges: [TextRange]
        public var text: String
        /// Where each of `ranges` lies in `text.utf8`.
        public var byteRanges: [Range<Int>]
    }

    struct DocumentData {
        var id: Int64
        var name: String
        var caseName: String
        var length: Int
        var properties: [CaseAttribute]
        var speakers: [String]
    }

    private let store: any CodingStore
    private let source: String
    private let documents: [DocumentData]
    private let codebook: Codebook
    /// Coders by their stored names.
    private let coderIDs: [String: Int64]
    private let caseAttributes: [String: [CaseAttribute]]
    /// Spans by document, then code.
    /// Spans by document: of the codes the query names (every coding when it names a coder).
    private var spans: [Int64: [CodingSpan]] = [:]
    private var spansLoaded = false
    private var turnCache: [Int64: [Turn]] = [:]
    private var textCache: [Int64: String] = [:]
    /// The codes each code reference stands for (a folder: every code below it).
    private var codeIDs: [String: Set<Int64>] = [:]
    /// The word index of the last document that needed one (one at a time: they are big).
    private var wordStarts: (document: Int64, index: (starts: [Int32], spaces: [Bool]))?
    /// Matches of each text pattern in each document, found up front on every core.
    private var textMatches: [String: [Int64: [TextRange]]] = [:]

    /// Runs `query` (its text, for messages, and its tree) against `store`.
    public static func run(_ text: String, on store: any CodingStore) throws -> [Passage] {
        var result: [Passage] = []
        try run(text, on: store) { (found: DocumentPassages) in
            var text = found.text
            text.withUTF8 { bytes in
                for (range, bytesRange) in zip(found.ranges, found.byteRanges) {
                    let cut = String(decoding: UnsafeBufferPointer(rebasing: bytes[bytesRange]), as: UTF8.self)
                    result.append(Passage(document: found.document, caseName: found.caseName, range: range, text: cut))
                }
            }
        }
        return result
    }

    /// Runs `query` against `store`, handing on each document's passages together, in
    /// document order, with the document's text and where each passage lies in its
    /// UTF-8: what a writer needs to copy the passages out without a string for each.
    public static func run(
        _ text: String, on store: any CodingStore, eachDocument body: (DocumentPassages) throws -> Void
    ) throws {
        let expression = try QueryParser.parse(text)
        var evaluator = try QueryEvaluator(store, source: text)
        try evaluator.passages(expression, each: body)
    }

    init(_ store: any CodingStore, source: String) throws {
        self.store = store
        self.source = source
        codebook = try store.codebook()
        documents = try store.documents().map {
            DocumentData(
                id: $0.id, name: $0.name, caseName: $0.caseName, length: $0.length, properties: $0.properties,
                speakers: $0.speakers)
        }
        var ids: [String: Int64] = [:]
        for (id, name) in try store.coderNames() { ids[name] = id }
        coderIDs = ids
        var attributes: [String: [CaseAttribute]] = [:]
        for item in try store.cases() { attributes[item.name] = item.attributes }
        caseAttributes = attributes
    }

    // MARK: Checking names

    /// The coder `typed` names, as everywhere: exactly that name, else the one whose
    /// name differs only in case (`Project.storedCoderID`).
    private func coderID(_ typed: String) -> Int64? {
        let name = Name.normalized(Name.trimmed(typed))
        if let id = coderIDs[name] { return id }
        let alike = coderIDs.filter { $0.key.lowercased() == name.lowercased() }
        return alike.count == 1 ? alike.first?.value : nil
    }

    /// Refuses, naming it and its column, a code, coder, speaker, document or
    /// attribute the project does not have, and a pattern that is not one.
    mutating func check(_ expression: QueryExpression) throws {
        switch expression {
        case .code(let path, let column):
            let code = try resolve(path, column: column)
            codeIDs[path] = Set(codebook.subtree(of: code.id).map(\.id))
        case .coder(let name, let column):
            let alike = coderIDs.keys.filter { $0.lowercased() == Name.normalized(name).lowercased() }
            if coderID(name) == nil, alike.count > 1 { throw EngineError.coderAmbiguous(name, alike.sorted()) }
            guard coderID(name) != nil else {
                throw EngineError.queryUnknown(
                    query: source, column: column, what: "coder \"\(name)\"",
                    hint: "the coders are " + coderIDs.keys.sorted().joined(separator: ", "))
            }
        case .document(let name, let column):
            guard documents.contains(where: { $0.name == name }) else {
                throw EngineError.queryUnknown(
                    query: source, column: column, what: "document \"\(name)\"",
                    hint: "`intertwine documents` lists them")
            }
        case .speaker(let name, let column):
            guard try speakers().contains(name.lowercased()) else {
                throw EngineError.queryUnknown(
                    query: source, column: column, what: "speaker \"\(name)\"",
                    hint: "`intertwine documents` lists each document's speakers")
            }
        case .text(let pattern, let column):
            do { _ = try NSRegularExpression(pattern: pattern) } catch {
                throw EngineError.querySyntax(
                    query: source, column: column, problem: "\"\(pattern)\" is not a regular expression")
            }
        case .attribute(let scope, let key, let comparison, let value, let column):
            let values = scope == .case ? caseAttributes.values.flatMap { $0 } : documents.flatMap(\.properties)
            let named = values.filter { $0.key == key }
            guard let first = named.first else {
                let known = Set(values.map(\.key)).sorted()
                throw EngineError.queryUnknown(
                    query: source, column: column,
                    what: "\(scope == .case ? "case attribute" : "document property") \"\(key)\"",
                    hint: known.isEmpty ? "there are none yet" : "there are " + known.joined(separator: ", "))
            }
            if let number = Double(value), !number.isFinite {
                throw EngineError.querySyntax(
                    query: source, column: column,
                    problem:
                        "\(scope.rawValue).\(key) \(comparison.rawValue) \(value): \(value) is not a number to compare with; write a finite number, e.g. > 20"
                )
            }
            if let problem = Self.comparisonProblem(first.value, comparison, value) {
                throw EngineError.querySyntax(
                    query: source, column: column, problem: "\(scope.rawValue).\(key) \(problem)")
            }
        case .and(let a, let b), .or(let a, let b), .relation(let a, _, let b):
            try check(a)
            try check(b)
        case .not(let a):
            try check(a)
        }
    }

    /// The code a reference names: its path, or (when no path is so) the one code
    /// anywhere with that name.
    private func resolve(_ path: String, column: Int) throws -> Code {
        if let code = codebook.code(path: path) { return code }
        let named = codebook.codes.filter { $0.name.lowercased() == path.lowercased() }
        if named.count == 1 { return named[0] }
        if named.count > 1 {
            throw EngineError.queryUnknown(
                query: source, column: column, what: "single code \"\(path)\"",
                hint: "several codes have that name: write the path, one of "
                    + named.map(\.path).joined(separator: ", "))
        }
        throw EngineError.queryUnknown(
            query: source, column: column, what: "code \"\(path)\"",
            hint: "`intertwine codebook` lists the code paths; a path with spaces goes in \"quotes\"")
    }

    // MARK: Evaluating

    /// Reads the codings the query needs: those of the codes it names, or every coding
    /// when a part names a coder.
    private mutating func loadSpans(_ expression: QueryExpression) throws {
        guard !spansLoaded else { return }
        spansLoaded = true
        let namesCoder = expression.leaves.contains { if case .coder = $0 { return true } else { return false } }
        let loaded =
            namesCoder
            ? try store.codingSpans(coder: nil)
            : try store.codingSpans(codeIDs: codeIDs.values.reduce(into: Set<Int64>()) { $0.formUnion($1) })
        for span in loaded { spans[span.documentID, default: []].append(span) }
    }

    mutating func passages(_ expression: QueryExpression, each body: (DocumentPassages) throws -> Void) throws {
        try check(expression)
        try loadSpans(expression)
        // Every text pattern is searched before the first passage is handed on, so that a
        // pattern stopped as too slow fails the query before any of its output is written.
        for case .text(let pattern, _) in expression.leaves where textMatches[pattern] == nil {
            try findEverywhere(pattern)
        }
        for document in documents {
            let ranges = try evaluate(expression, document, coders: nil)
            guard !ranges.isEmpty else { continue }
            let text = try text(document)
            try body(
                DocumentPassages(
                    document: document.name, caseName: document.caseName, ranges: ranges, text: text,
                    byteRanges: Self.byteRanges(in: text, ranges)))
        }
    }

    /// The characters of `document` that `expression` selects; `coders`, when set,
    /// limits code references to those coders' codings.
    mutating func evaluate(_ expression: QueryExpression, _ document: DocumentData, coders: Set<Int64>?) throws
        -> [TextRange]
    {
        switch expression {
        case .code(let path, let column):
            if codeIDs[path] == nil {
                codeIDs[path] = Set(codebook.subtree(of: try resolve(path, column: column).id).map(\.id))
            }
            let ids = codeIDs[path] ?? []
            return TextRange.union(
                (spans[document.id] ?? []).filter { ids.contains($0.codeID) && (coders?.contains($0.coderID) ?? true) }
                    .map { TextRange($0.start, $0.end) })
        case .coder(let name, _):
            return coderID(name).map { coded(by: $0, document) } ?? []
        case .document(let name, _):
            return name == document.name && document.length > 0 ? [TextRange(0, document.length)] : []
        case .speaker(let name, _):
            let wanted = name.lowercased()
            guard document.speakers.contains(where: { $0.lowercased() == wanted }) else { return [] }
            return TextRange.union(
                try turns(document).filter { $0.speaker?.lowercased() == wanted && $0.end > $0.speechStart }
                    .map { TextRange($0.speechStart, $0.end) })
        case .text(let pattern, _):
            if textMatches[pattern] == nil { try findEverywhere(pattern) }
            return TextRange.union(textMatches[pattern]?[document.id] ?? [])
        case .attribute(let scope, let key, let comparison, let value, _):
            let attributes = scope == .case ? caseAttributes[document.caseName] ?? [] : document.properties
            guard let attribute = attributes.first(where: { $0.key == key }),
                Self.compare(attribute.value, comparison, value),
                document.length > 0
            else { return [] }
            return [TextRange(0, document.length)]
        case .and:
            // `coder:X and …`: the other parts read X's codings only.
            let parts = Self.conjuncts(expression)
            let coderParts = parts.compactMap { part -> Int64? in
                if case .coder(let name, _) = part { return coderID(name) ?? -1 }
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

    /// Finds `pattern` in every document, on every core, so that a text part costs one
    /// pass over the project rather than one document at a time.
    private mutating func findEverywhere(_ pattern: String) throws {
        let compiled = try PatternSearch.Compiled(pattern)
        let texts = try documents.map { try text($0) }
        let names = documents.map(\.name)
        let slots = ResultSlots<Result<[TextRange], any Error>>(count: documents.count)
        DispatchQueue.concurrentPerform(iterations: texts.count) { i in
            slots[i] = Result { try compiled.matches(in: texts[i], document: names[i]) }
        }
        var found: [Int64: [TextRange]] = [:]
        for (index, document) in documents.enumerated() { found[document.id] = try slots[index]?.get() ?? [] }
        textMatches[pattern] = found
    }

    /// The text one coder (by id) coded in `document`.
    private func coded(by coderID: Int64, _ document: DocumentData) -> [TextRange] {
        TextRange.union((spans[document.id] ?? []).filter { $0.coderID == coderID }.map { TextRange($0.start, $0.end) })
    }

    /// The passages of `left` that stand in `relation` to a passage of `right`.
    private mutating func keep(
        _ left: [TextRange], _ relation: QueryExpression.Relation, _ right: [TextRange],
        _ document: DocumentData
    ) throws -> [TextRange] {
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
                if low < right.count, right[low].start <= l.end { return true } // overlapping or touching
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
        let loaded = try store.turns(ofDocument: document.id)
        turnCache[document.id] = loaded
        return loaded
    }

    private mutating func text(_ document: DocumentData) throws -> String {
        if let known = textCache[document.id] { return known }
        let loaded = try store.text(ofDocument: document.id)
        textCache[document.id] = loaded
        return loaded
    }

    /// Where each of `ranges` (scalar offsets, in order, not overlapping) lies in the
    /// UTF-8 of `text`, from one walk over it.
    static func byteRanges(in text: String, _ ranges: [TextRange]) -> [Range<Int>] {
        var text = text
        return text.withUTF8 { bytes in
            var byte = 0 // the byte where scalar `offset` starts
            var offset = 0
            func advance(to target: Int) {
                while offset < target, byte < bytes.count {
                    byte += 1
                    while byte < bytes.count, bytes[byte] & 0xC0 == 0x80 { byte += 1 }
                    offset += 1
                }
            }
            var result: [Range<Int>] = []
            result.reserveCapacity(ranges.count)
            for range in ranges {
                if range.start < offset { byte = 0; offset = 0 }
                advance(to: range.start)
                let from = byte
                advance(to: range.end)
                result.append(from..<byte)
            }
            return result
        }
    }

    /// A function counting the words between two offsets (as `Words.inText` counts
    /// them in that stretch), from one pass over the text.
    private mutating func wordCounter(_ document: DocumentData) throws -> (Int, Int) -> Int {
        if let known = wordStarts, known.document == document.id { return Self.counter(known.index) }
        let text = try self.text(document)
        let length = document.length
        var starts = [Int32](repeating: 0, count: length + 1)
        var spaces = [Bool](repeating: true, count: length)
        var previousSpace = true
        for (i, scalar) in text.unicodeScalars.enumerated() where i < length {
            let space =
                scalar.value < 0x80
                ? (scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar.value == 0x0B
                    || scalar.value == 0x0C)
                : scalar.properties.isWhitespace
            spaces[i] = space
            starts[i + 1] = starts[i] + (!space && previousSpace ? 1 : 0)
            previousSpace = space
        }
        let index = (starts: starts, spaces: spaces)
        wordStarts = (document.id, index)
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
        Set(documents.flatMap { $0.speakers.map { $0.lowercased() } })
    }

    // MARK: Comparing attributes

    /// Why `value` cannot be compared with an attribute like `stored`, or nil.
    static func comparisonProblem(_ stored: AttributeValue, _ comparison: QueryExpression.Comparison, _ value: String)
        -> String?
    {
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

    /// Whether `stored` is left out of an ordering comparison with the number `value`
    /// because it is not a number itself (a text such as "many").
    static func notANumber(_ stored: AttributeValue, _ comparison: QueryExpression.Comparison, _ value: String) -> Bool
    {
        guard comparison.orders, Double(value) != nil, case .text(let text) = stored else { return false }
        return Double(Name.trimmed(text)).map { !$0.isFinite } ?? true
    }

    /// Notes on what a query left out, for its reader: the cases (or documents) whose
    /// attribute an ordering comparison with a number skipped because it is not a number.
    public static func notes(_ text: String, on store: any CodingStore) throws -> [String] {
        let expression = try QueryParser.parse(text)
        var cases: [String: [CaseAttribute]] = [:]
        for item in try store.cases() { cases[item.name] = item.attributes }
        let documents = try store.documents()
        var notes: [String] = []
        for case .attribute(let scope, let key, let comparison, let value, _) in expression.leaves {
            let holders: [(String, [CaseAttribute])] =
                scope == .case
                ? cases.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
                : documents.map { ($0.name, $0.properties) }
            let skipped = holders.filter { _, attributes in
                attributes.first { $0.key == key }.map { notANumber($0.value, comparison, value) } ?? false
            }.map(\.0)
            guard !skipped.isEmpty else { continue }
            let kind = scope == .case ? "case" : "document"
            notes.append(
                "\(scope.rawValue).\(key) \(comparison.rawValue) \(value) left out \(Words.count(skipped.count, kind)) whose \(key) is not a number: "
                    + Words.list(skipped))
        }
        return notes
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
        case .text(let s):
            // A number compared with a text: as numbers when the text is one, else the
            // text is left out (and said, `notes`), never ordered as letters.
            if comparison.orders, let number = Double(value) {
                guard let stored = Double(Name.trimmed(s)), stored.isFinite else { return false }
                return ordered(stored, number)
            }
            return ordered(s, value)
        }
    }
}
