import ArgumentParser
import CodingEngine
import Exchange

/// Whether what this command prints is pseudonymised, and how: chosen once, when the
/// project is opened (`--pseudonymise`, `--no-pseudonymise`, else the project's
/// default), then applied where output is made: each listing row (offsets mapped onto
/// the pseudonymised text, passages cut from there, every other value replaced) and
/// every line printed. A pseudonym holds no character that CSV, JSON, Markdown or
/// HTML treat specially, so replacing names in printed text never breaks its format.
enum OutputPseudonyms {
    /// The pseudonymised output of this command, or nil for real names. Set once, at
    /// the project's opening, before any output; a command runs on one thread.
    nonisolated(unsafe) static var current: PseudonymisedExport?

    /// Chooses for `project`: `asked` (the flags), else the project's default. Asked
    /// for with an empty table, it refuses: an output that looks pseudonymised but is
    /// not would be worse than none.
    @discardableResult
    static func choose(_ project: Project, asked: Bool?) throws -> PseudonymisedExport? {
        guard try asked ?? project.pseudonymisesByDefault() else {
            current = nil
            return nil
        }
        let table = try project.pseudonymiser()
        guard !table.isEmpty else {
            throw ValidationError(
                "the pseudonym table is empty, so nothing would be pseudonymised: add names with `intertwine pseudonym add REAL PSEUDONYM` (or see `intertwine pseudonym suggest`)"
            )
        }
        current = PseudonymisedExport(project, pseudonymiser: table)
        return current
    }

    /// `text` as printed: real names replaced when pseudonymised.
    static func text(_ text: String) -> String {
        guard let current else { return text }
        return current.pseudonymiser(text)
    }

    /// A listing's row as printed. A row with a document and a stretch (`start`, `end`)
    /// has them mapped onto the pseudonymised text, and its `text` (or `match`) cut from there.
    static func row(_ row: [JSONValue], columns: [String]) -> [JSONValue] {
        guard current != nil else { return row }
        var row = row
        if let document = columns.firstIndex(of: "document"), case .string(let name) = row[document],
            let start = columns.firstIndex(of: "start"), let end = columns.firstIndex(of: "end"),
            case .int(let from) = row[start], case .int(let to) = row[end]
        {
            func put(_ column: String, _ value: String) {
                if let index = columns.firstIndex(of: column), case .string = row[index] { row[index] = .string(value) }
            }
            let stretch = TextRange(from, to)
            var mapped: TextRange?
            if columns.contains("match") {
                // A search's hit: its match and context, cut as the search cuts them.
                if let shown = try? current!.documents.context(name, stretch) {
                    mapped = shown.range
                    put("before", shown.before)
                    put("match", shown.match)
                    put("after", shown.after)
                }
            } else if let passage = try? current!.documents.passage(name, stretch) {
                mapped = passage.range
                put("text", passage.text)
            }
            if let mapped {
                row[start] = .int(mapped.start)
                row[end] = .int(mapped.end)
            }
        }
        // A proposal's reason may be a suggestion's lower-cased words: matched in any case.
        if let reason = columns.firstIndex(of: "reason"), case .string(let text) = row[reason] {
            row[reason] = .string(current!.pseudonymiser.anyCase(text))
        }
        return row.map(value)
    }

    /// A value with every string in it pseudonymised.
    private static func value(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): return .string(self.text(text))
        case .array(let values): return .array(values.map(self.value))
        case .object(let pairs): return .object(pairs.map { ($0.0, self.value($0.1)) })
        default: return value
        }
    }
}
