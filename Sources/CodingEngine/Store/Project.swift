import Foundation
import GRDB
import Synchronization

/// A project: one SQLite file holding cases, documents, the codebook, coders,
/// codings and memos.
///
/// The file is opened in WAL mode with foreign keys on and a busy timeout, so that a
/// second coder (another workbench, or the command line) can write at the same time.
/// Every user action is one transaction: a kill at any moment loses at most the
/// action in flight. `Project.inMemory()` gives the same store without a file, for
/// tests.
public final class Project: Sendable {
    /// Where the project lives; nil for an in-memory project.
    public let path: String?
    let writer: any DatabaseWriter
    /// The file a snapshot was taken from, for messages.
    private let origin: String?
    /// For a team project, its server: each write is committed there first.
    public let replication: (any ProjectReplication)?
    private let viewing = Mutex<String?>(nil)

    /// Who is looking at the project: while blind coding is on, every read of codings
    /// and memos shows only what `Visibility` lets them see. The command line sets it to
    /// the coder running the command, the workbench to its coder; nil sees everything.
    public var viewer: String? {
        get { viewing.withLock { $0 } }
        set { viewing.withLock { $0 = newValue.map { Name.normalized(Name.trimmed($0)) } } }
    }

    private init(
        path: String?, writer: any DatabaseWriter, origin: String? = nil, replication: (any ProjectReplication)? = nil
    ) {
        self.path = path
        self.writer = writer
        self.origin = origin
        self.replication = replication
    }

    /// A project on `writer` that names itself as `original` does in messages (a copy in memory).
    convenience init(copyOf original: Project, writer: any DatabaseWriter) {
        self.init(path: nil, writer: writer, origin: original.displayPath)
    }

    /// The name the project gives in messages.
    var displayPath: String { replication?.displayName ?? path ?? origin ?? "in-memory project" }

    /// The schema's versions (its migrations' names, oldest first), which a team
    /// project's server schema follows.
    public static var schemaVersions: [String] { ProjectSchema.versions }

    /// The table of a team project's replica that holds its own facts (the server's
    /// project, the last change applied): not part of the project, left out of copies.
    public static let replicaStateTable = "intertwine_replica"

    /// The table of a team project's replica where its capture triggers (named
    /// `intertwine_capture_...`) record a write's changes until they are sent: not
    /// part of the project either, and left out of copies with the triggers.
    public static let replicaCaptureTable = "intertwine_captured"

    /// Removes a replica's capture triggers (a copy's, or a replica's about to be
    /// copied anew).
    public static func dropReplicaCapture(_ db: Database) throws {
        let triggers = try String.fetchAll(
            db,
            sql:
                "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'intertwine\\_capture\\_%' ESCAPE '\\'"
        )
        for trigger in triggers { try db.execute(sql: "DROP TRIGGER \"\(trigger)\"") }
    }

    /// Whether this is a team project (its authority a server, this file its replica).
    public var isTeamProject: Bool { replication != nil }

    /// For a team project, whether its server can be reached (as far as is known);
    /// nil for a file project.
    public func serverConnected() -> Bool? {
        guard let replication else { return nil }
        return replication.connected ?? true
    }

    // MARK: Opening

    /// Creates a new project file at `path` with `codebook` as its codebook, after
    /// `populate` has filled it (an import into a new project). The project is built
    /// under a hidden temporary name beside `path` and renamed into place when
    /// complete, so a failure or a kill never leaves a half-made project there (a
    /// kill's leftover is removed by the next write to `path`). Refuses to overwrite
    /// anything at `path`.
    public static func create(
        at path: String, codebook: CodebookFile,
        populate: (Project) throws -> Void = { _ in }
    ) throws -> Project {
        switch FileKind.of(path, followingLinks: false) {
        case .missing: break
        case .regular, .symbolicLink: throw EngineError.projectExists(path: path)
        case .folder:
            throw EngineError.outputRefused(
                path: path,
                reason: "it is a folder; name a project file inside it, e.g. \(PathName.joined(path, "study.db"))")
        case .special(let what):
            throw EngineError.outputRefused(path: path, reason: "it is \(what), not a regular file")
        }
        let folder = PathName.folderOrCurrent(path)
        guard case .folder = FileKind.of(folder) else { throw EngineError.fileMissing(path: folder) }
        do {
            try OutputFile.write(to: path, replacing: false) { temporary in
                do {
                    let queue = try DatabaseQueue(path: temporary, configuration: configuration(readonly: false))
                    // A file nobody else opens yet, thrown away on failure: its journal
                    // stays in memory (transactions still roll back) and nothing is
                    // synced until it is complete.
                    try queue.writeWithoutTransaction { db in
                        try db.execute(sql: "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF")
                    }
                    try ProjectSchema.migrator.migrate(queue)
                    let building = Project(path: nil, writer: queue, origin: path)
                    try building.writeCodebook(codebook, replacing: true)
                    try building.setInfo("created_at", Timestamp.now())
                    try populate(building)
                    try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
                    try queue.close()
                } catch {
                    throw Project.mapped(error, path: path)
                }
            }
        } catch EngineError.outputExists {
            throw EngineError.projectExists(path: path)
        }
        return try open(at: path)
    }

