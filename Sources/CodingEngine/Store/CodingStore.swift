import GRDB

/// One coding reduced to what analyses count: which document, code and coder, and
/// where. Ids are the store's.
public struct CodingSpan: Hashable, Sendable {
    public var documentID: Int64
    public var codeID: Int64
    public var coderID: Int64
    public var start: Int
    public var end: Int

    public init(documentID: Int64, codeID: Int64, coderID: Int64, start: Int, end: Int) {
        self.documentID = documentID
        self.codeID = codeID
        self.coderID = coderID
        self.start = start
        self.end = end
    }
}

/// What analyses (and later the workbench) read from a project. `Project` is the
/// store; `Project.inMemory(codebook:)` gives one without a file for tests.
public protocol CodingStore: Sendable {
    func documents() throws -> [DocumentInfo]
    /// About how many codings the project holds (the highest id: one index step),
    /// never fewer.
    func codingCountEstimate() throws -> Int
    /// Every document's name, case and length, by case name and then as imported
    /// (the order of `documents()`), without reading texts or turns.
    func documentSizes() throws -> [DocumentSize]
    func cases() throws -> [CaseInfo]
    func codebook() throws -> Codebook
    /// A document with its stored text and turns.
    func document(named name: String) throws -> Document
    /// A document's stored text alone, by id.
    func text(ofDocument id: Int64) throws -> String
    /// A document's turns alone, by id, in order.
    func turns(ofDocument id: Int64) throws -> [Turn]
    /// Coder ids and names.
    func coderNames() throws -> [Int64: String]
    /// The codings `filter` selects (with their text unless `includeText` is false).
    func codings(_ filter: CodingFilter, includeText: Bool) throws -> [Coding]
    /// Case × code cell summaries, keyed by case name and code path joined by U+001F.
    func cellSummaries() throws -> [String: String]
    /// Every coding as a span, optionally of one coder only, ordered by document,
    /// coder, start, end and code.
    func codingSpans(coder: String?) throws -> [CodingSpan]
    /// The codings of these codes as spans, in the same order.
    func codingSpans(codeIDs: Set<Int64>) throws -> [CodingSpan]
    /// Whether each coding was made blind (true) or while its coder could see another
    /// coder's codings of the document (false); codings nobody knows this of are absent.
    func independence() throws -> [CodingSpan: Bool]
    /// A person's codings accepted from an AI assistant's proposals, each with the
    /// assistant and what made it ("assistant:claude, Claude Desktop 1.2 (sonnet)").
    func assistance() throws -> [CodingSpan: String]
    /// The decisions settling two coders' disputed stretches as the consensus coder
    /// `consensus`, each seen in the order `coders` names the pair (every decision when
    /// `coders` is empty), oldest first.
    func settlements(coders: [String], consensus: String?) throws -> [Settlement]
    /// The coders that hold a consensus: "consensus", those a consensus was written
    /// as, and those settling decisions name.
    func consensusCoders() throws -> Set<String>
    /// The documents a coder has marked done, by name.
    func documentsDone(coder: String) throws -> Set<String>
}

