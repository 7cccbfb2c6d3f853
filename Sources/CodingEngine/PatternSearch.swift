import Foundation

/// Regular-expression search over a document's text, with a time limit.
///
/// Patterns are ICU regular expressions (the syntax of NSRegularExpression). Some
/// patterns take exponential time on some text (`(a+)+$`, `(a|aa)*c`); the search
/// stops after `timeLimit` seconds and says so, instead of hanging. Only patterns that
/// can backtrack that way pay for the clock (see `cannotBacktrackBadly`); the others
/// run without it, several times faster.
public enum PatternSearch {
    /// How long one search may run, in seconds.
    public static let timeLimit: TimeInterval = 5

    /// A pattern compiled once, to search many texts.
    public struct Compiled: @unchecked Sendable {
        public let pattern: String
        let expression: NSRegularExpression
        /// Whether the search must watch the clock (the pattern can backtrack badly).
        public let needsClock: Bool

        public init(_ pattern: String) throws {
            try self.init(pattern, watched: false)
        }

        /// `watched` keeps the clock whatever the pattern (to compare both ways).
        init(_ pattern: String, watched: Bool) throws {
            do {
                expression = try NSRegularExpression(pattern: pattern)
            } catch {
                throw EngineError.badPattern(pattern: pattern, problem: "check its brackets, parentheses and escapes")
            }
            self.pattern = pattern
            needsClock = watched || !PatternSearch.cannotBacktrackBadly(pattern)
        }

        /// The ranges (Unicode scalar offsets, end exclusive) of every non-empty match
        /// in `text`, in order. `document` names the text in errors.
        public func matches(in text: String, document: String, timeLimit: TimeInterval = PatternSearch.timeLimit) throws -> [TextRange] {
            var found: [NSRange] = []
            let whole = NSRange(location: 0, length: text.utf16.count)
            if !needsClock {
                expression.enumerateMatches(in: text, options: [], range: whole) { result, _, _ in
                    if let result, result.range.length > 0 { found.append(result.range) }
                }
                return PatternSearch.scalarRanges(found, in: text)
            }
            let deadline = Date().addingTimeInterval(timeLimit)
            var stopped = false
            var calls = 0
            expression.enumerateMatches(in: text, options: [.reportProgress], range: whole) { result, _, stop in
                if let result, result.range.length > 0 { found.append(result.range) }
                calls &+= 1
                // The progress call comes at every step; the clock is read at every 1,024th.
                if calls & 1023 == 0, Date() > deadline {
                    stopped = true
                    stop.pointee = true
                }
            }
            if stopped { throw EngineError.patternTooSlow(pattern: pattern, document: document, seconds: Int(timeLimit)) }
            return PatternSearch.scalarRanges(found, in: text)
        }
    }

    /// The ranges (Unicode scalar offsets, end exclusive) of every non-empty match of
    /// `pattern` in `text`, in order. `document` names the text in errors.
    public static func matches(of pattern: String, in text: String, document: String,
                               timeLimit: TimeInterval = PatternSearch.timeLimit) throws -> [TextRange] {
        try Compiled(pattern).matches(in: text, document: document, timeLimit: timeLimit)
    }

    /// Whether `pattern` is one whose matching time is at most quadratic in a line's
    /// length: no repeated group, no back-reference or look-around, and every two
    /// open-ended repeats (`*`, `+`, `{n,}`) kept apart by a character the first cannot
    /// match (`\w+ \w+`: a space is no word character), so that the engine never
    /// tries the ways to share a stretch between them. Alternatives at the top are
    /// judged apart; inside a group only the repeats count. Errs on the side of
    /// watching the clock.
    static func cannotBacktrackBadly(_ pattern: String) -> Bool {
        var s = Array(pattern.unicodeScalars)
        var options: NSRegularExpression.Options = []
        if s.starts(with: Array("(?i)".unicodeScalars)) {
            options = .caseInsensitive
            s.removeFirst(4)
        }
        var depth = 0
        var last: String?        // the atom of the last open-ended repeat
        var separated = true     // whether a character it cannot match came after it
        var i = 0
        while i < s.count {
            // One atom: an escape, a class, a group mark, or a character.
            let start = i
            var literal: Unicode.Scalar?
            switch s[i] {
            case "\\":
                guard i + 1 < s.count else { return false }
                let next = s[i + 1]
                if next.properties.numericType != nil || next == "k" || next == "Q" { return false }   // back-reference, quoting
                i += 2
                if "pPx".unicodeScalars.contains(next), i < s.count, s[i] == "{" {
                    while i < s.count, s[i] != "}" { i += 1 }
                    i += 1
                } else if next == "u" {
                    i += 4
                } else if !(next.properties.isAlphabetic || next.properties.numericType != nil) {
                    literal = next
                }
            case "[":
                var level = 0
                repeat {
                    if s[i] == "\\" { i += 1 } else if s[i] == "[" { level += 1 } else if s[i] == "]" { level -= 1 }
                    i += 1
                } while i < s.count && level > 0
                if level > 0 { return false }
            case "(":
                if i + 2 < s.count, s[i + 1] == "?", s[i + 2] != ":" { return false }   // look-around, flags, named or atomic group
                depth += 1
                i += s[i + 1 < s.count ? i + 1 : i] == "?" ? 3 : 1
                continue
            case ")":
                depth -= 1
                i += 1
                if i < s.count, "*+?{".unicodeScalars.contains(s[i]) { return false }   // a repeated group
                continue
            case "|":
                if depth == 0 { last = nil; separated = true }
                i += 1
                continue
            case "^", "$":
                i += 1
                continue
            default:
                literal = s[i]
                i += 1
            }
            let atom = String(String.UnicodeScalarView(s[start..<min(i, s.count)]))
            // Its repeat, if any.
            var openEnded = false
            var repeated = false
            if i < s.count {
                switch s[i] {
                case "*", "+":
                    openEnded = true
                    i += 1
                case "?":
                    repeated = true
                    i += 1
                case "{":
                    var j = i + 1
                    while j < s.count, s[j] != "}" { j += 1 }
                    guard j < s.count else { return false }
                    repeated = true
                    openEnded = s[j - 1] == ","
                    i = j + 1
                default: break
                }
                if i < s.count, s[i] == "?" || s[i] == "+" { i += 1 }   // lazy or possessive
            }
            if openEnded {
                if last != nil, !separated { return false }
                last = atom
                separated = false
            } else if let literal, !repeated, depth == 0, let atom = last, !separated {
                separated = !matches(atom: atom, literal, options: options)
            }
        }
        return depth == 0
    }

    /// Whether the one-character pattern `atom` matches `character`.
    private static func matches(atom: String, _ character: Unicode.Scalar, options: NSRegularExpression.Options) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: "^(?:" + atom + ")$", options: options) else { return true }
        let text = String(Character(character))
        return expression.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
    }

    /// UTF-16 ranges (NSRange) as Unicode scalar ranges, in one pass over the text.
    static func scalarRanges(_ ranges: [NSRange], in text: String) -> [TextRange] {
        var result: [TextRange] = []
        result.reserveCapacity(ranges.count)
        var units = text.utf16.makeIterator()
        var unitOffset = 0
        var scalarOffset = 0
        func scalar(at target: Int) -> Int {
            while unitOffset < target, let unit = units.next() {
                unitOffset += 1
                if !UTF16.isTrailSurrogate(unit) { scalarOffset += 1 }
            }
            return scalarOffset
        }
        for range in ranges {
            let start = scalar(at: range.location)
            let end = scalar(at: range.location + range.length)
            result.append(TextRange(start, end))
        }
        return result
    }
}
