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
        ([columns.joined(separator: "\t")] + rows.map { $0.map(field).joined(separator: "\t") }).joined(separator: "\n") + "\n"
    }

    /// The rows of a note written by `render` with these columns (each with as many
    /// fields), or nil when the text is another note.
    static func rows(_ text: String, columns: [String]) -> [[String]]? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard lines.first == columns.joined(separator: "\t") else { return nil }
        return lines.dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return fields.count == columns.count ? fields : nil
        }
    }
}
