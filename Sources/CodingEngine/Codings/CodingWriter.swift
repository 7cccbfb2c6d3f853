import GRDB

/// The one way codings are written, inside a transaction: the command line, the
/// workbench, REFI-QDA imports and merges all add codings through it, so each is
/// checked the same way (a coder, a known document and codable code, a range inside
/// the text and not empty, and not the same coding twice).
struct CodingWriter {
    private let db: Database
    let codebook: Codebook
    private var documents: [String: (id: Int64, length: Int)] = [:]
    /// Coder names as given → their ids.
    private var coders: [String: Int64] = [:]
    /// Code paths as given → their codes' ids and stored paths.
    private var codes: [String: (id: Int64, path: String)] = [:]
    private var lastDocument: (name: String, document: (id: Int64, length: Int))?
    /// While the GUID index is set aside (`Many`): the GUIDs written so far.
    private var guidsTaken: Set<String>?
    private let exists: BoundStatement
    private let insertion: BoundStatement
    /// When this writer's codings were made (one transaction: one time).
    private let now = Timestamp.now()
    /// Whether a coder could see another coder's codings of a document, asked once per
    /// document and coder in a transaction.
    private var othersVisible: [Int64: [Int64: Bool]] = [:]

    /// What to do with a coding that is already there (same document, range, code, coder).
    enum Existing { case refuse, skip }