    /// Opens an existing project, upgrading an older schema in one transaction. A
    /// project opened `readOnly` (or whose file cannot be written) refuses every write
    /// with a clear error.
    public static func open(at path: String, readOnly: Bool = false) throws -> Project {
        try checkFile(path)
        let writable =
            !readOnly && FileManager.default.isWritableFile(atPath: path)
            && FileManager.default.isWritableFile(atPath: PathName.folderOrCurrent(path))
        do {
            let writer: any DatabaseWriter =
                writable
                ? try DatabasePool(path: path, configuration: configuration(readonly: false))
                : try DatabaseQueue(path: path, configuration: configuration(readonly: true))
            try checkIdentity(writer, path: path)
            let migrator = ProjectSchema.migrator
            // Only a project that needs upgrading takes the write lock here: reading a
            // project never waits for another coder's transaction.
            if writable, try !writer.read({ db in try migrator.hasCompletedMigrations(db) }) {
                try migrator.migrate(writer)
            }
            return Project(path: path, writer: writer)
        } catch {
            throw mapped(error, path: path)
        }
    }

    /// Opens the local replica of a team project at `path` (a file of the user's
    /// cache, created with the project's schema when missing), its writes made durable
    /// by `replication`. The caller brings it up to date (`refresh`) before use.
    public static func replica(
        at path: String, replication: any ProjectReplication,
        prepare: (Database) throws -> Void
    ) throws -> Project {
        do {
            let pool = try DatabasePool(path: path, configuration: configuration(readonly: false))
            try ProjectSchema.migrator.migrate(pool)
            try checkIdentity(pool, path: path)
            try pool.writeWithoutTransaction { db in try prepare(db) }
            return Project(path: path, writer: pool, replication: replication)
        } catch {
            throw mapped(error, path: path)
        }
    }

