import CodingEngine

/// The decisions settling two coders' disputed stretches in a REFI-QDA project. The
/// standard has no element for them, so they travel as a project note named "Settling
/// decisions (intertwine)": a header line, then one tab-separated line per decision
/// (its GUID, the document, the code, the stretch, the coders compared, the consensus
/// coder, what was kept, the ranges written, who decided, when and why). Another
/// program shows it as a note; intertwine reads it back.
public enum SettlementsText {
    public static let noteName = "Settling decisions (intertwine)"
    static let columns = [
        "guid", "document", "code", "start", "end", "first_coder", "second_coder", "consensus_coder", "decision",
        "ranges", "who", "at", "why",
    ]

    /// The note's text. A tab or line break inside a field becomes a space.
    public static func note(_ settlements: [Settlement]) -> String {
        NoteTable.render(
            columns: columns,
            rows: settlements.map { s in
                [
                    s.guid, s.document, s.code, String(s.range.start), String(s.range.end), s.coders.first,
                    s.coders.last, s.consensus,
                    s.decision.rawValue, s.ranges.map { "\($0.start)-\($0.end)" }.joined(separator: ","), s.who, s.at,
                    s.why,
                ]
            })
    }

    /// The decisions of a note written by `note`, or nil when it is another note. A line
    /// that does not read as a decision is left out.
    public static func parse(_ text: String) -> [Settlement]? {
        NoteTable.rows(text, columns: columns)?.compactMap { f in
            guard let start = Int(f[3]), let end = Int(f[4]), start >= 0, end > start,
                let decision = Settlement.Decision(rawValue: f[8]), !f[1].isEmpty, !f[2].isEmpty
            else { return nil }
            let ranges = f[9].split(separator: ",").compactMap { part -> TextRange? in
                let bounds = part.split(separator: "-").compactMap { Int($0) }
                return bounds.count == 2 && bounds[0] >= 0 && bounds[1] > bounds[0]
                    ? TextRange(bounds[0], bounds[1]) : nil
            }
            return Settlement(
                guid: f[0].isEmpty ? GUID.random() : f[0], document: f[1], code: f[2], range: TextRange(start, end),
                coders: [f[5], f[6]], consensus: f[7], decision: decision, why: f[12].isEmpty ? nil : f[12], who: f[10],
                at: f[11].isEmpty ? nil : f[11], ranges: ranges)
        }
    }
}
