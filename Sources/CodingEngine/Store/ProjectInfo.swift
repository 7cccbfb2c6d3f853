import GRDB

/// The one place the `project_info` table is written: the project's own facts (who
/// made it, its codebook's name, where each coder left off), one row per fact.
struct ProjectInfo: PersistableRecord, SnakeCaseColumns {
    static let databaseTableName = "project_info"
    /// A fact set again replaces the one there.
    static let persistenceConflictPolicy = PersistenceConflictPolicy(insert: .replace)

    var key: String
    var value: String

    /// Sets `key` to `value`.
    static func set(_ db: Database, _ key: String, to value: String) throws {
        try ProjectInfo(key: key, value: value).insert(db)
    }
}
