import GRDB

extension Project {
    /// Brings into this project (a team project) the work `file` did since it was last
    /// level with it (`point`): in one write, each record by its GUID, as
    /// `OfflineWork` says; `who` signs the memos that keep what the server's versions
    /// replaced. Returns what went up, and (`down`) what the file lacks of the server's.
    /// Refused, nothing written, when the file changed documents or cases, or has work
    /// on what the server no longer has.
    public func bringIn(offlineWork file: Project, path: String, since point: SyncPoint, by who: String) throws
        -> SyncReport
    {
        let here = try file.syncPrints()
        let state = try file.read { db in
            (
                codebook: try Self.loadCodebook(db),
                settlements: Dictionary(
                    try SettlementWriter.fetch(db).map { ($0.guid, $0) }, uniquingKeysWith: { first, _ in first }),
                history: Dictionary(
                    try Row.fetchAll(
                        db, sql: "SELECT json_array(at, who, operation, subject) AS sync_key, * FROM history"
                    )
                    .map { ($0["sync_key"] as String, HistoryEntry(row: $0)) }, uniquingKeysWith: { first, _ in first }),
                documents: Dictionary(
                    try Row.fetchAll(db, sql: "SELECT name, guid FROM documents").map {
                        ($0["name"] as String, $0["guid"] as String)
                    }, uniquingKeysWith: { first, _ in first })
            )
        }
        var (report, after) = try write { db in
            let changes = db.totalChangesCount
            var work = try OfflineWork(db, path: path, who: who, base: point, here: here, file: state)
            try work.bringIn()
            // Nothing written: the team project is as the work found it.
            return (work.report, db.totalChangesCount == changes ? work.there : nil)
        }
        report.down = SyncMoves(from: here, to: try after ?? syncPrints())
        return report
    }
}
