import GRDB

extension Project {
    /// A counter that changes when another connection (another coder's workbench,
    /// the command line) commits to the project.
    public func dataVersion() throws -> Int {
        if let replication {
            // The replica's own connection applies the server's changes, which SQLite's
            // data version (other connections' commits) does not count.
            try refresh()
            let local = try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            }
            return local &+ replication.appliedChanges &* 1_000_003
        }
        return try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}
