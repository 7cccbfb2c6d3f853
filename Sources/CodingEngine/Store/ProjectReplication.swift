import GRDB

/// How a project whose authority is elsewhere (a team project on a PostgreSQL server)
/// keeps its local SQLite replica and makes each write durable there.
///
/// A replicated project is read from its replica like a file project; each write is
/// one transaction on both: `begin` starts the server's transaction (and brings the
/// replica up to date under the server's lock), the engine's own code runs in a
/// local transaction, `commit` sends what it changed and commits on the server
/// before the local commit, and `end` closes the server's side either way. A write
/// is acknowledged only when the server has committed it.
public protocol ProjectReplication: AnyObject, Sendable {
    /// What messages name the project by (the server's address, never a password).
    var displayName: String { get }
    /// Starts a write. Holding the lock, it starts the server's transaction, takes the
    /// project's lock and applies to the replica every change others made since it was
    /// last brought up to date; otherwise nothing is asked of the server until
    /// `commit`, which then checks that the replica was not behind.
    func begin(_ writer: any DatabaseWriter, holdingLock: Bool) throws
    /// Within the local transaction, after the engine's statements: sends the rows they
    /// changed and commits on the server. Throws (and the local transaction rolls
    /// back) when the server refuses or cannot be reached, and `ReplicaBehind` when a
    /// write begun without the lock was made on a replica others had written past.
    func commit(_ db: Database) throws
    /// Ends a write begun with `begin`: rolls the server's transaction back if
    /// `commit` did not run or failed.
    func end()
    /// Brings the replica up to date with the server, if the server said it changed
    /// (or `always`); returns whether anything was applied.
    @discardableResult func refresh(_ writer: any DatabaseWriter, always: Bool) throws -> Bool
    /// Counts the changes applied to the replica from the server: the workbench
    /// reads it with SQLite's own data version to notice others' writes.
    var appliedChanges: Int { get }
    /// Whether the server can be reached now (nil: not known), for the workbench.
    var connected: Bool? { get }
    /// Turns the server's errors into the researcher's.
    func mapped(_ error: Error) -> Error
}

/// A write made on a replica that was behind the server (another writer committed
/// first): the server refused it, nothing was saved, and it is made again on the
/// replica brought up to date.
public struct ReplicaBehind: Error {
    public init() {}
}
