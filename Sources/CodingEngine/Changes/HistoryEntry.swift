import GRDB

/// One change to the codebook, the cases or the documents, as the project's history
/// keeps it: who made it and when, what it was, the subject before and after, and
/// how many codings it touched.
public struct HistoryEntry: Equatable, Sendable {
    /// What a change was made to.
    public enum Kind: String, Sendable, CaseIterable { case code, coding, `case`, document }

    public var id: Int64
    /// ISO 8601, UTC.
    public var at: String
    public var who: String
    /// `add`, `rename`, `move`, `merge`, `delete`, `set`, `recode`, `remove`, `undo`, `redo`.
    public var operation: String
    public var kind: Kind
    /// The code path, case or document name the change was made to (as it was).
    public var subject: String
    public var subjectGUID: String?
    public var before: String?
    public var after: String?
    /// How many codings the change touched (moved, joined, removed or renamed with it).
    public var codings: Int
    /// The change in a sentence, e.g. "merged Processes/Sensing into Processes/Intuiting: 12 codings moved, 2 joined".
    public var detail: String

    public init(
        id: Int64 = 0, at: String = "", who: String = "", operation: String, kind: Kind, subject: String,
        subjectGUID: String? = nil, before: String? = nil, after: String? = nil, codings: Int = 0, detail: String
    ) {
        self.id = id
        self.at = at
        self.who = who
        self.operation = operation
        self.kind = kind
        self.subject = subject
        self.subjectGUID = subjectGUID
        self.before = before
        self.after = after
        self.codings = codings
        self.detail = detail
    }
}

extension HistoryEntry: FetchableRecord, MutablePersistableRecord {
    /// A row of the `history` table, read and written by column name.
    public static let databaseTableName = "history"

    public init(row: Row) {
        self.init(
            id: row["id"], at: row["at"], who: row["who"], operation: row["operation"],
            kind: Kind(rawValue: row["kind"]) ?? .code, subject: row["subject"], subjectGUID: row["subject_guid"],
            before: row["before"], after: row["after"], codings: row["codings"], detail: row["detail"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["at"] = at
        container["who"] = who
        container["operation"] = operation
        container["kind"] = kind.rawValue
        container["subject"] = subject
        container["subject_guid"] = subjectGUID
        container["before"] = before
        container["after"] = after
        container["codings"] = codings
        container["detail"] = detail
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A change made to the project, kept by the workbench to undo and redo it.
public struct ProjectChange: Equatable, Sendable {
    /// The change as the history keeps it.
    public var entry: HistoryEntry
    let before: RowImage
    let after: RowImage
}
