import CodingEngine

/// Saved coding queries in a REFI-QDA project. The standard has no element for
/// queries, so they travel as a project note named "Saved queries (intertwine)": a
/// header line, then one tab-separated line per query (name, expression, who,
/// updated_at, guid). Another program shows it as a note; intertwine reads it back.
public enum QueriesText {
    public static let noteName = "Saved queries (intertwine)"
    static let columns = ["name", "expression", "who", "updated_at", "guid"]

    /// The note's text. A tab or line break inside a field becomes a space (white
    /// space, to the query language, outside quotes).
    public static func note(_ queries: [SavedQuery]) -> String {
        NoteTable.render(
            columns: columns, rows: queries.map { [$0.name, $0.expression, $0.who, $0.updatedAt, $0.guid] })
    }

    /// The queries of a note written by `note`, or nil when it is another note.
    public static func parse(_ text: String) -> [SavedQuery]? {
        NoteTable.rows(text, columns: columns)?.compactMap { f in
            // Names as `query save` keeps them (trimmed, NFC), so `query delete NAME` finds them.
            let name = Name.normalized(Name.trimmed(f[0]))
            guard Name.isVisible(name), !name.contains("/"), !f[1].isEmpty else { return nil }
            return SavedQuery(name: name, expression: f[1], who: f[2], updatedAt: f[3], guid: f[4])
        }
    }
}
