import Foundation
import GRDB

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

    private init(path: String?, writer: any DatabaseWriter) {
        self.path = path
        self.writer = writer
    }

    /// The name the project gives in messages.
    var displayPath: String { path ?? "in-memory project" }

    // MARK: Opening

    /// Creates a new project file at `path` with `codebook` as its codebook.
    /// Refuses to overwrite anything at `path`.
    public static func create(at path: String, codebook: CodebookFile) throws -> Project {
        if FileManager.default.fileExists(atPath: path) { throw EngineError.projectExists(path: path) }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw EngineError.fileMissing(path: folder)
            }
        }
        let project: Project
        do {
            let pool = try DatabasePool(path: path, configuration: configuration(readonly: false))
            project = Project(path: path, writer: pool)
            try ProjectSchema.migrator.migrate(pool)
            try project.writeCodebook(codebook, replacing: true)
            try project.setInfo("created_at", Timestamp.now())
        } catch {
            removeDatabaseFiles(path)
            throw mapped(error, path: path)
        }
        return project
    }

    /// Opens an existing project, upgrading an older schema in one transaction. A
    /// project opened `readOnly` (or whose file cannot be written) refuses every write
    /// with a clear error.
    public static func open(at path: String, readOnly: Bool = false) throws -> Project {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw EngineError.projectMissing(path: path)
        }
        if isFolder.boolValue { throw EngineError.notAProject(path: path, reason: "it is a folder") }
        try checkHeader(path)
        let writable = !readOnly && FileManager.default.isWritableFile(atPath: path)
            && FileManager.default.isWritableFile(atPath: (path as NSString).deletingLastPathComponent.isEmpty
                ? "." : (path as NSString).deletingLastPathComponent)
        do {
            let writer: any DatabaseWriter = writable
                ? try DatabasePool(path: path, configuration: configuration(readonly: false))
                : try DatabaseQueue(path: path, configuration: configuration(readonly: true))
            let applicationID = try writer.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0 }
            guard applicationID == ProjectSchema.applicationID else {
                throw EngineError.notAProject(path: path, reason: "a SQLite database of another program")
            }
            let migrator = ProjectSchema.migrator
            if try writer.read({ db in try migrator.hasBeenSuperseded(db) }) {
                let found = try writer.read { db in try migrator.appliedIdentifiers(db).count }
                throw EngineError.projectTooNew(path: path, found: found, supported: migrator.migrations.count)
            }
            if writable { try migrator.migrate(writer) }
            return Project(path: path, writer: writer)
        } catch {
            throw mapped(error, path: path)
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
        return config
    }

    /// Refuses files that are not SQLite databases before SQLite touches them.
    private static func checkHeader(_ path: String) throws {
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

    private static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
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

    /// Runs one user action as one transaction, with SQLite errors mapped.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(body)
        } catch {
            throw Project.mapped(error, path: displayPath)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch {
            throw Project.mapped(error, path: displayPath)
        }
    }

    // MARK: Project information

    func setInfo(_ key: String, _ value: String) throws {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO project_info (key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }

    /// A value kept about the project itself (e.g. `created_at`, `codebook`).
    public func info(_ key: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM project_info WHERE key = ?", arguments: [key]) }
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
    /// self-contained file. Refuses to overwrite anything.
    public func saveCopy(to path: String) throws {
        if FileManager.default.fileExists(atPath: path) { throw EngineError.projectExists(path: path) }
        do {
            let destination = try DatabaseQueue(path: path, configuration: Self.configuration(readonly: false))
            try writer.backup(to: destination)
            try destination.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try destination.close()
        } catch {
            for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw Project.mapped(error, path: path)
        }
    }
}
