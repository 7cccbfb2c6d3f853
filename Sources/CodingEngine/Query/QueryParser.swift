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
public struct QueryParser {
    struct Token: Equatable {
        enum Kind: Equatable { case word, quoted, open, close, comparison }
        var kind: Kind
        var text: String
        var column: Int
    }

    /// Words the grammar gives a meaning to; a code with such a name is written in quotes.
    static let keywords: Set<String> = ["and", "or", "not", "overlaps", "within", "near", "words", "word", "followed", "by",
                                        "turns", "turn", "same"]

    private var tokens: [Token] = []
    private var index = 0
    private let source: String

    /// Parses `source`, or throws `EngineError.querySyntax`.
    public static func parse(_ source: String) throws -> QueryExpression {
        var parser = try QueryParser(source)
        guard !parser.tokens.isEmpty else { throw EngineError.querySyntax(query: source, column: 1, problem: "the query is empty; write a code path, e.g. Processes/Intuiting") }
        let expression = try parser.parseOr()
        if let extra = parser.peek {
            throw parser.error(at: extra, "expected and, or, a relation (overlaps, within, near, followed by, same turn) or the end")
        }
        return expression
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
                    if characters[i] == "\\", i + 1 < characters.count, characters[i + 1] == "\"" { text.append("\""); i += 2; continue }
                    if characters[i] == "\"" { closed = true; i += 1; break }
                    text.append(characters[i])
                    i += 1
                }
                guard closed else {
                    throw EngineError.querySyntax(query: source, column: column, problem: "this quotation is not closed; end it with \"")
                }
                tokens.append(Token(kind: .quoted, text: text, column: column))
                continue
            }
            if "=!<>".contains(c) {
                var text = String(c)
                if i + 1 < characters.count, characters[i + 1] == "=" { text.append("="); i += 1 }
                guard QueryExpression.Comparison(rawValue: text) != nil else {
                    throw EngineError.querySyntax(query: source, column: column, problem: "\"\(text)\" is not a comparison; use =, !=, <, <=, > or >=")
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

    private mutating func parseOr() throws -> QueryExpression {
        var left = try parseAnd()
        while isKeyword("or") {
            index += 1
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws -> QueryExpression {
        var left = try parseRelation()
        while isKeyword("and") {
            index += 1
            left = .and(left, try parseRelation())
        }
        return left
    }

    private mutating func parseRelation() throws -> QueryExpression {
        var left = try parseUnary()
        while var relation = try parseRelationWord() {
            let right = try parseUnary()
            // "A followed by B within N turns": the distance comes after B.
            if case .followedBy = relation, isKeyword("within"), index + 1 < tokens.count, Int(tokens[index + 1].text) != nil {
                index += 1
                let turns = try number("a number of turns")
                guard isKeyword("turns") || isKeyword("turn") else { throw error(at: peek, "expected \"turns\" after within \(turns)") }
                index += 1
                relation = .followedBy(turns: turns)
            }
            left = .relation(left, relation, right)
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
            guard isKeyword("words") || isKeyword("word") else { throw error(at: peek, "expected \"words\" after near \(n)") }
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
        guard let token = peek, token.kind == .word, let n = Int(token.text), n >= 0 else { throw error(at: peek, "expected \(expected)") }
        index += 1
        return n
    }

    private mutating func parseUnary() throws -> QueryExpression {
        if isKeyword("not") {
            index += 1
            return .not(try parseUnary())
        }
        guard let token = take() else { throw error(at: nil, "expected a code, coder:, speaker:, text:~, case., doc., not or (") }
        switch token.kind {
        case .open:
            let inner = try parseOr()
            guard let close = take(), close.kind == .close else { throw error(at: tokens.indices.contains(index - 1) ? tokens[index - 1] : nil, "expected ) to close the ( at column \(token.column)") }
            return inner
        case .close, .comparison:
            throw error(at: token, "expected a code, coder:, speaker:, text:~, case., doc., not or (")
        case .quoted:
            return .code(path: token.text, column: token.column)
        case .word:
            return try term(token)
        }
    }

    private mutating func term(_ token: Token) throws -> QueryExpression {
        let word = token.text
        let lower = word.lowercased()
        for (prefix, make) in [("coder:", { QueryExpression.coder(name: $0, column: token.column) }),
                               ("speaker:", { QueryExpression.speaker(name: $0, column: token.column) }),
                               ("document:", { QueryExpression.document(name: $0, column: token.column) }),
                               ("doc:", { QueryExpression.document(name: $0, column: token.column) })] as [(String, (String) -> QueryExpression)] {
            guard lower.hasPrefix(prefix) else { continue }
            let rest = String(word.dropFirst(prefix.count))
            if !rest.isEmpty { return make(rest) }
            guard let value = peek, value.kind == .quoted || value.kind == .word else { throw error(at: peek, "expected a name after \(prefix)") }
            index += 1
            return make(value.text)
        }
        if lower == "text:~" {
            guard let value = take(), value.kind == .quoted || value.kind == .word else { throw error(at: peek, "expected a regular expression after text:~") }
            return .text(pattern: value.text, column: value.column)
        }
        for scope in [QueryExpression.AttributeScope.case, .document] where lower.hasPrefix(scope.rawValue + ".") {
            let key = String(word.dropFirst(scope.rawValue.count + 1))
            guard !key.isEmpty else { throw error(at: token, "expected an attribute name after \(scope.rawValue).") }
            guard let op = take(), op.kind == .comparison, let comparison = QueryExpression.Comparison(rawValue: op.text) else {
                throw error(at: tokens.indices.contains(index - 1) ? tokens[index - 1] : nil, "expected =, !=, <, <=, > or >= after \(word)")
            }
            guard let value = take(), value.kind == .quoted || value.kind == .word else { throw error(at: peek, "expected a value after \(word) \(op.text)") }
            return .attribute(scope: scope, key: key, comparison: comparison, value: value.text, column: token.column)
        }
        if Self.keywords.contains(lower) {
            throw error(at: token, "expected a code, coder:, speaker:, text:~, case., doc., not or ( (a code named \"\(word)\" goes in quotes)")
        }
        return .code(path: word, column: token.column)
    }
}
