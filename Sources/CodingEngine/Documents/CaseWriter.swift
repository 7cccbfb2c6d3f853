import GRDB

/// The one place the `cases` table and the cases' attributes are written.
enum CaseWriter {
    /// Adds the case `name` (normalised) made at `now`; returns its id.
    static func add(_ db: Database, name: String, at now: String, guid: String?) throws -> Int64 {
        var row = CaseRow(name: Name.normalized(name), createdAt: now, guid: guid ?? GUID.random())
        try row.insert(db)
        return row.id ?? db.lastInsertedRowID
    }

    /// A row of the `cases` table, written by column name.
    struct CaseRow: MutablePersistableRecord, SnakeCaseColumns {
        static let databaseTableName = "cases"
        var id: Int64?
        var name: String
        var createdAt: String
        var guid: String

        mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    }

    /// Renames case `id`.
    static func rename(_ db: Database, id: Int64, to name: String) throws {
        try db.execute(sql: "UPDATE cases SET name = ? WHERE id = ?", arguments: [name, id])
    }

    /// Removes case `id` (its attributes go with it).
    static func remove(_ db: Database, id: Int64) throws {
        try db.execute(sql: "DELETE FROM cases WHERE id = ?", arguments: [id])
    }

    /// Sets attributes of a case, keeping the position of keys it already has (one
    /// read of the case's keys, then one statement per attribute).
    static func setAttributes(_ db: Database, caseID: Int64, _ attributes: [CaseAttribute]) throws {
        guard !attributes.isEmpty else { return }
        var positions: [String: Int] = [:]
        for row in try Row.fetchAll(
            db.cachedStatement(sql: "SELECT key, position FROM case_attributes WHERE case_id = ?"), arguments: [caseID])
        {
            positions[row["key"]] = row["position"]
        }
        var next = (positions.values.max() ?? -1) + 1
        let statement = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO case_attributes (case_id, key, type, value, position) VALUES (?, ?, ?, ?, ?)")
        for var attribute in attributes {
            attribute.key = Name.normalized(attribute.key)
            if let problem = attribute.value.problem {
                throw EngineError.badAttribute("attribute \(attribute.key): \(problem)")
            }
            let position: Int
            if let known = positions[attribute.key] {
                position = known
            } else {
                position = next
                positions[attribute.key] = next
                next += 1
            }
            try statement.execute(arguments: [
                caseID, attribute.key, attribute.value.typeName, attribute.value.description, position,
            ])
        }
    }

    /// Adds an attribute as stored (`type`, `value`) to case `caseID` at `position`
    /// (a merged case's attribute the target did not have).
    static func addAttribute(
        _ db: Database, caseID: Int64, key: String, type: String, value: String, position: Int
    ) throws {
        try db.execute(
            sql: "INSERT INTO case_attributes (case_id, key, type, value, position) VALUES (?, ?, ?, ?, ?)",
            arguments: [caseID, key, type, value, position])
    }
}
