import GRDB

extension Project {
    /// What a merge moves cell summaries by: the code (merging codes) or the case.
    enum SummaryOwner: String { case code = "code_id", `case` = "case_id" }

    /// Moves the cell summaries of `source` (a code or a case, as `owner` says) to
    /// `target`, joining the texts of a cell that has one on both; records the rows.
    static func moveCellSummaries(
        _ db: Database, of owner: SummaryOwner, from source: Int64, into target: Int64,
        recorder: ChangeRecorder
    ) throws {
        let column = owner.rawValue
        try recorder.touch(.cell_summaries, "\(column) IN (?, ?)", [source, target])
        for row in try Row.fetchAll(
            db, sql: "SELECT case_id, code_id, text, coder_id, updated_at FROM cell_summaries WHERE \(column) = ?",
            arguments: [source])
        {
            let caseID: Int64 = owner == .case ? target : row["case_id"]
            let codeID: Int64 = owner == .code ? target : row["code_id"]
            if let existing = try String.fetchOne(
                db, sql: "SELECT text FROM cell_summaries WHERE case_id = ? AND code_id = ?",
                arguments: [caseID, codeID])
            {
                try CellSummaryWriter.setText(
                    db, caseID: caseID, codeID: codeID, to: existing + "\n\n" + (row["text"] as String))
            } else {
                try recorder.added(.cell_summaries, key: [caseID, codeID])
                try CellSummaryWriter.add(
                    db, caseID: caseID, codeID: codeID, text: row["text"], coder: row["coder_id"],
                    updated: row["updated_at"])
            }
        }
        try CellSummaryWriter.removeAll(db, where: column, is: source)
    }
}
