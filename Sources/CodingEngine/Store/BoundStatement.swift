import GRDB
import GRDBSQLite

/// One prepared statement run for many rows, its values bound through SQLite's C
/// interface: for the bulk writes (turns of an import, codings of a REFI-QDA
/// project) and the checks made for each row, where GRDB's generic
/// `StatementArguments` cost ten times the statement; and a team project's replica
/// copied whole, its rows bound as the server sent their bytes. Used inside a
/// transaction.
public struct BoundStatement {
    private let statement: Statement
    private let db: Database

    public init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    /// The values of one row, bound by position from 1.
    public struct Values {
        fileprivate let handle: OpaquePointer
        fileprivate var position: Int32 = 1

        mutating func integer(_ value: Int) { sqlite3_bind_int64(handle, position, Int64(value)); position += 1 }
        mutating func integer(_ value: Int64) { sqlite3_bind_int64(handle, position, value); position += 1 }
        /// A flag stored as 1 or 0, or NULL when not known.
        mutating func flag(_ value: Bool?) {
            if let value {
                sqlite3_bind_int64(handle, position, value ? 1 : 0)
            } else {
                sqlite3_bind_null(handle, position)
            }
            position += 1
        }
        mutating func real(_ value: Double?) {
            if let value { sqlite3_bind_double(handle, position, value) } else { sqlite3_bind_null(handle, position) }
            position += 1
        }
        mutating func text(_ value: String?) {
            if var value {
                value.withUTF8 { bytes in
                    guard let base = bytes.baseAddress else {
                        _ = sqlite3_bind_text(handle, position, "", 0, BoundStatement.transient)
                        return
                    }
                    _ = sqlite3_bind_text(
                        handle, position, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                        Int32(bytes.count), BoundStatement.transient)
                }
            } else {
                sqlite3_bind_null(handle, position)
            }
            position += 1
        }
        /// Text given as its UTF-8 bytes (nil for NULL), copied by SQLite as it binds.
        public mutating func text(bytes: UnsafeRawBufferPointer?) {
            if let bytes, let base = bytes.baseAddress {
                _ = sqlite3_bind_text(
                    handle, position, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                    BoundStatement.transient)
            } else if bytes != nil {
                _ = sqlite3_bind_text(handle, position, "", 0, BoundStatement.transient)
            } else {
                sqlite3_bind_null(handle, position)
            }
            position += 1
        }
    }

    /// SQLite's "copy the bytes now" destructor.
    fileprivate static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Runs the statement once (an insert, an update): `bind` gives its values in
    /// the statement's order.
    public func insert(_ bind: (inout Values) -> Void) throws {
        _ = try step(bind)
    }

    /// Whether a query returns a row for these values (`SELECT 1 ... WHERE ...`).
    func exists(_ bind: (inout Values) -> Void) throws -> Bool {
        try step(bind)
    }

    /// The columns of the row a query is on, read by position from 0.
    struct Columns {
        fileprivate let handle: OpaquePointer
        func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
        func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
        /// The column's text, nil for NULL.
        func text(_ column: Int32) -> String? {
            guard let bytes = sqlite3_column_text(handle, column) else { return nil }
            let count = Int(sqlite3_column_bytes(handle, column))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
    }

    /// Runs a query with GRDB's arguments (a filter's names and ids), handing each
    /// row to `each` as SQLite steps to it.
    func rows(arguments: StatementArguments, each: (Columns) throws -> Void) throws {
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        try scan(handle, each)
    }

    /// Runs a query, handing each row to `each` as SQLite steps to it.
    func rows(_ bind: (inout Values) -> Void = { _ in }, each: (Columns) throws -> Void) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        var values = Values(handle: handle)
        bind(&values)
        try scan(handle, each)
    }

    private func scan(_ handle: OpaquePointer, _ each: (Columns) throws -> Void) throws {
        let columns = Columns(handle: handle)
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                    sql: statement.sql)
            }
            try each(columns)
        }
    }

    /// Binds, steps once and resets; true when a row came back.
    private func step(_ bind: (inout Values) -> Void) throws -> Bool {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        var values = Values(handle: handle)
        bind(&values)
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW {
            sqlite3_reset(handle)
            return true
        }
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
        return false
    }
}
