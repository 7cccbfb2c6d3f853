import Foundation
import CodingEngine
import GRDB

/// One row's change, as the server's log and the replica's capture record it: the
/// table, `u` (the row as it now is) or `d` (removed), its primary key and its
/// image, both as JSON objects keyed by column name.
struct RowChange: Equatable {
    var table: String
    var op: String
    var key: String
    var image: String
}

/// The local side of a team project: its replica, a project file in the user's cache
/// that mirrors the server. The replica is read like any project; the server's
/// changes are applied to it in the order the server committed them; what the
/// engine's statements change in a write is captured (by triggers kept in the
/// replica, into a table of its own, emptied by each write) to be sent to the server.
enum ReplicaFile {
    /// The replica's own facts (the server's project, the last change applied): never
    /// sent to the server, and left out of copies.
    static let stateTable = Project.replicaStateTable
    static let capturedTable = Project.replicaCaptureTable

    /// A table of the project, its columns and its primary key.
    struct Table {
        var name: String
        var columns: [String]
        var key: [String]
    }

    /// The project's tables, in the order they were made (parents before children).
    static func tables(_ db: Database) throws -> [Table] {
        let names = try String.fetchAll(
            db,
            sql: """
                SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND name NOT IN ('grdb_migrations', '\(stateTable)', '\(capturedTable)', '\(SyncPoint.table)') ORDER BY rowid
                """)
        return try names.map { name in
            let columns = try Row.fetchAll(
                db, sql: "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
            let key = columns.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map {
                $0["name"] as String
            }
            return Table(name: name, columns: columns.map { $0["name"] }, key: key)
        }
    }

    /// Readies the replica's writing connection: its state table, and commits that
    /// do not wait for the disk. A replica's commit lost to a power cut is no loss:
    /// the server has the change (a write commits there first), and the replica's
    /// record of the last change applied goes back with it, so the change is read
    /// again on the next open.
    static func prepare(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS \(stateTable) (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        try db.execute(sql: "PRAGMA synchronous = NORMAL")
    }

    static func state(_ db: Database, _ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM \(stateTable) WHERE key = ?", arguments: [key])
    }

    static func setState(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO \(stateTable) (key, value) VALUES (?, ?)", arguments: [key, value])
    }

    private static func quoted(_ name: String) -> String { "\"\(name)\"" }

    private static func object(_ columns: [String], of row: String) -> String {
        "json_object(" + columns.map { "'\($0)', \(row).\(quoted($0))" }.joined(separator: ", ") + ")"
    }

    /// Makes the replica record every change to the project's tables in a table of
    /// its own, by triggers kept in the file: made once, and again when they are not
    /// all there or were made for other tables or columns (an upgrade), which a
    /// description of them, noted in the state table, tells.
    static func installCapture(_ db: Database, tables: [Table]) throws {
        let made = tables.map { "\($0.name)(\($0.columns.joined(separator: ",")))" }.joined(separator: " ")
        let current = {
            try state(db, "capture") == made
                && Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'intertwine\\_capture\\_%' ESCAPE '\\'
                        """) == 3 * tables.count
        }
        guard try !current() else { return }
        try db.inTransaction(.immediate) {
            guard try !current() else { return .commit }
            try Project.dropReplicaCapture(db)
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS \(capturedTable) (n INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL, key TEXT NOT NULL, image TEXT NOT NULL)
                    """)
            for table in tables {
                let insert = "INSERT INTO \(capturedTable) (tbl, op, key, image)"
                let newKey = object(table.key, of: "NEW"), oldKey = object(table.key, of: "OLD")
                try db.execute(
                    sql: """
                        CREATE TRIGGER intertwine_capture_\(table.name)_insert AFTER INSERT ON \(quoted(table.name)) BEGIN
                            \(insert) VALUES ('\(table.name)', 'u', \(newKey), \(object(table.columns, of: "NEW")));
                        END;
                        CREATE TRIGGER intertwine_capture_\(table.name)_update AFTER UPDATE ON \(quoted(table.name)) BEGIN
                            \(insert) SELECT '\(table.name)', 'd', \(oldKey), \(oldKey) WHERE \(oldKey) <> \(newKey);
                            \(insert) VALUES ('\(table.name)', 'u', \(newKey), \(object(table.columns, of: "NEW")));
                        END;
                        CREATE TRIGGER intertwine_capture_\(table.name)_delete AFTER DELETE ON \(quoted(table.name)) BEGIN
                            \(insert) VALUES ('\(table.name)', 'd', \(oldKey), \(oldKey));
                        END;
                        """)
            }
            try setState(db, "capture", made)
            return .commit
        }
    }

    private static func hasCapture(_ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?",
            arguments: [capturedTable]) ?? false
    }

