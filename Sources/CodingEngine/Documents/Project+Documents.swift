import GRDB

extension Project {
    /// Every case with its attributes and documents, by name.
    public func cases() throws -> [CaseInfo] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.id, c.name, COALESCE(SUM(d.length), 0) AS length
                    FROM cases c LEFT JOIN documents d ON d.case_id = c.id
                    GROUP BY c.id ORDER BY c.name
                    """)
            return try rows.map { row in
                let id: Int64 = row["id"]
                let attributes = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT key, type, value FROM case_attributes WHERE case_id = ? ORDER BY position, key
                        """, arguments: [id]
                ).map {
                    CaseAttribute(key: $0["key"], value: AttributeValue(typeName: $0["type"], stored: $0["value"]))
                }
                let documents = try String.fetchAll(
                    db, sql: "SELECT name FROM documents WHERE case_id = ? ORDER BY id", arguments: [id])
                return CaseInfo(
                    id: id, name: row["name"], attributes: attributes, documents: documents, length: row["length"])
            }
        }
    }

    /// Sets typed attributes of an existing case in one transaction.
    public func setCaseAttributes(_ caseName: String, _ attributes: [CaseAttribute]) throws {
        try write { db in
            guard let id = try Self.caseID(db, named: caseName) else {
                throw EngineError.unknownCase(caseName)
            }
            try CaseWriter.setAttributes(db, caseID: id, attributes)
        }
    }

    /// Every document without its text, by case and then import order.
    public func documents() throws -> [DocumentInfo] {
        try read { db in
            var turnCounts: [Int64: Int] = [:]
            for count in try Records.TurnCount.fetchAll(
                db, sql: "SELECT document_id, COUNT(*) AS turns FROM turns GROUP BY document_id")
            {
                turnCounts[count.documentID] = count.turns
            }
            var speakers: [Int64: [String]] = [:]
            for row in try Records.Speaker.fetchAll(
                db,
                sql: """
                    SELECT document_id, speaker FROM turns WHERE speaker IS NOT NULL
                    GROUP BY document_id, speaker ORDER BY document_id, MIN(idx)
                    """)
            {
                speakers[row.documentID, default: []].append(row.speaker)
            }
            var properties: [Int64: [CaseAttribute]] = [:]
            for row in try Records.Property.fetchAll(
                db, sql: "SELECT document_id, key, type, value FROM document_properties ORDER BY document_id, position")
            {
                properties[row.documentID, default: []].append(row.attribute)
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT d.id, d.name, c.name AS case_name, d.length, d.sha256, d.source_path, d.imported_at
                    FROM documents d JOIN cases c ON c.id = d.case_id ORDER BY c.name, d.id
                    """
            ).map { row in
                let id: Int64 = row["id"]
                return DocumentInfo(
                    id: id, name: row["name"], caseName: row["case_name"], length: row["length"],
                    sha256: row["sha256"], turnCount: turnCounts[id] ?? 0, speakers: speakers[id] ?? [],
                    properties: properties[id] ?? [], sourcePath: row["source_path"], importedAt: row["imported_at"])
            }
        }
    }

    /// The document named `name` with its text and turns.
    public func document(named raw: String) throws -> Document {
        let name = Name.normalized(raw)
        return try read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT d.id, d.name, c.name AS case_name, d.length, d.sha256, d.source_path, d.imported_at, d.text
                        FROM documents d JOIN cases c ON c.id = d.case_id WHERE d.name = ?
                        """, arguments: [name])
            else {
                throw EngineError.unknownDocument(name)
            }
            let info = try Self.documentInfo(db, row: row)
            return Document(info: info, text: row["text"], turns: try Self.turns(db, documentID: info.id))
        }
    }

    static func turns(_ db: Database, documentID: Int64) throws -> [Turn] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT idx, speaker, start, speech_start, "end", start_time, end_time FROM turns
                WHERE document_id = ? ORDER BY idx
                """, arguments: [documentID]
        ).map {
            Turn(
                index: $0["idx"], speaker: $0["speaker"], start: $0["start"], speechStart: $0["speech_start"],
                end: $0["end"], startTime: $0["start_time"], endTime: $0["end_time"])
        }
    }

    private static func documentInfo(_ db: Database, row: Row) throws -> DocumentInfo {
        let id: Int64 = row["id"]
        let turnCount =
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM turns WHERE document_id = ?", arguments: [id]) ?? 0
        let speakers = try String.fetchAll(
            db,
            sql: """
                SELECT speaker FROM turns WHERE document_id = ? AND speaker IS NOT NULL
                GROUP BY speaker ORDER BY MIN(idx)
                """, arguments: [id])
        let properties = try Row.fetchAll(
            db,
            sql: """
                SELECT key, type, value FROM document_properties WHERE document_id = ? ORDER BY position
                """, arguments: [id]
        ).map {
            CaseAttribute(key: $0["key"], value: AttributeValue(typeName: $0["type"], stored: $0["value"]))
        }
        return DocumentInfo(
            id: id, name: row["name"], caseName: row["case_name"], length: row["length"],
            sha256: row["sha256"], turnCount: turnCount, speakers: speakers, properties: properties,
            sourcePath: row["source_path"], importedAt: row["imported_at"])
    }
}
