import CodingEngine

/// The history of the codebook as the exports carry it: an appendix to Markdown and
/// HTML extracts (for a methods section), and a tab-separated note on a REFI-QDA
/// project that intertwine reads back on import (other programs show it as a note).
public enum HistoryText {
    /// The note's name in REFI-QDA exports.
    public static let noteName = "Codebook history (intertwine)"
    static let columns = [
        "at", "who", "operation", "kind", "subject", "subject_guid", "before", "after", "codings", "detail",
    ]

    /// One line per change: "2026-12-02 14:03 · ana · merged A into B: 12 codings moved".
    static func line(_ entry: HistoryEntry) -> String {
        let when = entry.at.prefix(16).replacingOccurrences(of: "T", with: " ")
        return "\(when) · \(entry.who) · \(entry.detail)"
    }

    public static func markdown(_ history: [HistoryEntry]) -> String {
        guard !history.isEmpty else { return "" }
        var out = "\n## Appendix: how the codebook evolved\n\n"
        out +=
            "\(Words.count(history.count, "change")) to the codebook, oldest first (`intertwine codebook history` lists them with before and after).\n\n"
        for entry in history { out += "- " + MarkdownText.line(line(entry)) + "\n" }
        return out
    }

    public static func html(_ history: [HistoryEntry]) -> String {
        guard !history.isEmpty else { return "" }
        let e = ExtractFormat.escape
        var out =
            "<h2>Appendix: how the codebook evolved</h2>\n<table class=\"history\"><thead><tr><th>When</th><th>Who</th><th>Change</th><th>Codings</th></tr></thead><tbody>\n"
        for entry in history {
            out +=
                "<tr><td>\(e(String(entry.at.prefix(16)).replacingOccurrences(of: "T", with: " ")))</td><td>\(e(entry.who))</td>"
                + "<td>\(e(entry.detail))</td><td class=\"n\">\(entry.codings)</td></tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    /// The note's text: a header line and one tab-separated line per change (tabs and
    /// line breaks inside a field are written as spaces).
    public static func note(_ history: [HistoryEntry]) -> String {
        NoteTable.render(
            columns: columns,
            rows: history.map { entry in
                [
                    entry.at, entry.who, entry.operation, entry.kind.rawValue, entry.subject, entry.subjectGUID,
                    entry.before,
                    entry.after, String(entry.codings), entry.detail,
                ]
            })
    }

    /// The changes of a note written by `note`, or nil when the text is not one.
    public static func parse(_ text: String) -> [HistoryEntry]? {
        NoteTable.rows(text, columns: columns)?.compactMap { f in
            guard let kind = HistoryEntry.Kind(rawValue: f[3]) else { return nil }
            func optional(_ s: String) -> String? { s.isEmpty ? nil : s }
            return HistoryEntry(
                at: f[0], who: f[1], operation: f[2], kind: kind, subject: f[4], subjectGUID: optional(f[5]),
                before: optional(f[6]), after: optional(f[7]), codings: Int(f[8]) ?? 0, detail: f[9])
        }
    }
}