extension Project: CodingStore {
    public func codingCountEstimate() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT max(id) FROM codings") ?? 0 }
    }

    public func documentSizes() throws -> [DocumentSize] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.id, d.name, c.name AS case_name, d.length FROM documents d INDEXED BY documents_sizes
                    JOIN cases c ON c.id = d.case_id ORDER BY c.name, d.id
                    """
            ).map { row in
                DocumentSize(id: row["id"], name: row["name"], caseName: row["case_name"], length: row["length"])
            }
        }
    }

    public func coderNames() throws -> [Int64: String] {
        try read { db in
            var names: [Int64: String] = [:]
            for coder in try Records.Coder.fetchAll(db, sql: "SELECT id, name FROM coders") {
                names[coder.id] = coder.name
            }
            return names
        }
    }

    /// Spans read by the hundred thousand: columns by position straight from SQLite.
    static func spans(_ db: Database, sql: String, _ bind: (inout BoundStatement.Values) -> Void = { _ in }) throws
        -> [CodingSpan]
    {
        var spans: [CodingSpan] = []
        // Room for every coding: the highest id is one index step (a count would read them all).
        spans.reserveCapacity(try Int.fetchOne(db, sql: "SELECT max(id) FROM codings") ?? 0)
        try BoundStatement(db, sql: sql).rows(bind) { row in
            spans.append(
                CodingSpan(
                    documentID: row.integer(0), codeID: row.integer(1), coderID: row.integer(2), start: row.int(3),
                    end: row.int(4)))
        }
        return spans
    }

    public func codingSpans(codeIDs: Set<Int64>) throws -> [CodingSpan] {
        guard !codeIDs.isEmpty else { return [] }
        return try read { db in
            let list = codeIDs.sorted().map(String.init).joined(separator: ",")
            return try Self.spans(
                db,
                sql: "SELECT \(CodingSpan.columns) FROM codings WHERE code_id IN (\(list))"
                    + (try visibleWhere(db, and: true)) + " ORDER BY document_id, coder_id, start, \"end\", code_id")
        }
    }

    /// The visibility rule for the project's viewer as an SQL condition on `codings`
    /// (" AND …", or " WHERE …" when `and` is false), empty when everything is visible.
    func visibleWhere(_ db: Database, and: Bool) throws -> String {
        guard let rule = try Visibility.current(db, viewer: viewer) else { return "" }
        return (and ? " AND " : " WHERE ") + rule.clause(coder: "coder_id", document: "document_id")
    }

    public func independence() throws -> [CodingSpan: Bool] {
        try read { db in
            var result: [CodingSpan: Bool] = [:]
            try BoundStatement(
                db,
                sql: "SELECT \(CodingSpan.columns), independent FROM codings WHERE independent IS NOT NULL"
                    + (try visibleWhere(db, and: true))
            ).rows { row in
                let span = CodingSpan(
                    documentID: row.integer(0), codeID: row.integer(1), coderID: row.integer(2), start: row.int(3),
                    end: row.int(4))
                result[span] = row.integer(5) == 1
            }
            return result
        }
    }

    public func assistance() throws -> [CodingSpan: String] {
        try read { db in
            var result: [CodingSpan: String] = [:]
            let visible =
                try Visibility.current(db, viewer: viewer).map {
                    " AND " + $0.clause(coder: "k.coder_id", document: "k.document_id")
                } ?? ""
            try BoundStatement(
                db,
                sql: """
                    SELECT k.document_id, k.code_id, k.coder_id, k.start, k."end", c.name, p.client, p.client_version, p.model
                    FROM proposals p JOIN codings k ON k.id = p.accepted_as JOIN codings a ON a.id = p.coding_id
                    JOIN coders c ON c.id = a.coder_id WHERE p.status = 'accepted'
                    """ + visible
            ).rows { row in
                let span = CodingSpan(
                    documentID: row.integer(0), codeID: row.integer(1), coderID: row.integer(2), start: row.int(3),
                    end: row.int(4))
                let client = [row.text(6), row.text(7)].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
                result[span] = "\(row.text(5) ?? "assistant"), \(client)" + (row.text(8).map { " (\($0))" } ?? "")
            }
            return result
        }
    }

    public func text(ofDocument id: Int64) throws -> String {
        try read { db in try String.fetchOne(db, sql: "SELECT text FROM documents WHERE id = ?", arguments: [id]) ?? ""
        }
    }

    public func turns(ofDocument id: Int64) throws -> [Turn] {
        try read { db in try Self.turns(db, documentID: id) }
    }

    public func codingSpans(coder: String?) throws -> [CodingSpan] {
        try read { db in
            let sql = "SELECT \(CodingSpan.columns) FROM codings"
            let order = " ORDER BY document_id, coder_id, start, \"end\", code_id"
            if let coder {
                let id = try Self.storedCoderID(db, named: coder) ?? -1
                return try Self.spans(
                    db, sql: sql + " WHERE coder_id = \(id)" + (try visibleWhere(db, and: true)) + order)
            }
            return try Self.spans(db, sql: sql + (try visibleWhere(db, and: false)) + order)
        }
    }
}
