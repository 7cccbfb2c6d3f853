import GRDB

/// The rows of the project's tables that a change touched, as they were before it
/// or after it: what undo and redo put back. A key with no row stands for a row that
/// did not exist (added by the change, or removed by it).
public struct RowImage: Equatable, Sendable {
    /// The tables a change may touch, parents before the tables that refer to them.
    enum Table: String, CaseIterable, Sendable {
        case cases, case_attributes, documents, document_properties, turns, codes, codings, settlements, memos,
            cell_summaries, project_info

        /// The columns of the primary key.
        var key: [String] {
            switch self {
            case .case_attributes: return ["case_id", "key"]
            case .document_properties: return ["document_id", "key"]
            case .turns: return ["document_id", "idx"]
            case .cell_summaries: return ["case_id", "code_id"]
            case .project_info: return ["key"]
            default: return ["id"]
            }
        }
    }

    typealias Key = [DatabaseValue]

    /// Per table: its columns, and the rows by key (nil where there was no row).
    var columns: [Table: [String]] = [:]
    var rows: [Table: [Key: [DatabaseValue]?]] = [:]

    /// How many rows of `table` exist in this image.
    func count(_ table: Table) -> Int { rows[table]?.values.filter { $0 != nil }.count ?? 0 }

    /// The image's rows as the project holds them now, for the same keys.
    func current(_ db: Database) throws -> RowImage {
        var now = RowImage()
        now.columns = columns
        for (table, keyed) in rows {
            let columns = self.columns[table] ?? []
            let statement = try db.cachedStatement(
                sql: Self.select(table, columns: columns) + " WHERE " + Self.keyMatch(table))
            var found: [Key: [DatabaseValue]?] = [:]
            for key in keyed.keys {
                let row = try Row.fetchOne(statement, arguments: StatementArguments(key))
                found.updateValue(row.map { row in columns.indices.map { row[$0] as DatabaseValue } }, forKey: key)
            }
            now.rows[table] = found
        }
        return now
    }

    /// Makes the project hold `target` where it now holds `self` (the image of the
    /// same keys): rows `target` lacks are deleted, the others written as they were.
    /// Refused, changing nothing, when the rows are no longer as `self` recorded
    /// them (someone changed them since).
    func restore(_ target: RowImage, _ db: Database) throws -> Bool {
        guard try current(db) == self else { return false }
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        for table in Table.allCases.reversed() {
            guard let keyed = rows[table] else { continue }
            let delete = try db.cachedStatement(sql: "DELETE FROM \(table.rawValue) WHERE " + Self.keyMatch(table))
            for (key, row) in keyed where row != nil && (target.rows[table]?[key] ?? nil) == nil {
                try delete.execute(arguments: StatementArguments(key))
            }
        }
        for table in Table.allCases {
            guard let keyed = target.rows[table], let columns = target.columns[table] else { continue }
            let names = columns.map { "\"\($0)\"" }
            let updates = columns.filter { !table.key.contains($0) }.map { "\"\($0)\" = excluded.\"\($0)\"" }
            let sql =
                "INSERT INTO \(table.rawValue) (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
                + " ON CONFLICT (\(table.key.map { "\"\($0)\"" }.joined(separator: ", "))) DO "
                + (updates.isEmpty ? "NOTHING" : "UPDATE SET " + updates.joined(separator: ", "))
            let upsert = try db.cachedStatement(sql: sql)
            // Codes go parents first: a code's parent is written before it.
            let ordered = table == .codes ? Self.parentsFirst(keyed, columns: columns) : Array(keyed.values)
            for case let row? in ordered { try upsert.execute(arguments: StatementArguments(row)) }
        }
        return true
    }

    static func select(_ table: Table, columns: [String]) -> String {
        "SELECT \(columns.map { "\"\($0)\"" }.joined(separator: ", ")) FROM \(table.rawValue)"
    }

    static func keyMatch(_ table: Table) -> String {
        table.key.map { "\"\($0)\" = ?" }.joined(separator: " AND ")
    }

    private static func parentsFirst(_ keyed: [Key: [DatabaseValue]?], columns: [String]) -> [[DatabaseValue]?] {
        guard let idColumn = columns.firstIndex(of: "id"), let parentColumn = columns.firstIndex(of: "parent_id") else {
            return Array(keyed.values)
        }
        let present = keyed.values.compactMap { $0 }
        let ids = Set(present.map { $0[idColumn] })
        var placed = Set<DatabaseValue>(), result: [[DatabaseValue]?] = [], pending = present
        while !pending.isEmpty {
            let ready = pending.filter { !ids.contains($0[parentColumn]) || placed.contains($0[parentColumn]) }
            let next = ready.isEmpty ? pending : ready
            for row in next { placed.insert(row[idColumn]); result.append(row) }
            let done = Set(next.map { $0[idColumn] })
            pending.removeAll { done.contains($0[idColumn]) }
        }
        return result
    }
}