    init(_ db: Database, codebook: Codebook? = nil) throws {
        self.db = db
        self.codebook = try codebook ?? Project.loadCodebook(db)
        exists = try BoundStatement(
            db,
            sql: """
                SELECT 1 FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ?
                """)
        insertion = try BoundStatement(
            db,
            sql: """
                INSERT INTO codings (document_id, start, "end", code_id, coder_id, memo, created_at, updated_at, guid, independent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)
    }

    /// Adds `coding`; returns its id, or nil when it is there already and `existing`
    /// is `.skip`. `created` and `updated` default to now.
    mutating func add(_ coding: NewCoding, existing: Existing, created: String? = nil, updated: String? = nil) throws
        -> Int64?
    {
        // Codings come document by document: the last one is asked first.
        let document: (id: Int64, length: Int)
        if let last = lastDocument, last.name == coding.document {
            document = last.document
        } else {
            if let known = documents[coding.document] {
                document = known
            } else {
                guard
                    let row = try Row.fetchOne(
                        db.cachedStatement(sql: "SELECT id, length FROM documents WHERE name = ?"),
                        arguments: [coding.document])
                else {
                    throw EngineError.unknownDocument(coding.document)
                }
                document = (row["id"], row["length"])
                documents[coding.document] = document
            }
            lastDocument = (coding.document, document)
        }
        let code: (id: Int64, path: String)
        if let known = codes[coding.code] {
            code = known
        } else {
            guard let found = codebook.code(storedPath: coding.code) ?? codebook.code(path: coding.code) else {
                throw EngineError.unknownCode(coding.code)
            }
            guard found.codable else { throw EngineError.codeNotCodable(found.path) }
            code = (found.id, found.path)
            codes[coding.code] = code
        }
        let coderID: Int64
        if let known = coders[coding.coder] {
            coderID = known
        } else {
            let name = Name.trimmed(coding.coder)
            guard !name.isEmpty else { throw EngineError.noCoder }
            coderID = try Project.coderID(db, named: name)
            coders[coding.coder] = coderID
        }
        let range = coding.range
        guard range.start >= 0, range.end <= document.length, range.start <= range.end else {
            throw EngineError.rangeOutsideDocument(
                document: coding.document, start: range.start, end: range.end, length: document.length)
        }
        guard range.end > range.start else {
            throw EngineError.emptyRange(document: coding.document, start: range.start, end: range.end)
        }
        let guid = coding.guid.flatMap(GUID.normalized)
        // The common case in one statement: the insert itself finds a coding already
        // there or a GUID taken (both are unique in the table); only then is it asked
        // which, and what to do.
        if try insert(
            coding, document: document.id, code: code.id, coder: coderID, guid: guid ?? GUID.random(),
            created: created, updated: updated)
        {
            return db.lastInsertedRowID
        }
        if try exists.exists({ row in
            row.integer(document.id); row.integer(code.id); row.integer(coderID); row.integer(range.start);
            row.integer(range.end)
        }) {
            if existing == .skip { return nil }
            throw EngineError.duplicateCoding(
                document: coding.document, start: range.start, end: range.end, code: code.path,
                coder: Name.trimmed(coding.coder))
        }
        // The same coding (by its identity) is here already, perhaps recoded or moved.
        if existing == .skip { return nil }
        guard
            try insert(
                coding, document: document.id, code: code.id, coder: coderID, guid: GUID.random(), created: created,
                updated: updated)
        else {
            throw EngineError.duplicateCoding(
                document: coding.document, start: range.start, end: range.end, code: code.path,
                coder: Name.trimmed(coding.coder))
        }
        return db.lastInsertedRowID
    }

    /// Inserts the coding unless the same coding or its GUID is there already; true
    /// when it was inserted.
    private mutating func insert(
        _ coding: NewCoding, document: Int64, code: Int64, coder: Int64, guid: String,
        created: String?, updated: String?
    ) throws -> Bool {
        if guidsTaken?.insert(guid).inserted == false { return false }
        let independent: Bool?
        switch coding.independence {
        case .recorded(let known): independent = known
        case .atWriting:
            if let known = othersVisible[document]?[coder] {
                independent = !known
            } else {
                let visible = try Project.othersVisible(db, document: document, coder: coder)
                othersVisible[document, default: [:]][coder] = visible
                independent = !visible
            }
        }
        let changesBefore = db.totalChangesCount
        try insertion.insert { row in
            row.integer(document); row.integer(coding.range.start); row.integer(coding.range.end); row.integer(code);
            row.integer(coder)
            row.text(coding.memo); row.text(created ?? now); row.text(updated ?? created ?? now); row.text(guid)
            row.flag(independent)
        }
        let inserted = db.totalChangesCount > changesBefore
        if !inserted { guidsTaken?.remove(guid) }
        return inserted
    }

    /// The codings table's indexes that `Many` sets aside: the GUIDs' (its
    /// uniqueness is kept by the writer meanwhile), the text-order and by-code ones.
    /// The identity's uniqueness (document, coder, range, code) stays in force.
    private static let deferrable = ["codings_by_guid", "codings_in_text_order", "codings_by_code"]

    /// A writer for many codings. When the project has no codings yet, the indexes of
    /// `deferrable` are dropped first and built once by `finish()` (sorting once is
    /// much cheaper than 200,000 inserts into a random-GUID B-tree); all of it is
    /// inside the caller's transaction, so a failure leaves them as they were. With
    /// codings already there, this is a plain writer.
    struct Many {
        var writer: CodingWriter
        private let db: Database
        private let setAside: [Row]

        init(_ db: Database, codebook: Codebook? = nil) throws {
            self.db = db
            writer = try CodingWriter(db, codebook: codebook)
            guard try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM codings)") ?? false) else {
                setAside = []
                return
            }
            let list = CodingWriter.deferrable.map { "'\($0)'" }.joined(separator: ", ")
            setAside = try Row.fetchAll(
                db,
                sql:
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'codings' AND name IN (\(list))"
            )
            for index in setAside { try db.execute(sql: "DROP INDEX \(index["name"] as String)") }
            // The writer's statements were prepared against the old schema; prepare them anew.
            writer = try CodingWriter(db, codebook: writer.codebook)
            writer.guidsTaken = []
        }

        /// Builds the indexes set aside.
        func finish() throws {
            guard !setAside.isEmpty else { return }
            // SQLite's sorter sizes its sorted runs by the page cache, and builds these
            // faster with small runs that stay in the processor's cache (the benchmark's
            // three: 0.41 s with 0.5 MB, 0.68 s with the connection's 20 MB).
            let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2_000
            try db.execute(sql: "PRAGMA cache_size = -500")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cache)") }
            for index in setAside { try db.execute(sql: index["sql"]) }
        }
    }

    // MARK: Changing and removing codings
    //
    // Every other write to the `codings` table, so that this file is the one place
    // that writes it.

    /// Removes the coding `id`.
    static func remove(_ db: Database, id: Int64) throws {
        try db.execute(sql: "DELETE FROM codings WHERE id = ?", arguments: [id])
    }

    /// Removes every coding of the codes `ids` (a code deleted with its codings).
    static func remove(_ db: Database, codes ids: [Int64]) throws {
        try db.execute(sql: "DELETE FROM codings WHERE code_id IN (\(ids.map(String.init).joined(separator: ", ")))")
    }

    /// Removes `coder`'s coding of `range` of `document` with `code`; false when there
    /// is none.
    @discardableResult
    static func remove(_ db: Database, document: String, coder: String, code: Int64, range: TextRange) throws -> Bool {
        try db.execute(
            sql: """
                DELETE FROM codings WHERE document_id = (SELECT id FROM documents WHERE name = ?)
                AND coder_id = (SELECT id FROM coders WHERE name = ?) AND code_id = ? AND start = ? AND "end" = ?
                """, arguments: [document, coder, code, range.start, range.end])
        return db.changesCount > 0
    }

    /// Sets the memo of coding `id` (nil removes it).
    static func setMemo(_ db: Database, id: Int64, to memo: String?, at now: String) throws {
        try db.execute(sql: "UPDATE codings SET memo = ?, updated_at = ? WHERE id = ?", arguments: [memo, now, id])
    }

    /// Gives coding `id` a memo and a creation time (two codings joined into one).
    static func setMemo(_ db: Database, id: Int64, to memo: String?, created: String, at now: String) throws {
        try db.execute(
            sql: "UPDATE codings SET memo = ?, created_at = ?, updated_at = ? WHERE id = ?",
            arguments: [memo, created, now, id])
    }

    /// Moves coding `id` to `range` (an SQLite constraint error when the coder has
    /// that passage with that code already).
    static func move(_ db: Database, id: Int64, to range: TextRange, at now: String) throws {
        try db.execute(
            sql: "UPDATE codings SET start = ?, \"end\" = ?, updated_at = ? WHERE id = ?",
            arguments: [range.start, range.end, now, id])
    }

    /// Gives the codings `condition` selects the code `target`.
    static func recode(
        _ db: Database, where condition: String, _ arguments: StatementArguments, to target: Int64, at now: String
    ) throws {
        try db.execute(
            sql: "UPDATE codings SET code_id = ?, updated_at = ? WHERE " + condition,
            arguments: [target, now] + arguments)
    }
}
