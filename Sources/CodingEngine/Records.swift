import GRDB

/// Rows of the project's tables as records: read by column name, never by position.
enum Records {
    /// A coder: `SELECT id, name FROM coders`.
    struct Coder: FetchableRecord {
        var id: Int64
        var name: String
        init(row: Row) {
            id = row["id"]
            name = row["name"]
        }
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
            attribute = CaseAttribute(key: row["key"], value: AttributeValue(typeName: row["type"], stored: row["value"]))
        }
    }

    /// A coding as stored: `SELECT id, start, "end", code_id, coder_id, memo, created_at, updated_at ...`.
    struct StoredCoding: FetchableRecord {
        var id: Int64
        var start: Int
        var end: Int
        var codeID: Int64
        var coderID: Int64
        var memo: String?
        var createdAt: String
        var updatedAt: String
        init(row: Row) {
            id = row["id"]
            start = row["start"]
            end = row["end"]
            codeID = row["code_id"]
            coderID = row["coder_id"]
            memo = row["memo"]
            createdAt = row["created_at"]
            updatedAt = row["updated_at"]
        }
    }
}

extension CodingSpan: FetchableRecord {
    /// `SELECT document_id, code_id, coder_id, start, "end" FROM codings`.
    public init(row: Row) {
        self.init(documentID: row["document_id"], codeID: row["code_id"], coderID: row["coder_id"], start: row["start"], end: row["end"])
    }
}
