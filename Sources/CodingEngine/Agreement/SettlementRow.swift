import GRDB

/// A row of the `settlements` table as stored (ids, not names), read and written by
/// column name; `SettlementWriter` turns it into a `Settlement` and back.
struct SettlementRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "settlements"

    var guid: String
    var documentID: Int64
    var codeID: Int64
    var range: TextRange
    var firstCoder: String
    var secondCoder: String
    var consensusCoder: String
    var decision: String
    /// The ranges written as the consensus coder, "start-end,start-end".
    var ranges: String
    var why: String?
    var who: String
    var at: String

    init(
        guid: String, documentID: Int64, codeID: Int64, range: TextRange, firstCoder: String, secondCoder: String,
        consensusCoder: String, decision: String, ranges: String, why: String?, who: String, at: String
    ) {
        self.guid = guid
        self.documentID = documentID
        self.codeID = codeID
        self.range = range
        self.firstCoder = firstCoder
        self.secondCoder = secondCoder
        self.consensusCoder = consensusCoder
        self.decision = decision
        self.ranges = ranges
        self.why = why
        self.who = who
        self.at = at
    }

    init(row: Row) {
        guid = row["guid"]
        documentID = row["document_id"]
        codeID = row["code_id"]
        range = TextRange(row["start"], row["end"])
        firstCoder = row["first_coder"]
        secondCoder = row["second_coder"]
        consensusCoder = row["consensus_coder"]
        decision = row["decision"]
        ranges = row["ranges"]
        why = row["why"]
        who = row["who"]
        at = row["at"]
    }

    func encode(to container: inout PersistenceContainer) {
        container["guid"] = guid
        container["document_id"] = documentID
        container["code_id"] = codeID
        container["start"] = range.start
        container["end"] = range.end
        container["first_coder"] = firstCoder
        container["second_coder"] = secondCoder
        container["consensus_coder"] = consensusCoder
        container["decision"] = decision
        container["ranges"] = ranges
        container["why"] = why
        container["who"] = who
        container["at"] = at
    }
}
