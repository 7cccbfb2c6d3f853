/// The tab-separated tables intertwine keeps in REFI-QDA project notes for what the
/// standard has no element for (the codebook history, saved queries, settling
/// decisions): a header line naming the columns, then one line per record. Other
/// programs show the note as text; intertwine's import knows it by its header.
enum NoteTable {
    /// A field as written: a tab or line break inside it becomes a space.
    static func field(_ text: String?) -> String {
        String((text ?? "").map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    /// The note's text: the header, then the rows, each line ended.
    static func render(columns: [String], rows: [[String?]]) -> String {
        ([columns.joined(separator: "\t")] + rows.map { $0.map(field).joined(separator: "\t") }).joined(separator: "\n")
            + "\n"
    }

    /// The rows of a note written by `render` with these columns (each with as many
    /// fields), or nil when the text is another note.
    /// Split on the bytes of line feeds and tabs (never inside a UTF-8 character), not
    /// on Characters: a note of 100,000 rows is read in a fraction of a second.
    static func rows(_ text: String, columns: [String]) -> [[String]]? {
        // The header first: another note (a memo of megabytes) is not split at all.
        let header = columns.joined(separator: "\t")
        let firstLine = text.utf8.prefix { $0 != 0x0A }
        guard firstLine.elementsEqual(header.utf8) else { return nil }
        let bytes = Array(text.utf8)
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
        return lines.dropFirst().compactMap { line in
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
            return fields.count == columns.count ? fields.map { String(decoding: $0, as: UTF8.self) } : nil
        }
    }
}
