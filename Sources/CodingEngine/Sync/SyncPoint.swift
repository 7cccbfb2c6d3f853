import GRDB

/// What a file project held when it was last brought level with its team project (a
/// pull or a sync): a fingerprint of each record, by its GUID (or, for a record
/// without one, by what names it), kept in the file beside the project's tables. A
/// sync compares the file and the server with it, so that it knows which side changed
/// a record since.
public struct SyncPoint: Equatable, Sendable {
    /// The kinds of record a sync compares.
    public enum Kind: String, CaseIterable, Sendable {
        case code, coding, memo, done, history, settlement, query, document, `case`, summary

        /// How the summary names one.
        public var singular: String {
            switch self {
            case .code: return "code"
            case .coding: return "coding"
            case .memo: return "memo"
            case .done: return "done mark"
            case .history: return "history entry"
            case .settlement: return "settling decision"
            case .query: return "saved query"
            case .document: return "document"
            case .case: return "case"
            case .summary: return "cell summary"
            }
        }

        /// How the summary names it, in the plural.
        public var plural: String {
            switch self {
            case .code: return "codes"
            case .coding: return "codings"
            case .memo: return "memos"
            case .done: return "done marks"
            case .history: return "history entries"
            case .settlement: return "settling decisions"
            case .query: return "saved queries"
            case .document: return "documents"
            case .case: return "cases"
            case .summary: return "cell summaries"
            }
        }
    }

    /// The team project's id (its `team` table), which a sync checks.
    public var team: String
    /// The team project's address as messages show it (no password).
    public var address: String
    /// Each kind's records: key → fingerprint.
    public var prints: [Kind: [String: String]]

    /// The table the point is kept in: never sent to a server, never part of a copy made
    /// for a team.
    public static let table = "intertwine_sync_point"

    /// Each record's key and fingerprint, one query per kind. A fingerprint holds what
    /// a sync writes on the other side (by GUIDs, never by ids, which differ between
    /// copies); times of change are in it, so a record changed anew differs. A
    /// document's GUID is read once per document (`document_guids`): it is stored after
    /// the transcript, so each read walks the transcript's pages.
    static let queries: [Kind: String] = [
        .code: """
        SELECT c.guid, json_array(c.name, p.guid, c.description, c.color, c.hotkey, c.codable)
        FROM codes c LEFT JOIN codes p ON p.id = c.parent_id
        """,
        .coding: """
        \(documentGUIDs) SELECT k.guid, json_array(d.guid, k.start, k."end", c.guid, r.name, k.memo, k.independent, k.created_at, k.updated_at)
        FROM codings k JOIN document_guids d ON d.id = k.document_id JOIN codes c ON c.id = k.code_id
        JOIN coders r ON r.id = k.coder_id
        """,
        .memo: """
        \(documentGUIDs) SELECT m.guid, json_array(m.target, coalesce(ca.guid, d.guid, c.guid), r.name, m.text, m.created_at, m.updated_at)
        FROM memos m LEFT JOIN cases ca ON m.target = 'case' AND ca.id = m.target_id
        LEFT JOIN document_guids d ON m.target = 'document' AND d.id = m.target_id
        LEFT JOIN codes c ON m.target = 'code' AND c.id = m.target_id LEFT JOIN coders r ON r.id = m.coder_id
        """,
        .done: """
        \(documentGUIDs) SELECT json_array(r.name, d.guid), x.done_at FROM documents_done x JOIN coders r ON r.id = x.coder_id
        JOIN document_guids d ON d.id = x.document_id
        """,
        .history: "SELECT json_array(at, who, operation, subject), '' FROM history",
        .settlement: "SELECT guid, json_array(decision, ranges, why) FROM settlements",
        .query: "SELECT guid, json_array(name, expression, who, updated_at) FROM queries",
        .document: """
        SELECT d.guid, json_array(d.name, d.sha256, c.guid,
            (SELECT json_group_array(json_array(key, type, value)) FROM document_properties WHERE document_id = d.id))
        FROM documents d JOIN cases c ON c.id = d.case_id
        """,
        .case: """
        SELECT c.guid, json_array(c.name,
            (SELECT json_group_array(json_array(key, type, value)) FROM case_attributes WHERE case_id = c.id))
        FROM cases c
        """,
        .summary: """
        SELECT json_array(c.guid, k.guid), json_array(s.text, r.name, s.updated_at) FROM cell_summaries s
        JOIN cases c ON c.id = s.case_id JOIN codes k ON k.id = s.code_id LEFT JOIN coders r ON r.id = s.coder_id
        """,
    ]

    /// Each document's id and GUID, read once.
    private static let documentGUIDs = "WITH document_guids AS MATERIALIZED (SELECT id, guid FROM documents)"

    /// The fingerprints of every record of the project as it is now.
    static func prints(_ db: Database) throws -> [Kind: [String: String]] {
        var prints: [Kind: [String: String]] = [:]
        for kind in Kind.allCases {
            var records: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: queries[kind] ?? "")
            while let row = try rows.next() {
                guard let key = row[0] as String? else { continue }
                records[key] = row[1] as String? ?? ""
            }
            prints[kind] = records
        }
        return prints
    }

    /// The point a file project keeps, or nil when it has none (it was not pulled from a
    /// team project).
    static func stored(_ db: Database) throws -> SyncPoint? {
        guard try db.tableExists(table) else { return nil }
        var point = SyncPoint(team: "", address: "", prints: [:])
        let rows = try Row.fetchCursor(db, sql: "SELECT kind, key, print FROM \(table)")
        while let row = try rows.next() {
            let kind: String = row[0], key: String = row[1], print: String = row[2]
            if kind == "team" {
                if key == "id" { point.team = print } else if key == "address" { point.address = print }
            } else if let kind = Kind(rawValue: kind) {
                point.prints[kind, default: [:]][key] = print
            }
        }
        return point.team.isEmpty ? nil : point
    }

    /// Keeps in the project the point it is at now: level with the team project `team`.
    /// The fingerprints go from the project's tables to the point's in SQLite itself.
    static func keep(_ db: Database, team: String, address: String) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS \(table) (kind TEXT NOT NULL, key TEXT NOT NULL, print TEXT NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID;
                DELETE FROM \(table);
                """)
        let insert = "INSERT OR REPLACE INTO \(table) (kind, key, print)"
        try db.execute(sql: "\(insert) VALUES ('team', 'id', ?), ('team', 'address', ?)", arguments: [team, address])
        for kind in Kind.allCases {
            try db.execute(
                sql: """
                    WITH point(key, print) AS (\(queries[kind] ?? ""))
                    \(insert) SELECT ?, key, coalesce(print, '') FROM point WHERE key IS NOT NULL
                    """, arguments: [kind.rawValue])
        }
    }
}

extension Project {
    /// The point this file project was last level with its team project at (a pull or
    /// a sync), or nil when it was not pulled from one.
    public func syncPoint() throws -> SyncPoint? {
        try read { db in try SyncPoint.stored(db) }
    }

    /// Marks this file project as level with the team project `team` (at `address`) as
    /// it is now: what a pull and a sync leave in the file they write.
    public func keepSyncPoint(team: String, address: String) throws {
        try writer.write { db in try SyncPoint.keep(db, team: team, address: address) }
    }

    /// The fingerprints of every record as the project is now.
    func syncPrints() throws -> [SyncPoint.Kind: [String: String]] {
        try read { db in try SyncPoint.prints(db) }
    }
}
