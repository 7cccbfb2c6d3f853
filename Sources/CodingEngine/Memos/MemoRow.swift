import GRDB

/// A row of the `memos` table as stored (its target as kind and id, its coder's id),
/// written through `MemoWriter` (its properties are its columns).
struct MemoRow: MutablePersistableRecord, SnakeCaseColumns {
    static let databaseTableName = "memos"

    var id: Int64?
    /// `project`, `case`, `document` or `code`.
    var target: String
    /// The case's, document's or code's id (nil on the project).
    var targetID: Int64?
    var coderID: Int64?
    var text: String
    var createdAt: String
    var updatedAt: String
    var guid: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
