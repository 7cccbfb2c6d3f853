import GRDB

/// A query kept in the project under a name.
public struct SavedQuery: Equatable, Sendable {
    public var name: String
    public var expression: String
    public var who: String
    public var updatedAt: String
    public var guid: String

    public init(name: String, expression: String, who: String, updatedAt: String, guid: String) {
        self.name = name
        self.expression = expression
        self.who = who
        self.updatedAt = updatedAt
        self.guid = guid
    }
}

extension SavedQuery: FetchableRecord, PersistableRecord {
    /// A row of the `queries` table, read and written by column name.
    public static let databaseTableName = "queries"

    public init(row: Row) {
        self.init(
            name: row["name"], expression: row["expression"], who: row["who"], updatedAt: row["updated_at"],
            guid: row["guid"] ?? "")
    }

    /// A query saved anew: made when it was last changed.
    public func encode(to container: inout PersistenceContainer) {
        container["name"] = name
        container["expression"] = expression
        container["who"] = who
        container["created_at"] = updatedAt
        container["updated_at"] = updatedAt
        container["guid"] = guid
    }
}
