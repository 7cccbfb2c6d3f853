/// Reads a coding query. The grammar (precedence from loosest to tightest):
///
///     query    = or
///     or       = and { "or" and }
///     and      = relation { "and" relation }
///     relation = unary { ("overlaps" | "within" | "near" N "words" | "same" "turn") unary
///                        | "followed" "by" unary ["within" N "turns"] }
///     unary    = "not" unary | "(" query ")" | term
///     term     = CODE-PATH | "quoted path" | coder:NAME | speaker:NAME | document:NAME | text:~ REGEX
///              | case.KEY OP VALUE | doc.KEY OP VALUE          OP = "=" | "!=" | "<" | "<=" | ">" | ">="
///
/// Names and values with spaces go in double quotes (`\"` for a quote inside). A
/// mistake is an error that names the column (counted in characters from 1) and what
/// was expected there.
///
/// Every walk of a query is bounded: the tree is at most `maximumDepth` deep (a chain
/// of `and` or `or` is built balanced, so a long list of codes costs little depth;
/// parentheses, `not` and relations each cost one) and has at most `maximumParts`
/// parts, so neither the parser nor what evaluates its tree can run out of stack.
public struct QueryParser {
    /// The deepest query tree read, as XML elements are (`XMLTree.maximumDepth`).
    public static let maximumDepth = 256
    /// The most parts (codes, coders, speakers, patterns, attributes) one query may name.
    public static let maximumParts = 10_000

    /// An expression being built, with its tree's depth.
    private struct Built {
        var expression: QueryExpression
        var depth: Int
    }

    struct Token: Equatable {
        enum Kind: Equatable { case word, quoted, open, close, comparison }
        var kind: Kind
        var text: String
        var column: Int
    }

    /// Words the grammar gives a meaning to; a code with such a name is written in quotes.
    static let keywords: Set<String> = [
        "and", "or", "not", "overlaps", "within", "near", "words", "word", "followed", "by",
        "turns", "turn", "same",
    ]

    private var tokens: [Token] = []
    private var index = 0
    private let source: String
    /// Parentheses and `not`s open around the token being read.
    private var nesting = 0
    private var parts = 0

    /// Parses `source`, or throws `EngineError.querySyntax`.
    public static func parse(_ source: String) throws -> QueryExpression {
        var parser = try QueryParser(source)
        guard !parser.tokens.isEmpty else {
            throw EngineError.querySyntax(
                query: source, column: 1, problem: "the query is empty; write a code path, e.g. Processes/Intuiting")
        }
        let expression = try parser.parseOr()
        if let extra = parser.peek {
            throw parser.error(
                at: extra, "expected and, or, a relation (overlaps, within, near, followed by, same turn) or the end")
        }
        return expression.expression
    }

    private init(_ source: String) throws {
        self.source = source
        tokens = try Self.tokenize(source)
    }

    // MARK: Tokens

    static func tokenize(_ source: String) throws -> [Token] {
        let characters = Array(source)
        var tokens: [Token] = []
        var i = 0
        while i < characters.count {
            let c = characters[i]
            let column = i + 1
            if c.isWhitespace { i += 1; continue }
            if c == "(" || c == ")" {
                tokens.append(Token(kind: c == "(" ? .open : .close, text: String(c), column: column))
                i += 1
                continue
            }
            if c == "\"" {
                var text = ""
                i += 1
                var closed = false
                while i < characters.count {
                    if characters[i] == "\\", i + 1 < characters.count, characters[i + 1] == "\"" {
                        text.append("\""); i += 2; continue
                    }
                    if characters[i] == "\"" { closed = true; i += 1; break }
                    text.append(characters[i])
                    i += 1
                }
                guard closed else {
                    throw EngineError.querySyntax(
                        query: source, column: column, problem: "this quotation is not closed; end it with \"")
                }
                tokens.append(Token(kind: .quoted, text: text, column: column))
                continue
            }
            if "=!<>".contains(c) {
                var text = String(c)
                if i + 1 < characters.count, characters[i + 1] == "=" { text.append("="); i += 1 }
                guard QueryExpression.Comparison(rawValue: text) != nil else {
                    throw EngineError.querySyntax(
                        query: source, column: column,
                        problem: "\"\(text)\" is not a comparison; use =, !=, <, <=, > or >=")
                }
                tokens.append(Token(kind: .comparison, text: text, column: column))
                i += 1
                continue
            }
            var text = ""
            while i < characters.count, !characters[i].isWhitespace, !"()\"".contains(characters[i]) {
                // A comparison ends a word of an attribute (case.employees>50).
                if "=!<>".contains(characters[i]), text.hasPrefix("case.") || text.hasPrefix("doc.") { break }
                text.append(characters[i])
                i += 1
                // text:~ is a word of its own, what follows it the pattern.
                if text == "text:~" { break }
            }
            tokens.append(Token(kind: .word, text: text, column: column))
        }
        return tokens
    }

