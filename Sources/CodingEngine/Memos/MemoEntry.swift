import GRDB

/// One memo of any kind, as the memo browser and the memo report list them: on the
/// project, a case, a document or a code (the memos table), on a coding, or a case ×
/// code cell summary.
public struct MemoEntry: Equatable, Sendable {
    /// What kind of thing the memo is on.
    public enum Kind: String, CaseIterable, Sendable {
        case project, `case`, document, code, coding
        case cellSummary = "cell summary"
    }

    public var kind: Kind
    /// What it is on, in words: "brw", "Firm1", "Processes/Intuiting",
    /// "brw [120, 180) Processes/Intuiting", "Firm1 × Knowledge source/Consultant".
    public var target: String
    public var coder: String?
    public var text: String
    public var updatedAt: String
    /// Where it leads: the document (and passage) of a document or coding memo, the
    /// case of a case memo or cell summary, the code of a code or coding memo or cell.
    public var document: String?
    public var range: TextRange?
    public var caseName: String?
    public var code: String?
    /// A coding memo's coded text.
    public var passage: String?

    /// What a memo on a coding is on, in words: "brw [120, 180) Processes/Intuiting".
    public static func codingTarget(_ document: String, _ range: TextRange, _ code: String) -> String {
        "\(document) [\(range.start), \(range.end)) \(code)"
    }

    public init(
        kind: Kind, target: String, coder: String?, text: String, updatedAt: String, document: String? = nil,
        range: TextRange? = nil, caseName: String? = nil, code: String? = nil
    ) {
        self.kind = kind
        self.target = target
        self.coder = coder
        self.text = text
        self.updatedAt = updatedAt
        self.document = document
        self.range = range
        self.caseName = caseName
        self.code = code
    }
}

extension Project {
    /// Every memo in the project: the project's, then cases', documents', codes',
    /// codings' (in document order) and the cell summaries.
    public func allMemos() throws -> [MemoEntry] {
        let codebook = try codebook()
        return try read { db in
            let rule = try Visibility.current(db, viewer: viewer)
            var entries: [MemoEntry] = []
            let order = ["project": 0, "case": 1, "document": 2, "code": 3]
            var stored: [(Int, MemoEntry)] = []
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT m.target, m.target_id, m.coder_id, r.name AS coder, m.text, m.updated_at,
                           c.name AS case_name, d.name AS document, dc.name AS document_case
                    FROM memos m LEFT JOIN coders r ON r.id = m.coder_id
                    LEFT JOIN cases c ON m.target = 'case' AND c.id = m.target_id
                    LEFT JOIN documents d ON m.target = 'document' AND d.id = m.target_id
                    LEFT JOIN cases dc ON dc.id = d.case_id
                    ORDER BY m.id
                    """)
            {
                let target: String = row["target"]
                // Blind coding: another coder's memo on a document only once it is done;
                // their memos on the project, cases and codes not at all.
                if let rule,
                    !rule.allows(coderID: row["coder_id"], documentID: target == "document" ? row["target_id"] : nil)
                {
                    continue
                }
                var entry = MemoEntry(
                    kind: .project, target: "the project", coder: row["coder"], text: row["text"],
                    updatedAt: row["updated_at"])
                switch target {
                case "case":
                    entry.kind = .case
                    entry.caseName = row["case_name"]
                    entry.target = entry.caseName ?? "?"
                case "document":
                    entry.kind = .document
                    entry.document = row["document"]
                    entry.caseName = row["document_case"]
                    entry.target = entry.document ?? "?"
                case "code":
                    entry.kind = .code
                    let id: Int64? = row["target_id"]
                    entry.code = codebook.codes.first { $0.id == id }?.path
                    entry.target = entry.code ?? "?"
                default: break
                }
                stored.append((order[target] ?? 4, entry))
            }
            entries += stored.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(
                \.element.1)
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT d.name AS document, c.name AS case_name, k.start, k."end", k.code_id, r.name AS coder, k.memo, k.updated_at,
                           substr(d.text, k.start + 1, k."end" - k.start) AS passage
                    FROM codings k JOIN documents d ON d.id = k.document_id JOIN cases c ON c.id = d.case_id
                    JOIN coders r ON r.id = k.coder_id
                    WHERE k.memo IS NOT NULL AND k.memo <> '' \(rule.map { "AND " + $0.clause(coder: "k.coder_id", document: "k.document_id") } ?? "")
                    ORDER BY c.name, d.name, k.start, k."end"
                    """)
            {
                let codeID: Int64 = row["code_id"]
                let path = codebook.codes.first { $0.id == codeID }?.path ?? "?"
                let range = TextRange(row["start"], row["end"])
                let document: String = row["document"]
                // SQLite's substr counts characters (Unicode scalars), as offsets do.
                var entry = MemoEntry(
                    kind: .coding, target: MemoEntry.codingTarget(document, range, path), coder: row["coder"],
                    text: row["memo"], updatedAt: row["updated_at"], document: document, range: range,
                    caseName: row["case_name"], code: path)
                entry.passage = row["passage"]
                entries.append(entry)
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT c.name AS case_name, s.code_id, s.coder_id, r.name AS coder, s.text, s.updated_at
                    FROM cell_summaries s JOIN cases c ON c.id = s.case_id LEFT JOIN coders r ON r.id = s.coder_id
                    ORDER BY c.name, s.code_id
                    """)
            {
                if let rule, !rule.allows(coderID: row["coder_id"], documentID: nil) { continue }
                let codeID: Int64 = row["code_id"]
                let path = codebook.codes.first { $0.id == codeID }?.path ?? "?"
                let caseName: String = row["case_name"]
                entries.append(
                    MemoEntry(
                        kind: .cellSummary, target: "\(caseName) × \(path)", coder: row["coder"], text: row["text"],
                        updatedAt: row["updated_at"], caseName: caseName, code: path))
            }
            return entries
        }
    }
}