    /// The changes captured since the last call, in the order they were made; the
    /// record is emptied.
    static func takeCaptured(_ db: Database) throws -> [RowChange] {
        guard try hasCapture(db) else { return [] }
        let changes = try Row.fetchAll(db, sql: "SELECT tbl, op, key, image FROM \(capturedTable) ORDER BY n").map {
            RowChange(table: $0["tbl"], op: $0["op"], key: $0["key"], image: $0["image"])
        }
        try db.execute(sql: "DELETE FROM \(capturedTable)")
        return changes
    }

    /// Consecutive changes of one table and kind, with no key twice: each run is one
    /// statement on either side, and the order of the rows' states is kept.
    static func runs(_ changes: [RowChange]) -> [[RowChange]] {
        var runs: [[RowChange]] = []
        var keys = Set<String>()
        for change in changes {
            if let last = runs.last?.last, last.table == change.table, last.op == change.op, !keys.contains(change.key)
            {
                runs[runs.count - 1].append(change)
            } else {
                runs.append([change])
                keys = []
            }
            keys.insert(change.key)
        }
        return runs
    }

    /// Applies changes the server committed, in its order, within the caller's
    /// transaction (references checked at its commit). What the capture records of
    /// them is dropped: they came from the server.
    static func apply(_ db: Database, _ changes: [RowChange], tables: [String: Table]) throws {
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        for run in runs(changes) {
            guard let table = tables[run[0].table] else { continue }
            let array = "[" + run.map(\.image).joined(separator: ",") + "]"
            let field = { (column: String) in "json_extract(value, '$.\"\(column)\"')" }
            if run[0].op == "d" {
                let key =
                    table.key.count == 1
                    ? quoted(table.key[0]) : "(" + table.key.map(quoted).joined(separator: ", ") + ")"
                try db.execute(
                    sql:
                        "DELETE FROM main.\(quoted(table.name)) WHERE \(key) IN (SELECT \(table.key.map(field).joined(separator: ", ")) FROM json_each(?))",
                    arguments: [array])
            } else {
                let others = table.columns.filter { !table.key.contains($0) }
                let conflict =
                    others.isEmpty
                    ? "DO NOTHING"
                    : "DO UPDATE SET " + others.map { "\(quoted($0)) = excluded.\(quoted($0))" }.joined(separator: ", ")
                try db.execute(
                    sql: """
                        INSERT INTO main.\(quoted(table.name)) (\(table.columns.map(quoted).joined(separator: ", ")))
                        SELECT \(table.columns.map(field).joined(separator: ", ")) FROM json_each(?) WHERE true
                        ON CONFLICT (\(table.key.map(quoted).joined(separator: ", "))) \(conflict)
                        """, arguments: [array])
            }
        }
        try dropCaptured(db)
    }

    /// Forgets what the capture recorded: rows that came from the server.
    static func dropCaptured(_ db: Database) throws {
        if try hasCapture(db) { try db.execute(sql: "DELETE FROM \(capturedTable)") }
    }

    /// Removes every row of the project's tables (children first), to copy the
    /// server's anew.
    static func clear(_ db: Database, tables: [Table]) throws {
        // The copy's rows are not captured (the triggers are made again before the
        // next write).
        try Project.dropReplicaCapture(db)
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        for table in tables.reversed() { try db.execute(sql: "DELETE FROM main.\(quoted(table.name))") }
        try dropCaptured(db)
    }