    /// A new, empty replica at `path` (which must not exist), written without a
    /// journal: a team project's first copy is built there whole, then moved to where
    /// `replica(at:)` opens it. Nothing but that copy writes it, so a failure is
    /// recovered from by removing the file.
    public static func emptyReplica(at path: String, prepare: (Database) throws -> Void) throws -> DatabaseQueue {
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readonly: false))
            try ProjectSchema.migrator.migrate(queue)
            try queue.writeWithoutTransaction { db in
                try prepare(db)
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
            }
            return queue
        } catch {
            throw mapped(error, path: path)
        }
    }

    /// Brings a team project's replica up to date with its server; returns whether
    /// anything changed. A file project is always up to date.
    @discardableResult
    public func refresh(always: Bool = false) throws -> Bool {
        guard let replication else { return false }
        do {
            return try replication.refresh(writer, always: always)
        } catch {
            throw Project.mapped(replication.mapped(error), path: displayPath)
        }
    }

    /// Gives a new project (a team project just made on its server) its codebook and
    /// creation time, as `create` does for a file.
    public func setUp(codebook: CodebookFile) throws {
        try writeCodebook(codebook, replacing: true)
        try setInfo("created_at", Timestamp.now())
    }

    /// Opens a project to read, without ever waiting for another coder's write
    /// transaction: a read-only connection in WAL mode reads the last commit while
    /// others write. A project that needs upgrading is opened for writing once, to
    /// upgrade it.
    public static func openForReading(at path: String) throws -> Project {
        try checkFile(path)
        do {
            let reader = try DatabaseQueue(path: path, configuration: configuration(readonly: true))
            try checkIdentity(reader, path: path)
            if try reader.read({ db in try ProjectSchema.migrator.hasCompletedMigrations(db) }) {
                return Project(path: path, writer: reader)
            }
            try reader.close()
        } catch {
            throw mapped(error, path: path)
        }
        return try open(at: path)
    }

    /// A copy in memory of the project at `path`, read without changing anything
    /// there: not a byte of the file, no `-wal` or `-shm` created, no upgrade (an
    /// older project is upgraded in the copy). For reading another coder's project.
    public static func snapshot(of path: String) throws -> Project {
        try checkFile(path)
        do {
            let source = try openForReadingOnly(path)
            defer { try? source.close() }
            try checkIdentity(source, path: path)
            let copy = try DatabaseQueue(configuration: configuration(readonly: false))
            try source.backup(to: copy)
            let migrator = ProjectSchema.migrator
            if try !copy.read({ db in try migrator.hasCompletedMigrations(db) }) { try migrator.migrate(copy) }
            return Project(path: nil, writer: copy, origin: path)
        } catch {
            throw mapped(error, path: path)
        }
    }

    /// A read-only connection that leaves no trace: when no writer has the file open
    /// (no `-wal` beside it) SQLite is told the file is immutable, so it creates no
    /// `-wal` or `-shm`; otherwise it reads through the live write-ahead log.
    private static func openForReadingOnly(_ path: String) throws -> DatabaseQueue {
        let configuration = configuration(readonly: true)
        guard FileKind.of(path + "-wal") == .missing else {
            return try DatabaseQueue(path: path, configuration: configuration)
        }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var uri = "file:"
        for scalar in absolute.unicodeScalars {
            switch scalar {
            case "%", "?", "#": uri += String(format: "%%%02X", scalar.value)
            default: uri.unicodeScalars.append(scalar)
            }
        }
        return try DatabaseQueue(path: uri + "?immutable=1", configuration: configuration)
    }

    /// Refuses databases of other programs and of newer intertwines.
    private static func checkIdentity(_ reader: any DatabaseReader, path: String) throws {
        let applicationID = try reader.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0 }
        guard applicationID == ProjectSchema.applicationID else {
            throw EngineError.notAProject(path: path, reason: "a SQLite database of another program")
        }
        let migrator = ProjectSchema.migrator
        if try reader.read({ db in try migrator.hasBeenSuperseded(db) }) {
            let found = try reader.read { db in try migrator.appliedIdentifiers(db).count }
            throw EngineError.projectTooNew(path: path, found: found, supported: migrator.migrations.count)
        }
    }

    /// A project held in memory, for tests: the same schema and code paths as a file.
    public static func inMemory(codebook: CodebookFile) throws -> Project {
        let queue = try DatabaseQueue(configuration: configuration(readonly: false))
        try ProjectSchema.migrator.migrate(queue)
        let project = Project(path: nil, writer: queue)
        try project.writeCodebook(codebook, replacing: true)
        return project
    }

    static func configuration(readonly: Bool) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.readonly = readonly
        config.busyMode = .timeout(10)
        // A larger page cache than SQLite's 2 MB: listings visit each coding's page
        // once per document, and re-reading pages was half their time.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -20000") }
        return config
    }

    /// Refuses what is not a project file before SQLite touches it: nothing there, a
    /// folder, a FIFO or device (which would block or be damaged), a file that is not
    /// a SQLite database.
    static func checkFile(_ path: String) throws {
        switch FileKind.of(path) {
        case .missing: throw EngineError.projectMissing(path: path)
        case .folder: throw EngineError.notAProject(path: path, reason: "it is a folder")
        case .special(let what): throw EngineError.notAProject(path: path, reason: "it is \(what), not a regular file")
        case .regular, .symbolicLink: break
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw EngineError.fileUnreadable(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty { throw EngineError.notAProject(path: path, reason: "the file is empty") }
        guard header.starsWithSQLiteMagic else {
            throw EngineError.notAProject(path: path, reason: "not a SQLite database")
        }
    }

    /// Turns SQLite's errors into the researcher's.
    static func mapped(_ error: Error, path: String) -> Error {
        guard let dbError = error as? DatabaseError else { return error }
        switch dbError.resultCode {
        case .SQLITE_NOTADB: return EngineError.notAProject(path: path, reason: "not a SQLite database")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: return EngineError.projectReadOnly(path: path)
        case .SQLITE_FULL: return EngineError.diskFull(path: path)
        case .SQLITE_CORRUPT: return EngineError.notAProject(path: path, reason: "the database is damaged")
        default: return error
        }
    }

    // MARK: Transactions

    /// Runs one user action as one transaction, with SQLite errors mapped; in a team
    /// project, committed on the server before it is committed here.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try replicated { beforeCommit in
            try writer.write { db in
                let result = try body(db)
                try beforeCommit(db)
                return result
            }
        }
    }

    /// Runs `transaction`, which calls `beforeCommit` last inside its transaction: for
    /// a team project the server's transaction is begun around it and committed there;
    /// for a file project `beforeCommit` does nothing. Errors are mapped.
    func replicated<T>(_ transaction: (_ beforeCommit: (Database) throws -> Void) throws -> T) throws -> T {
        guard let replication else {
            do {
                return try transaction { _ in }
            } catch {
                throw Project.mapped(error, path: displayPath)
            }
        }
        do {
            // A write is first made without the server's lock, on the replica as it is,
            // and sent whole: the lock is held for one exchange with the server, not for
            // the engine's work. When another writer committed first, it is made again
            // on the replica brought up to date; after a few such tries, holding the lock
            // throughout (no one can then commit first).
            var tries = 0
            while true {
                tries += 1
                let holdingLock = tries > Self.writesWithoutLock
                try replication.begin(writer, holdingLock: holdingLock)
                defer { replication.end() }
                do {
                    return try transaction { db in try replication.commit(db) }
                } catch is ReplicaBehind where !holdingLock {
                    try replication.refresh(writer, always: true)
                } catch  where !holdingLock && tries == 1 && (error is EngineError || error is DatabaseError) {
                    // The engine may have refused for want of what others wrote since
                    // (a code just added): made again, with the lock, if the replica was
                    // behind.
                    guard (try? replication.refresh(writer, always: true)) == true else { throw error }
                    tries = Self.writesWithoutLock
                }
            }
        } catch {
            throw Project.mapped(replication.mapped(error), path: displayPath)
        }
    }

    /// How many times a write is made without the server's lock before it is made
    /// holding it.
    static let writesWithoutLock = 4

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch {
            throw Project.mapped(error, path: displayPath)
        }
    }

    /// Reads the project's tables directly, in one read transaction: for copying a
    /// project whole (moving it to a team server). Everything else reads through the
    /// engine's own functions.
    public func readTables<T>(_ body: (Database) throws -> T) throws -> T {
        try read(body)
    }

    /// Writes the project's tables directly, as one write like any other (in a team
    /// project, committed on the server first): for copying a project whole.
    public func writeTables<T>(_ body: (Database) throws -> T) throws -> T {
        try write(body)
    }

    // MARK: Project information

    func setInfo(_ key: String, _ value: String) throws {
        try write { db in
            try ProjectInfo.set(db, key, to: value)
        }
    }

    /// Records who made the project (`init`, or an import into a new project): the
    /// REFI-QDA export's creating user.
    public func setCreator(_ name: String) throws {
        let trimmed = Name.trimmed(name)
        guard !trimmed.isEmpty else { return }
        try setInfo("created_by", trimmed)
    }

    /// A value kept about the project itself (e.g. `created_at`, `created_by`, `codebook`).
    public func info(_ key: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM project_info WHERE key = ?", arguments: [key])
        }
    }
}

