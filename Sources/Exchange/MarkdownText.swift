import CodingEngine

/// Text written into Markdown so that it shows as it is: never a heading, list, link,
/// image, table or raw HTML, whatever a transcript, memo or name holds.
enum MarkdownText {
    /// Characters Markdown gives a meaning to anywhere in a line.
    private static let inlineMarks: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "!", "|", "~", "#", "<", "&"]

    /// One line: Markdown's marks escaped, line breaks as spaces.
    static func line(_ text: String) -> String {
        escapeLine(text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " "))
    }

    /// Every line of `text` quoted with `> `, each escaped.
    static func quoted(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? ">" : "> " + escapeLine(String($0)) }.joined(separator: "\n")
    }

    /// A description in italics: each line escaped and emphasised on its own, so
    /// that a line break cannot leave the emphasis open.
    static func emphasised(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "_" + escapeLine(Name.trimmed($0)) + "_" }.joined(separator: "\n")
    }

    /// A line escaped the way Markdown escapes, with a backslash (never as HTML
    /// entities, which would show as `&quot;` in a plain-text reader): Markdown's
    /// marks, `<` and `&` (so no HTML tag or entity is read), and a `-`, `+`, `=` or
    /// `1.` that would start a list, a rule or a heading underline.
    static func escapeLine(_ text: String) -> String {
        enum Head { case space, digits, past }
        var head = Head.space
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            let isDigit = ("0"..."9").contains(scalar)
            let opensBlock = head == .space && ["-", "+", "=", ">"].contains(scalar)
            let endsNumber = head == .digits && (scalar == "." || scalar == ")")
            if inlineMarks.contains(scalar) || opensBlock || endsNumber { out += "\\" }
            out.unicodeScalars.append(scalar)
            switch head {
            case .space where scalar == " " || scalar == "\t": break
            case .space where isDigit, .digits where isDigit: head = .digits
            default: head = .past
            }
        }
        return out
    }
}
