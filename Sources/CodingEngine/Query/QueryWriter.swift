import GRDB

/// The one place the `queries` table (saved queries) is written.
enum QueryWriter {
    /// Adds a saved query made (and last changed) at `created`.
    static func add(
        _ db: Database, name: String, expression: String, who: String, created: String, guid: String
    ) throws {
        try SavedQuery(name: name, expression: expression, who: who, updatedAt: created, guid: guid).insert(db)
    }

    /// Gives the saved query `name` a new expression, by `who` at `now`.
    static func update(_ db: Database, name: String, expression: String, who: String, at now: String) throws {
        try db.execute(
            sql: "UPDATE queries SET expression = ?, who = ?, updated_at = ? WHERE name = ?",
            arguments: [expression, who, now, name])
    }

    /// Removes the saved query `name`.
    static func remove(_ db: Database, name: String) throws {
        try db.execute(sql: "DELETE FROM queries WHERE name = ?", arguments: [name])
    }
}