    // MARK: Grammar

    private var peek: Token? { index < tokens.count ? tokens[index] : nil }

    private func isKeyword(_ word: String) -> Bool {
        guard let token = peek, token.kind == .word else { return false }
        return token.text.lowercased() == word
    }

    private mutating func take() -> Token? {
        defer { index += 1 }
        return peek
    }

    private func error(at token: Token?, _ expected: String) -> EngineError {
        let column = token?.column ?? source.count + 1
        let found = token.map { "found \"\($0.text)\"" } ?? "found the end of the query"
        return .querySyntax(query: source, column: column, problem: "\(expected); \(found)")
    }

    private mutating func parseOr() throws -> Built {
        let first = tokens.indices.contains(index) ? tokens[index] : nil
        var parts = [try parseAnd()]
        while isKeyword("or") {
            index += 1
            parts.append(try parseAnd())
        }
        return try balanced(parts[...], at: first, QueryExpression.or)
    }

    private mutating func parseAnd() throws -> Built {
        let first = tokens.indices.contains(index) ? tokens[index] : nil
        var parts = [try parseRelation()]
        while isKeyword("and") {
            index += 1
            parts.append(try parseRelation())
        }
        return try balanced(parts[...], at: first, QueryExpression.and)
    }

    /// `parts` joined by `join` (and, or) as a balanced tree, the left half the larger:
    /// three parts are ((a b) c), as read left to right.
    private func balanced(
        _ parts: ArraySlice<Built>, at token: Token?, _ join: (QueryExpression, QueryExpression) -> QueryExpression
    ) throws -> Built {
        guard parts.count > 1 else { return parts[parts.startIndex] }
        let middle = parts.startIndex + (parts.count + 1) / 2
        let left = try balanced(parts[..<middle], at: token, join),
            right = try balanced(parts[middle...], at: token, join)
        return try built(join(left.expression, right.expression), depth: max(left.depth, right.depth) + 1, at: token)
    }

    /// `expression`, unless its tree is deeper than `maximumDepth`.
    private func built(_ expression: QueryExpression, depth: Int, at token: Token?) throws -> Built {
        guard depth <= Self.maximumDepth else {
            throw error(
                at: token,
                "the query nests more than \(Self.maximumDepth) deep (parentheses, not and relations); split it into saved queries"
            )
        }
        return Built(expression: expression, depth: depth)
    }

    private mutating func parseRelation() throws -> Built {
        var left = try parseUnary()
        while var relation = try parseRelationWord() {
            let word = tokens[index - 1]
            let right = try parseUnary()
            // "A followed by B within N turns": the distance comes after B.
            if case .followedBy = relation, isKeyword("within"), index + 1 < tokens.count,
                Int(tokens[index + 1].text) != nil
            {
                index += 1
                let turns = try number("a number of turns")
                guard isKeyword("turns") || isKeyword("turn") else {
                    throw error(at: peek, "expected \"turns\" after within \(turns)")
                }
                index += 1
                relation = .followedBy(turns: turns)
            }
            left = try built(
                .relation(left.expression, relation, right.expression), depth: max(left.depth, right.depth) + 1,
                at: word)
        }
        return left
    }

    private mutating func parseRelationWord() throws -> QueryExpression.Relation? {
        if isKeyword("overlaps") { index += 1; return .overlaps }
        if isKeyword("within") { index += 1; return .within }
        if isKeyword("same") {
            index += 1
            guard isKeyword("turn") else { throw error(at: peek, "expected \"turn\" after \"same\"") }
            index += 1
            return .sameTurn
        }
        if isKeyword("near") {
            index += 1
            let n = try number("a number of words after \"near\", e.g. near 20 words")
            guard isKeyword("words") || isKeyword("word") else {
                throw error(at: peek, "expected \"words\" after near \(n)")
            }
            index += 1
            return .near(words: n)
        }
        if isKeyword("followed") {
            index += 1
            guard isKeyword("by") else { throw error(at: peek, "expected \"by\" after \"followed\"") }
            index += 1
            return .followedBy(turns: 1)
        }
        return nil
    }

