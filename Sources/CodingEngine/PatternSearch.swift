import Foundation

/// Regular-expression search over a document's text, with a time limit.
///
/// Patterns are ICU regular expressions (the syntax of NSRegularExpression). Some
/// patterns take exponential time on some text (`(a+)+$`, `(a|aa)*c`); the search
/// stops after `timeLimit` seconds and says so, instead of hanging.
public enum PatternSearch {
    /// How long one search may run, in seconds.
    public static let timeLimit: TimeInterval = 5

    /// The ranges (Unicode scalar offsets, end exclusive) of every non-empty match of
    /// `pattern` in `text`, in order. `document` names the text in errors.
    public static func matches(of pattern: String, in text: String, document: String,
                               timeLimit: TimeInterval = PatternSearch.timeLimit) throws -> [TextRange] {
        let expression: NSRegularExpression
        do {
            expression = try NSRegularExpression(pattern: pattern)
        } catch {
            throw EngineError.badPattern(pattern: pattern, problem: "check its brackets, parentheses and escapes")
        }
        let deadline = Date().addingTimeInterval(timeLimit)
        var found: [NSRange] = []
        var stopped = false
        let whole = NSRange(location: 0, length: text.utf16.count)
        expression.enumerateMatches(in: text, options: [.reportProgress], range: whole) { result, _, stop in
            if let result, result.range.length > 0 { found.append(result.range) }
            if Date() > deadline {
                stopped = true
                stop.pointee = true
            }
        }
        if stopped { throw EngineError.patternTooSlow(pattern: pattern, document: document, seconds: Int(timeLimit)) }
        return scalarRanges(found, in: text)
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
