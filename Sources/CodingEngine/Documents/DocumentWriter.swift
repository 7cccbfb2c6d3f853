import GRDB

/// The one place the `documents` table is written, with a document's turns and
/// properties: an import adds them; the changes to documents rename, move and remove.
struct DocumentWriter {
    private let db: Database
    private let insertTurn: BoundStatement

    /// A writer for the documents of one import (its statements prepared once).
    init(_ db: Database) throws {
        self.db = db
        insertTurn = try BoundStatement(
            db,
            sql: """
                INSERT INTO turns (document_id, idx, speaker, start, speech_start, "end", start_time, end_time)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
    }

    /// Adds `transcript` to the case `caseID`, with its properties and turns; returns
    /// the document's id.
    func add(_ transcript: Transcript, caseID: Int64, at now: String) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO documents (name, case_id, text, sha256, length, source_path, imported_at, guid)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            transcript.name, caseID, transcript.text, transcript.sha256, transcript.length, transcript.sourcePath, now,
            try GUID.unused(transcript.guid, in: "documents", db) ?? GUID.random(),
        ])
        let documentID = db.lastInsertedRowID
        for (position, property) in transcript.frontMatter.documentProperties.enumerated() {
            if let problem = property.value.problem {
                throw EngineError.badAttribute("\(transcript.sourcePath): \(property.key): \(problem)")
            }
            try db.cachedStatement(
                sql: "INSERT INTO document_properties (document_id, key, type, value, position) VALUES (?, ?, ?, ?, ?)"
            ).execute(arguments: [
                documentID, property.key, property.value.typeName, property.value.description, position,
            ])
        }
        for turn in transcript.turns {
            try insertTurn.insert { row in
                row.integer(documentID); row.integer(turn.index); row.text(turn.speaker); row.integer(turn.start)
                row.integer(turn.speechStart); row.integer(turn.end); row.real(turn.startTime); row.real(turn.endTime)
            }
        }
        return documentID
    }

    /// Renames document `id`.
    static func rename(_ db: Database, id: Int64, to name: String) throws {
        try db.execute(sql: "UPDATE documents SET name = ? WHERE id = ?", arguments: [name, id])
    }

    /// Moves document `id` into the case `caseID`.
    static func move(_ db: Database, id: Int64, toCase caseID: Int64) throws {
        try db.execute(sql: "UPDATE documents SET case_id = ? WHERE id = ?", arguments: [caseID, id])
    }

    /// Moves every document of case `source` into case `target` (cases merged).
    static func moveAll(_ db: Database, fromCase source: Int64, toCase target: Int64) throws {
        try db.execute(sql: "UPDATE documents SET case_id = ? WHERE case_id = ?", arguments: [target, source])
    }

    /// Removes document `id` (its turns, properties and codings go with it).
    static func remove(_ db: Database, id: Int64) throws {
        try db.execute(sql: "DELETE FROM documents WHERE id = ?", arguments: [id])
    }
}