    private mutating func number(_ expected: String) throws -> Int {
        guard let token = peek, token.kind == .word, let n = Int(token.text), n >= 0 else {
            throw error(at: peek, "expected \(expected)")
        }
        index += 1
        return n
    }

    private mutating func parseUnary() throws -> Built {
        if isKeyword("not") {
            let word = tokens[index]
            index += 1
            try enter(word)
            defer { nesting -= 1 }
            let inner = try parseUnary()
            return try built(.not(inner.expression), depth: inner.depth + 1, at: word)
        }
        guard let token = take() else {
            throw error(at: nil, "expected a code, coder:, speaker:, text:~, case., doc., not or (")
        }
        switch token.kind {
        case .open:
            try enter(token)
            defer { nesting -= 1 }
            let inner = try parseOr()
            guard let close = take(), close.kind == .close else {
                throw error(
                    at: tokens.indices.contains(index - 1) ? tokens[index - 1] : nil,
                    "expected ) to close the ( at column \(token.column)")
            }
            return inner
        case .close, .comparison:
            throw error(at: token, "expected a code, coder:, speaker:, text:~, case., doc., not or (")
        case .quoted:
            return try counted(.code(path: token.text, column: token.column), at: token)
        case .word:
            return try counted(try term(token), at: token)
        }
    }

    /// One more `(` or `not` around what follows, refused past `maximumDepth` before the
    /// parser goes deeper.
    private mutating func enter(_ token: Token) throws {
        nesting += 1
        guard nesting <= Self.maximumDepth else {
            throw error(
                at: token, "parentheses and not nested more than \(Self.maximumDepth) deep; no query needs that many")
        }
    }

    /// A part of the query, counted against `maximumParts`.
    private mutating func counted(_ expression: QueryExpression, at token: Token) throws -> Built {
        parts += 1
        guard parts <= Self.maximumParts else {
            throw error(
                at: token,
                "more than \(Words.thousands(Self.maximumParts)) codes, coders, speakers, patterns and attributes in one query; split it into saved queries"
            )
        }
        return Built(expression: expression, depth: 0)
    }

    private mutating func term(_ token: Token) throws -> QueryExpression {
        let word = token.text
        let lower = word.lowercased()
        for (prefix, make) in [
            ("coder:", { QueryExpression.coder(name: $0, column: token.column) }),
            ("speaker:", { QueryExpression.speaker(name: $0, column: token.column) }),
            ("document:", { QueryExpression.document(name: $0, column: token.column) }),
            ("doc:", { QueryExpression.document(name: $0, column: token.column) }),
        ] as [(String, (String) -> QueryExpression)] {
            guard lower.hasPrefix(prefix) else { continue }
            let rest = String(word.dropFirst(prefix.count))
            if !rest.isEmpty { return make(rest) }
            guard let value = peek, value.kind == .quoted || value.kind == .word else {
                throw error(at: peek, "expected a name after \(prefix)")
            }
            index += 1
            return make(value.text)
        }
        if lower == "text:~" {
            guard let value = take(), value.kind == .quoted || value.kind == .word else {
                throw error(at: peek, "expected a regular expression after text:~")
            }
            return .text(pattern: value.text, column: value.column)
        }
        for scope in [QueryExpression.AttributeScope.case, .document] where lower.hasPrefix(scope.rawValue + ".") {
            let key = String(word.dropFirst(scope.rawValue.count + 1))
            guard !key.isEmpty else { throw error(at: token, "expected an attribute name after \(scope.rawValue).") }
            guard let op = take(), op.kind == .comparison,
                let comparison = QueryExpression.Comparison(rawValue: op.text)
            else {
                throw error(
                    at: tokens.indices.contains(index - 1) ? tokens[index - 1] : nil,
                    "expected =, !=, <, <=, > or >= after \(word)")
            }
            guard let value = take(), value.kind == .quoted || value.kind == .word else {
                throw error(at: peek, "expected a value after \(word) \(op.text)")
            }
            return .attribute(scope: scope, key: key, comparison: comparison, value: value.text, column: token.column)
        }
        if Self.keywords.contains(lower) {
            throw error(
                at: token,
                "expected a code, coder:, speaker:, text:~, case., doc., not or ( (a code named \"\(word)\" goes in quotes)"
            )
        }
        return .code(path: word, column: token.column)
    }
}
