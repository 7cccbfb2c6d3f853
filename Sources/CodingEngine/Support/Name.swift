import Foundation

/// Names of documents, cases, codes, coders and attributes, as the project keeps them.
///
/// A name can be typed the same way with different Unicode: `café` with a
/// precomposed é (U+00E9, as most keyboards type it) or with e and a combining accent
/// (U+0301, as macOS writes file names). They look identical, so intertwine treats
/// them as one name: every name is stored in Unicode's composed form (NFC) and every
/// name looked up is composed the same way. Transcript text is never changed.
public enum Name {
    /// `name` in NFC (quickly returned as it is when it is plain ASCII).
    public static func normalized(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return name }
        return name.precomposedStringWithCanonicalMapping
    }

    /// `text` without white space (spaces, tabs, line breaks, any Unicode space) at
    /// either end; done on scalars, without Foundation, as it runs once per code of
    /// an import.
    public static func trimmed<S: StringProtocol>(_ text: S) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// Whether `name` shows anything: at least one character that is neither white
    /// space nor invisible (a zero-width space, joiner or direction mark alone names
    /// nothing a researcher could see or type again).
    public static func isVisible(_ name: String) -> Bool {
        name.unicodeScalars.contains { !$0.properties.isWhitespace && !$0.properties.isDefaultIgnorableCodePoint }
    }

    /// A code name as other programs write it: `/` (which separates intertwine's code
    /// paths) becomes `-`, white space at the ends goes, an empty name is `Code`.
    public static func codeName(_ raw: String?) -> String {
        let name = trimmed(
            (raw ?? "Code").contains("/") ? String((raw ?? "").map { $0 == "/" ? "-" : $0 }) : raw ?? "Code")
        return name.isEmpty ? "Code" : name
    }

    /// How `name` is written, for messages where two names look alike: each
    /// non-ASCII letter with its code points, e.g. `café (e U+0301)`.
    public static func spelled(_ name: String) -> String {
        let marks = name.unicodeScalars.filter { $0.value >= 0x80 }
        guard !marks.isEmpty else { return name }
        return name + " ("
            + marks.map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }.joined(separator: " ")
            + ")"
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
