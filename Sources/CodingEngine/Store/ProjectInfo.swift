import GRDB

/// The one place the `project_info` table is written: the project's own facts (who
/// made it, its codebook's name, where each coder left off).
enum ProjectInfo {
    /// Sets `key` to `value`.
    static func set(_ db: Database, _ key: String, to value: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO project_info (key, value) VALUES (?, ?)", arguments: [key, value])
    }
}
