import GRDB

/// Rows of the project's tables as records, read by column name. Two are read by the
/// hundred thousand (`StoredCoding`, `CodingSpan`): they read the columns they list
/// themselves (`columns`, which every query for them selects) by position, and no
/// other code reads a row by position. A table's rows that are a type of the project's
/// (a `HistoryEntry`, a `SavedQuery`) are that type's record, in its own file.
enum Records {
    /// A coder, a row of the `coders` table.
    struct Coder: FetchableRecord, MutablePersistableRecord {
        static let databaseTableName = "coders"
        var id: Int64
        var name: String
        init(name: String) {
            id = 0
            self.name = name
        }
        init(row: Row) {
            id = row["id"]
            name = row["name"]
        }
        func encode(to container: inout PersistenceContainer) { container["name"] = name }
        mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    }

    /// That `coder` has marked `document` done (blind coding), a row of `documents_done`.
    struct DocumentDone: PersistableRecord, SnakeCaseColumns {
        static let databaseTableName = "documents_done"
        static let persistenceConflictPolicy = PersistenceConflictPolicy(insert: .ignore)
        var coderID: Int64
        var documentID: Int64
        var doneAt: String
    }

    /// How many turns a document has: `SELECT document_id, COUNT(*) AS turns ...`.
    struct TurnCount: FetchableRecord {
        var documentID: Int64
        var turns: Int
        init(row: Row) {
            documentID = row["document_id"]
            turns = row["turns"]
        }
    }

    /// A speaker of a document: `SELECT document_id, speaker ...`.
    struct Speaker: FetchableRecord {
        var documentID: Int64
        var speaker: String
        init(row: Row) {
            documentID = row["document_id"]
            speaker = row["speaker"]
        }
    }

    /// A document property: `SELECT document_id, key, type, value ...`.
    struct Property: FetchableRecord {
        var documentID: Int64
        var attribute: CaseAttribute
        init(row: Row) {
            documentID = row["document_id"]
            attribute = CaseAttribute(
                key: row["key"], value: AttributeValue(typeName: row["type"], stored: row["value"]))
        }
    }

    /// A coding as stored. Read in bulk (every coding of a listing), it reads its
    /// columns in the order of `columns`, which every query for it selects.
    struct StoredCoding {
        static let columns =
            #"k.id, k.start, k."end", k.code_id, k.coder_id, k.memo, k.created_at, k.updated_at, k.guid"#
        var id: Int64
        var start: Int
        var end: Int
        var codeID: Int64
        var coderID: Int64
        var memo: String?
        var createdAt: String
        var updatedAt: String
        var guid: String
        init(_ row: BoundStatement.Columns) {
            (id, start, end, codeID, coderID) = (row.integer(0), row.int(1), row.int(2), row.integer(3), row.integer(4))
            (memo, createdAt, updatedAt) = (row.text(5), row.text(6) ?? "", row.text(7) ?? "")
            guid = row.text(8) ?? ""
        }
    }
}

extension CodingSpan: FetchableRecord {
    /// The columns every query for spans selects, in this order (spans are read by the
    /// hundred thousand, so by position, within the record that names them).
    static let columns = #"document_id, code_id, coder_id, start, "end""#

    public init(row: Row) {
        self.init(documentID: row[0], codeID: row[1], coderID: row[2], start: row[3], end: row[4])
    }
}
