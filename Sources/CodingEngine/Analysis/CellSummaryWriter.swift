import GRDB

/// The one place the `cell_summaries` table is written: a case × code cell's summary
/// set in the matrix, and summaries moved when cases or codes are merged.
enum CellSummaryWriter {
    /// Sets the summary of the cell (`caseID`, `codeID`); nil or empty text removes it.
    static func set(
        _ db: Database, caseID: Int64, codeID: Int64, to text: String?, coder: Int64?, at now: String
    ) throws {
        try db.execute(
            sql: "DELETE FROM cell_summaries WHERE case_id = ? AND code_id = ?", arguments: [caseID, codeID])
        guard let text, !text.isEmpty else { return }
        try add(db, caseID: caseID, codeID: codeID, text: text, coder: coder, updated: now)
    }

    /// Adds a cell's summary as it was (one moved from a merged case or code).
    static func add(
        _ db: Database, caseID: Int64, codeID: Int64, text: String, coder: Int64?, updated: String
    ) throws {
        try SummaryRow(caseID: caseID, codeID: codeID, text: text, coderID: coder, updatedAt: updated).insert(db)
    }

    /// A row of the `cell_summaries` table, written by column name.
    struct SummaryRow: PersistableRecord, SnakeCaseColumns {
        static let databaseTableName = "cell_summaries"
        var caseID: Int64
        var codeID: Int64
        var text: String
        var coderID: Int64?
        var updatedAt: String
    }

    /// Replaces the text of a cell's summary (two summaries joined).
    static func setText(_ db: Database, caseID: Int64, codeID: Int64, to text: String) throws {
        try db.execute(
            sql: "UPDATE cell_summaries SET text = ? WHERE case_id = ? AND code_id = ?",
            arguments: [text, caseID, codeID])
    }

    /// Removes every summary whose `column` (`case_id` or `code_id`) is `id`.
    static func removeAll(_ db: Database, where column: String, is id: Int64) throws {
        try db.execute(sql: "DELETE FROM cell_summaries WHERE \(column) = ?", arguments: [id])
    }
}
