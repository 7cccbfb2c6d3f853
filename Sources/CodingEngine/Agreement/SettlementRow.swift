import GRDB

/// A row of the `settlements` table as stored (ids, not names), read and written
/// through its coding keys, which are the table's columns; `SettlementWriter` turns it
/// into a `Settlement` and back.
struct SettlementRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "settlements"

    var guid: String
    var documentID: Int64
    var codeID: Int64
    var start: Int
    var end: Int
    var firstCoder: String
    var secondCoder: String
    var consensusCoder: String
    var decision: String
    /// The ranges written as the consensus coder, "start-end,start-end".
    var ranges: String
    var why: String?
    var who: String
    var at: String

    enum CodingKeys: String, CodingKey {
        case guid, start, end, decision, ranges, why, who, at
        case documentID = "document_id", codeID = "code_id", firstCoder = "first_coder", secondCoder = "second_coder"
        case consensusCoder = "consensus_coder"
    }

    var range: TextRange { TextRange(start, end) }
}