private extension Data {
    var starsWithSQLiteMagic: Bool {
        count >= 16 && starts(with: Array("SQLite format 3".utf8) + [0])
    }
}

extension Project {
    /// Copies the write-ahead log into the project file and empties it.
    public func checkpoint() throws {
        _ = try writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    /// Closes the project file.
    public func close() throws {
        if let pool = writer as? DatabasePool { try pool.close() }
        if let queue = writer as? DatabaseQueue { try queue.close() }
    }

    /// Writes a consistent copy of the project to a new file at `path` (SQLite's
    /// online backup), in rollback-journal mode so that the copy is one
    /// self-contained file. The copy is made under a temporary name and renamed when
    /// complete; anything already at `path` is refused unless `replacing`, which replaces
    /// the project file there (a sync: see `OutputFile.replaceProject`). With `team`,
    /// the copy is marked level with that team project (its sync point): a pull, a sync.
    public func saveCopy(to path: String, replacing: Bool = false, levelWith team: (id: String, address: String)? = nil)
        throws
    {
        let write = { (body: (String) throws -> Void) in
            if replacing {
                try OutputFile.replaceProject(at: path, body)
            } else {
                try OutputFile.write(to: path, replacing: false, body)
            }
        }
        try write { temporary in
            do {
                let destination = try DatabaseQueue(path: temporary, configuration: Self.configuration(readonly: false))
                try writer.backup(to: destination)
                try destination.writeWithoutTransaction { db in
                    // A team project's copy is a file project of its own.
                    try db.execute(sql: "DROP TABLE IF EXISTS \(Self.replicaStateTable)")
                    try Self.dropReplicaCapture(db)
                    try db.execute(sql: "DROP TABLE IF EXISTS \(Self.replicaCaptureTable)")
                    try db.execute(sql: "PRAGMA journal_mode = DELETE")
                }
                // One transaction: a row per record, not a commit (and a sync to disk) each.
                if let team {
                    try destination.write { db in try SyncPoint.keep(db, team: team.id, address: team.address) }
                }
                try destination.close()
            } catch {
                throw Project.mapped(error, path: path)
            }
        }
    }
}
