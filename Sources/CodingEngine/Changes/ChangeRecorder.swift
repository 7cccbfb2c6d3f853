import GRDB

/// Records, inside one write transaction, the rows a change is about to touch, so
/// that the change can be undone and redone: `touch` before a row is changed or
/// deleted, `added` after a row is inserted. `images()` then gives each touched row
/// before and after.
final class ChangeRecorder {
    private let db: Database
    private var before = RowImage()

    init(_ db: Database) { self.db = db }

    /// Records the rows of `table` that `condition` selects, as they are now (a row
    /// already recorded keeps its first image).
    func touch(_ table: RowImage.Table, _ condition: String, _ arguments: StatementArguments = []) throws {
        let columns = try self.columns(table)
        // Every table's key columns are among its columns (RowImage.Table says which).
        let keyIndexes = table.key.compactMap { columns.firstIndex(of: $0) }
        let rows = try Row.fetchAll(
            db, sql: RowImage.select(table, columns: columns) + " WHERE " + condition, arguments: arguments)
        for row in rows {
            let values = columns.indices.map { row[$0] as DatabaseValue }
            let key = keyIndexes.map { values[$0] }
            if before.rows[table]?[key] == nil { before.rows[table, default: [:]][key] = .some(values) }
        }
    }

    /// Records that the row of `table` with `key` did not exist before the change.
    func added(_ table: RowImage.Table, key: [DatabaseValueConvertible?]) throws {
        _ = try columns(table)
        let key = key.map { $0?.databaseValue ?? .null }
        if before.rows[table]?[key] == nil { before.rows[table, default: [:]][key] = .some(nil) }
    }

    /// The touched rows before the change and as they are now.
    func images() throws -> (before: RowImage, after: RowImage) {
        (before, try before.current(db))
    }

    private func columns(_ table: RowImage.Table) throws -> [String] {
        if let known = before.columns[table] { return known }
        let names = try db.columns(in: table.rawValue).map(\.name)
        before.columns[table] = names
        return names
    }
}