    /// The statement that inserts a whole row of `table`, its values in column order.
    static func insertion(_ table: Table) -> String {
        "INSERT INTO main.\(quoted(table.name)) (\(table.columns.map(quoted).joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: table.columns.count).joined(separator: ", ") + ")"
    }

    /// What the server selects for one row of `table` in a whole copy: its columns
    /// (of the server's `types`, by column) as one line of `COPY`'s text format, so that
    /// a row is one value to decode, not one per column. A boolean is 0 or 1, as the
    /// file keeps it; text has its backslashes, tabs, newlines and carriage returns
    /// escaped; none is `\N`.
    static func copyLine(_ table: Table, types: [String: String]) -> String {
        let fields = table.columns.map { column -> String in
            let name = quoted(column)
            switch types[column] {
            case "boolean": return "coalesce(\(name)::int::text, '\\N')"
            case "bigint", "integer", "smallint", "double precision", "real", "numeric":
                return "coalesce(\(name)::text, '\\N')"
            default:
                return
                    "coalesce(replace(replace(replace(replace(\(name)::text, '\\', '\\\\'), chr(9), '\\t'), chr(10), '\\n'), chr(13), '\\r'), '\\N')"
            }
        }
        return "concat_ws(chr(9), \(fields.joined(separator: ", ")))"
    }

    /// Binds the values of one `COPY` text line (as `copyLine` makes them) to the
    /// insertion's parameters, in column order. Fields are found with `memchr`: this
    /// runs for every column of every row of a whole copy.
    static func bind(copyLine line: UnsafeRawBufferPointer?, to values: inout BoundStatement.Values) {
        // An empty line is one empty value (`text(bytes:)` binds it so).
        guard let line, let base = line.baseAddress else {
            values.text(bytes: line)
            return
        }
        var start = 0
        while true {
            let tab = memchr(base + start, 0x09, line.count - start)
            let end = tab.map { UnsafeRawPointer($0) - base } ?? line.count
            bind(field: UnsafeRawBufferPointer(start: base + start, count: end - start), to: &values)
            guard tab != nil else { return }
            start = end + 1
        }
    }

    /// One field of a `COPY` text line: `\N` is none; a backslash escapes the next byte.
    private static func bind(field: UnsafeRawBufferPointer, to values: inout BoundStatement.Values) {
        guard let base = field.baseAddress, memchr(base, 0x5C, field.count) != nil else {
            values.text(bytes: field)
            return
        }
        if field.count == 2 && field[1] == 0x4E {
            values.text(bytes: nil)
            return
        }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(field.count)
        var escaped = false
        for byte in field {
            if escaped {
                switch byte {
                case 0x74: unescaped.append(0x09)
                case 0x6E: unescaped.append(0x0A)
                case 0x72: unescaped.append(0x0D)
                default: unescaped.append(byte)
                }
                escaped = false
            } else if byte == 0x5C {
                escaped = true
            } else {
                unescaped.append(byte)
            }
        }
        unescaped.withUnsafeBytes { values.text(bytes: $0) }
    }

    /// Drops the project's own indexes (not those of its keys) and returns the
    /// statements that make them again: rows copied in whole are indexed once, after.
    static func setIndexesAside(_ db: Database) throws -> [String] {
        let indexes = try Row.fetchAll(
            db,
            sql: """
                SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
                AND tbl_name NOT IN ('grdb_migrations', '\(stateTable)', '\(SyncPoint.table)')
                """)
        for index in indexes { try db.execute(sql: "DROP INDEX main.\(quoted(index["name"]))") }
        return indexes.map { $0["sql"] }
    }
}

extension ReplicaFile {
    /// Every row of `table` as lines of PostgreSQL's `COPY` text format, handed to
    /// `send` in chunks of about a megabyte; returns how many rows: what `push` sends.
    static func copyLines(_ db: Database, _ table: Table, _ send: ([UInt8]) -> Void) throws -> Int {
        let chunkSize = 1 << 20
        var line: [UInt8] = [], rows = 0
        line.reserveCapacity(chunkSize + 4096)
        let columns = table.columns.map(quoted).joined(separator: ", ")
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM main.\(quoted(table.name))")
        while let row = try cursor.next() {
            for index in 0..<row.count {
                if index > 0 { line.append(0x09) }
                let value: DatabaseValue = row[index]
                switch value.storage {
                case .null: line.append(contentsOf: [0x5C, 0x4E])
                case .int64(let number): line.append(contentsOf: String(number).utf8)
                case .double(let number): line.append(contentsOf: "\(number)".utf8)
                case .string(let text): escape(text.utf8, into: &line)
                case .blob(let data):
                    line.append(contentsOf: [0x5C, 0x5C, 0x78])
                    for byte in data { line.append(contentsOf: String(format: "%02x", byte).utf8) }
                }
            }
            line.append(0x0A)
            rows += 1
            if line.count >= chunkSize {
                send(line)
                line = []
                line.reserveCapacity(chunkSize + 4096)
            }
        }
        if !line.isEmpty { send(line) }
        return rows
    }

    /// Text as `COPY` reads it: a backslash, a tab, a newline and a carriage return
    /// escaped.
    private static func escape(_ text: String.UTF8View, into line: inout [UInt8]) {
        for byte in text {
            switch byte {
            case 0x5C: line.append(contentsOf: [0x5C, 0x5C])
            case 0x09: line.append(contentsOf: [0x5C, 0x74])
            case 0x0A: line.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: line.append(contentsOf: [0x5C, 0x72])
            default: line.append(byte)
            }
        }
    }
}
