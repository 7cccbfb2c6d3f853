import GRDB

/// A row of the `memos` table as stored (its target as kind and id, its coder's id),
/// written by column name through `MemoWriter`.
struct MemoRow: FetchableRecord, MutablePersistableRecord {
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

    init(
        target: String, targetID: Int64?, coderID: Int64?, text: String, createdAt: String, updatedAt: String,
        guid: String
    ) {
        self.target = target
        self.targetID = targetID
        self.coderID = coderID
        self.text = text
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.guid = guid
    }

    init(row: Row) {
        id = row["id"]
        target = row["target"]
        targetID = row["target_id"]
        coderID = row["coder_id"]
        text = row["text"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
        guid = row["guid"] ?? ""
    }

    func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["target"] = target
        container["target_id"] = targetID
        container["coder_id"] = coderID
        container["text"] = text
        container["created_at"] = createdAt
        container["updated_at"] = updatedAt
        container["guid"] = guid
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
