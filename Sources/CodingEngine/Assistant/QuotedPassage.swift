import Foundation

/// Finds the passage an assistant quoted in a document's stored text. Models retype
/// what they read: a run of spaces or line breaks matches any other run, and curly
/// quotes, apostrophes and dashes match their plain forms. Everything else must be
/// the same Unicode scalars.
enum QuotedPassage {
    /// The longest quote looked for, in scalars: a passage, not a document.
    static let longest = 20_000

    /// Where `quote` occurs in `text`, at most `limit` places, in text order.
    static func occurrences(of quote: String, in text: [Unicode.Scalar], limit: Int = 5) -> [TextRange] {
        let wanted = folded(quote)
        guard let first = wanted.first, wanted.count <= longest else { return [] }
        var found: [TextRange] = []
        var start = 0
        while start < text.count, found.count < limit {
            if fold(text[start]) == first, let end = match(wanted, in: text, from: start) {
                found.append(TextRange(start, end))
                start = end
            } else {
                start += 1
            }
        }
        return found
    }

    /// Whether the text at `range` is `quote` (as `occurrences` compares).
    static func quotes(_ quote: String, _ text: [Unicode.Scalar], at range: TextRange) -> Bool {
        var start = range.start, end = range.end
        while start < end, text[start].properties.isWhitespace { start += 1 }
        while end > start, text[end - 1].properties.isWhitespace { end -= 1 }
        let wanted = folded(quote)
        guard start < end, !wanted.isEmpty else { return false }
        return match(wanted, in: text, from: start) == end
    }

    /// The quote's scalars folded, with whitespace runs as one space and none at either end.
    private static func folded(_ quote: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        for scalar in quote.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isWhitespace {
                if let last = result.last, last != " " { result.append(" ") }
            } else {
                result.append(fold(scalar))
            }
        }
        if result.last == " " { result.removeLast() }
        return result
    }

    /// The end of `wanted` matched at `start` of `text`, or nil.
    private static func match(_ wanted: [Unicode.Scalar], in text: [Unicode.Scalar], from start: Int) -> Int? {
        var at = start
        for scalar in wanted {
            if scalar == " " {
                guard at < text.count, text[at].properties.isWhitespace else { return nil }
                while at < text.count, text[at].properties.isWhitespace { at += 1 }
            } else {
                guard at < text.count, fold(text[at]) == scalar else { return nil }
                at += 1
            }
        }
        return at
    }

    private static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "\u{2018}", "\u{2019}", "\u{201B}", "\u{2032}": "'"
        case "\u{201C}", "\u{201D}", "\u{201F}", "\u{2033}": "\""
        case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}": "-"
        case "\u{2026}": "…"
        default: scalar
        }
    }
}
