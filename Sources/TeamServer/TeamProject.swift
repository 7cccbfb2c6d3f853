import CodingEngine
import Foundation
import GRDB

/// Team projects on a PostgreSQL server: making one, opening one, moving a file
/// project there and back, and adding the team's members.
public enum TeamProject {
    /// Where replicas are kept: `$XDG_CACHE_HOME/intertwine/team`, else `~/.cache/...`.
    static func replicaFolder(_ environment: [String: String]) -> String {
        let cache =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        return cache + "/intertwine/team"
    }

    // MARK: Making and opening

    /// Makes a team project in the (existing, empty of intertwine) database the
    /// address names, with `codebook`; `populate` then fills it (an import into a new
    /// project). The connecting role becomes the project's first lead; the team's
    /// roles are made when the server has none yet (which needs a role that may
    /// create roles). A failure leaves the database as it was.
    public static func create(
        _ address: TeamAddress, codebook: CodebookFile,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        populate: (Project) throws -> Void = { _ in }
    ) throws -> Project {
        let server = try ServerConnection.open(address)
        defer { server.close() }
        try makeSchema(server)
        do {
            let project = try open(address, environment: environment, fresh: true)
            try project.setUp(codebook: codebook)
            try populate(project)
            return project
        } catch {
            try? server.execute("DROP SCHEMA IF EXISTS \(ServerSchema.schema) CASCADE")
            throw error
        }
    }

    /// Makes the schema, the roles and the first lead, in one transaction.
    static func makeSchema(_ server: ServerConnection) throws {
        if try server.scalar("SELECT to_regclass('intertwine.schema_migrations')::text") != nil {
            throw TeamError.teamProjectExists(address: server.address.displayName)
        }
        try server.execute("BEGIN")
        do {
            let mayCreateRoles =
                try server.rows("SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user").first?
                .boolean(0) ?? false
            let rolesExist =
                try server.scalar(
                    "SELECT count(*)::text FROM pg_roles WHERE rolname IN ('\(ServerSchema.coderRole)', '\(ServerSchema.leadRole)')"
                ) == "2"
            guard rolesExist || mayCreateRoles else {
                throw TeamError.serverRefused(
                    address: server.address.displayName,
                    reason:
                        "making the first team project on a server makes the roles \(ServerSchema.leadRole) and \(ServerSchema.coderRole), which needs a role with CREATEROLE; ask the server's administrator (`ALTER ROLE \(server.address.user) CREATEROLE`)"
                )
            }
            if !rolesExist { try server.execute(ServerSchema.roles) }
            try server.execute("CREATE SCHEMA \(ServerSchema.schema)")
            try server.execute("SET LOCAL search_path = \(ServerSchema.schema)")
            // The policies' functions read tables the migrations make after them.
            try server.execute("SET LOCAL check_function_bodies = off")
            try executeAll(ServerSchema.teamObjects, on: server)
            try migrate(server, applied: [])
            try executeAll(ServerSchema.teamGrants, on: server)
            try server.execute(
                "INSERT INTO team (key, value) VALUES ('id', gen_random_uuid()::text), ('created_by', current_user)")
            try server.execute("GRANT \(ServerSchema.leadRole) TO \(quotedRole(server.address.user))")
            try server.execute("COMMIT")
        } catch {
            try? server.execute("ROLLBACK")
            throw ServerConnection.mapped(error, address: server.address)
        }
    }

    /// Runs the server's migrations not yet `applied`, within the caller's
    /// transaction: the file project's, each with its tables' triggers, grants and
    /// policies, then the team's own.
    static func migrate(_ server: ServerConnection, applied: Set<String>) throws {
        for migration in ServerSchema.migrations where !applied.contains(migration.name) {
            try executeAll(migration.sql, on: server)
            for table in migration.tables { try executeAll(ServerSchema.teamObjects(for: table), on: server) }
            try server.execute("INSERT INTO schema_migrations (identifier) VALUES ($1)", [.text(migration.name)])
        }
        for migration in ServerSchema.teamMigrations where !applied.contains(migration.name) {
            try executeAll(migration.sql, on: server)
            try server.execute("INSERT INTO schema_migrations (identifier) VALUES ($1)", [.text(migration.name)])
        }
    }

    /// Runs a script of statements one by one (the extended protocol takes one at a
    /// time). Statements end with `;` at a line's end, outside `$$` bodies.
    static func executeAll(_ script: String, on server: ServerConnection) throws {
        var statement = "", inBody = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("--") && !inBody { continue }
            statement += line + "\n"
            if line.components(separatedBy: "$$").count % 2 == 0 { inBody.toggle() }
            if !inBody && text.hasSuffix(";") {
                try server.execute(statement)
                statement = ""
            }
        }
        if !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { try server.execute(statement) }
    }

    static func quotedRole(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Opens the team project the address names: its replica brought up to date
    /// (copied whole the first time), every command then working on it as on a file.
    /// Unless only `forReading`, the server readies itself for a write meanwhile.
    public static func open(
        _ address: TeamAddress, environment: [String: String] = ProcessInfo.processInfo.environment,
        forReading: Bool = false
    ) throws -> Project {
        try open(address, environment: environment, fresh: false, forWriting: !forReading)
    }

    static func open(_ address: TeamAddress, environment: [String: String], fresh: Bool, forWriting: Bool = true)
        throws -> Project
    {
        // The server lets the role in while the replica this machine has is opened.
        let connecting = try ServerConnection.connect(address)
        let replication = TeamReplication(address: address, teamID: "", connection: nil)
        let folder = replicaFolder(environment), path = folder + "/" + address.replicaFileName
        let local: (project: Project, seq: Int64?)?
        do {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw EngineError.cannotWrite(path: folder, reason: "the team project's local copy is kept there")
            }
            if fresh {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            local = try FileManager.default.fileExists(atPath: path) ? openReplica(at: path, folder, replication) : nil
        } catch {
            (try? connecting.opened())?.close()
            throw error
        }
        let server = try connecting.opened()
        replication.attach(server)
        do {
            // The questions go together, their answers read in order (the second and
            // third fail where there is no team project, which the first tells): is
            // there one, which, of which version, and what changed since the replica's
            // last change (used if the replica is of this project).
            let exists = server.ask("SELECT to_regclass('intertwine.schema_migrations')::text")
            let team = server.ask("SELECT value FROM intertwine.team WHERE key = 'id'")
            let versions = server.ask(
                "SELECT identifier FROM intertwine.schema_migrations ORDER BY applied_at, identifier")
            let changes = local?.seq.map { server.ask(TeamReplication.changesSince, [.integer($0)]) }
            guard try exists.rows().first?.text(0) != nil else {
                throw TeamError.teamProjectMissing(address: address.displayName)
            }
            replication.teamID = try team.rows().first?.text(0) ?? ""
            try checkVersions(server, applied: try versions.rows().compactMap { try $0.text(0) })
            replication.behind = changes
            if forWriting { replication.readyToWrite(server) }
        } catch {
            server.close()
            throw error
        }
        let project: Project
        if let local {
            project = local.project
        } else {
            try buildReplica(at: path, folder: folder, from: replication)
            project = try openReplica(at: path, folder, replication).project
        }
        try project.refresh(always: true)
        return project
    }

    /// Opens the replica at `path`, with the last of the server's changes it has.
    private static func openReplica(at path: String, _ folder: String, _ replication: TeamReplication) throws -> (
        project: Project, seq: Int64?
    ) {
        keepPrivate(folder: folder, replica: path)
        let project = try Project.replica(at: path, replication: replication, prepare: ReplicaFile.prepare)
        let seq = try project.readTables { db in try ReplicaFile.state(db, "seq") }
        return (project, seq.flatMap { Int64($0) })
    }

    /// Builds a replica the machine does not have yet: the server's project copied
    /// whole into a file beside it, written without a journal (nothing else has it
    /// open), then moved into place. On failure nothing is left.
    static func buildReplica(at path: String, folder: String, from replication: TeamReplication) throws {
        let building = path + ".building"
        for suffix in ["", "-journal", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: building + suffix)
        }
        keepPrivate(folder: folder, replica: building)
        do {
            let queue = try Project.emptyReplica(at: building, prepare: ReplicaFile.prepare)
            do {
                try replication.copyWhole(into: queue)
                try queue.close()
            } catch {
                try? queue.close()
                throw error
            }
            guard rename(building, path) == 0 else {
                throw EngineError.cannotWrite(path: path, reason: "the team project's local copy is kept there")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: building)
            throw error
        }
    }

    /// A replica holds the whole project (every transcript): only its owner may read
    /// it. The folder is 0700; the file is made 0600 before SQLite opens it (its
    /// journal files take the file's mode), and a replica made with wider rights is
    /// narrowed.
    static func keepPrivate(folder: String, replica path: String) {
        chmod(folder, 0o700)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            chmod(path + suffix, 0o600)
        }
    }

    /// Refuses a server schema newer than this intertwine's; upgrades an older one.
    static func checkVersions(_ server: ServerConnection, applied: [String]) throws {
        let known = ServerSchema.migrations.map(\.name) + ServerSchema.teamMigrations.map(\.name)
        guard Set(applied).isSubset(of: known) else {
            throw EngineError.projectTooNew(
                path: server.address.displayName, found: applied.count, supported: known.count)
        }
        guard applied.count < known.count else { return }
        // Only the project's owner may change its tables: anyone else is told who must
        // open it once (a coder's intertwine newer than the server's project).
        let owner =
            try server.rows(
                "SELECT nspowner::regrole::text, pg_has_role(current_user, nspowner, 'USAGE') FROM pg_namespace WHERE nspname = $1",
                [.text(ServerSchema.schema)]
            ).first
        if let owner, try owner.boolean(1) == false {
            throw TeamError.upgradeNeeded(
                address: server.address.displayName, owner: try owner.text(0) ?? "the project's owner",
                changes: known.count - applied.count)
        }
        try server.execute("BEGIN")
        do {
            try server.execute("SET LOCAL search_path = \(ServerSchema.schema)")
            try server.execute("SELECT pg_advisory_xact_lock($1)", [.integer(ServerSchema.writeLock)])
            try migrate(server, applied: Set(applied))
            try server.execute("COMMIT")
        } catch {
            try? server.execute("ROLLBACK")
            throw error
        }
    }

    /// Listens for the other coders' writes (for the workbench): see
    /// `ProjectReplication.connected` and `refresh`.
    public static func startListening(_ project: Project) {
        (project.replication as? TeamReplication)?.startListening()
    }

    // MARK: Moving projects

    /// What `push` moved.
    public struct Moved: Sendable {
        public var rows: [String: Int]
    }

    /// Moves a file project to a new team project on the server: every row, GUID and
    /// all, in one server transaction (`copyRows`); the database is left as it was on
    /// failure. The mover's replica is a copy of the file, not of the server: the same
    /// rows, read without a second trip.
    public static func push(
        _ file: Project, to address: TeamAddress,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Moved {
        let server = try ServerConnection.open(address)
        defer { server.close() }
        try makeSchema(server)
        do {
            let counts = try copyRows(of: file, to: server)
            let teamID = try server.scalar("SELECT value FROM intertwine.team WHERE key = 'id'") ?? ""
            try seedReplica(from: file, for: address, team: teamID, environment: environment)
            return Moved(rows: counts)
        } catch {
            try? server.execute("ROLLBACK")
            try? server.execute("DROP SCHEMA IF EXISTS \(ServerSchema.schema) CASCADE")
            throw error
        }
    }

    /// Copies every row of `file`'s tables into the new project's, with `COPY`, in one
    /// transaction. The tables' triggers and the owner's row-level security are off
    /// meanwhile (the change log would hold a copy of every row; a later replica copies
    /// the tables whole), and their keys, references and indexes are dropped and made
    /// again after: a reference is then checked in one join instead of one trigger per
    /// row, an index built from the rows sorted once instead of row by row. Only the
    /// project's owner, who made its tables, may do it. Returns the rows copied, by table.
    static func copyRows(of file: Project, to server: ServerConnection) throws -> [String: Int] {
        let tables = try file.readTables { db in try ReplicaFile.tables(db) }
        let names = Set(tables.map(\.name))
        try server.execute("BEGIN")
        try server.execute("SET LOCAL search_path = \(ServerSchema.schema)")
        try server.execute("SELECT intertwine.take_write_lock()")
        // References first (they need the keys they point at), then keys; made again in
        // the opposite order.
        let constraints = try server.rows(
            """
            SELECT conrelid::regclass::text, conname::text, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE contype IN ('f', 'p', 'u') AND connamespace = '\(ServerSchema.schema)'::regnamespace
            ORDER BY contype = 'f' DESC, conrelid, conname
            """
        ).map { (table: try $0.text(0) ?? "", name: try $0.text(1) ?? "", definition: try $0.text(2) ?? "") }
            .filter { names.contains($0.table) }
        let indexes = try server.rows(
            """
            SELECT c.relname::text, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = '\(ServerSchema.schema)'::regnamespace
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) ORDER BY 2
            """
        ).map { (table: try $0.text(0) ?? "", name: try $0.text(1) ?? "", definition: try $0.text(2) ?? "") }
            .filter { names.contains($0.table) }
        // COPY is not allowed where row-level security applies: the owner's own is
        // lifted for this transaction (the tables are new, and the owner's to fill).
        for table in tables {
            try server.execute("ALTER TABLE \"\(table.name)\" DISABLE TRIGGER USER, NO FORCE ROW LEVEL SECURITY")
        }
        for constraint in constraints {
            try server.execute("ALTER TABLE \(constraint.table) DROP CONSTRAINT \"\(constraint.name)\"")
        }
        for index in indexes { try server.execute("DROP INDEX \(index.name)") }
        var counts: [String: Int] = [:]
        for table in tables {
            var rows = 0
            try server.copy(into: table.name, columns: table.columns) { send in
                rows = try file.readTables { db in try ReplicaFile.copyLines(db, table, send) }
            }
            counts[table.name] = rows
        }
        for index in indexes { try server.execute(index.definition) }
        for constraint in constraints.reversed() {
            try server.execute(
                "ALTER TABLE \(constraint.table) ADD CONSTRAINT \"\(constraint.name)\" \(constraint.definition)")
        }
        for table in tables {
            try server.execute("ALTER TABLE \"\(table.name)\" ENABLE TRIGGER USER, FORCE ROW LEVEL SECURITY")
        }
        try server.execute("COMMIT")
        return counts
    }

    /// Makes `file`'s copy the replica of the team project just pushed from it.
    static func seedReplica(
        from file: Project, for address: TeamAddress, team: String, environment: [String: String]
    ) throws {
        let folder = replicaFolder(environment)
        try? FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = folder + "/" + address.replicaFileName
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try file.saveCopy(to: path)
        keepPrivate(folder: folder, replica: path)
        let replica = try DatabaseQueue(path: path)
        defer { try? replica.close() }
        try replica.writeWithoutTransaction { db in try ReplicaFile.prepare(db) }
        try replica.write { db in
            try db.execute(sql: "DROP TABLE IF EXISTS \(SyncPoint.table)")
            try ReplicaFile.setState(db, "team", team)
            try ReplicaFile.setState(db, "seq", "0")
        }
    }

    /// Copies a team project into a new file project at `path`, to work on alone.
    public static func pull(
        _ address: TeamAddress, to path: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        let project = try open(address, environment: environment)
        defer { try? project.close() }
        try project.saveCopy(to: path, levelWith: (try teamID(of: project, at: address), address.displayName))
    }

    /// The server's id of the team project `project` is a replica of.
    static func teamID(of project: Project, at address: TeamAddress) throws -> String {
        guard let replication = project.replication as? TeamReplication else {
            throw TeamError.teamProjectMissing(address: address.displayName)
        }
        return replication.teamID
    }

    /// Brings the file project at `path` (pulled from this team project) and the team
    /// project level: the file's work since its last pull or sync goes to the server in
    /// one write (`Project.bringIn`), then the file is replaced by a copy of the team
    /// project, marked level with it. Refused, nothing changed, for a file not pulled
    /// from this team project.
    public static func sync(
        _ path: String, with address: TeamAddress,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> SyncReport {
        // The file is replaced at the end: its write-ahead log is folded in first, and
        // a file that cannot be replaced is refused before the server is written.
        let writable = try Project.open(at: path)
        try writable.checkpoint()
        try writable.close()
        guard access(PathName.folderOrCurrent(path), W_OK) == 0 else {
            throw EngineError.cannotWrite(
                path: path, reason: "a sync replaces the file, and its folder is not writable")
        }
        let file = try Project.snapshot(of: path)
        defer { try? file.close() }
        guard let point = try file.syncPoint() else {
            throw EngineError.cannotSync(
                path: path,
                reason:
                    "it was not pulled from a team project, so what changed on each side cannot be told; bring its work in with `intertwine merge \(path) --project \(address.displayName)`"
            )
        }
        let team = try open(address, environment: environment)
        defer { try? team.close() }
        let id = try teamID(of: team, at: address)
        guard point.team == id else {
            throw EngineError.cannotSync(
                path: path,
                reason:
                    "it was pulled from another team project (\(point.address)), not from \(address.displayName)")
        }
        let report = try team.bringIn(offlineWork: file, path: path, since: point, by: address.user)
        try team.saveCopy(to: path, replacing: true, levelWith: (id, address.displayName))
        return report
    }

    // MARK: The team

    /// Makes `name` a coder of the team projects on this server (a login role in
    /// `intertwine_coder`), and a lead when `lead`; a role that exists is granted what
    /// it lacks. With `password`, its SCRAM verifier is stored (worked out here: the
    /// password itself never reaches the server or its logs). Returns what was done.
    public static func addMember(_ name: String, lead: Bool, password: String?, on address: TeamAddress) throws
        -> String
    {
        guard !Name.trimmed(name).isEmpty else { throw EngineError.emptyName(kind: "role") }
        guard !name.lowercased().hasPrefix("pg_") else {
            throw TeamError.reservedRole(name)
        }
        let server = try ServerConnection.open(address)
        defer { server.close() }
        let role = quotedRole(name)
        var done: [String] = []
        do {
            try server.execute("BEGIN")
            if try server.scalar("SELECT rolname::text FROM pg_roles WHERE rolname = $1", [.text(name)]) == nil {
                try server.execute("CREATE ROLE \(role) LOGIN")
                done.append("made the role \(name)")
            }
            try server.execute("GRANT \(ServerSchema.coderRole) TO \(role)")
            if lead { try server.execute("GRANT \(ServerSchema.leadRole) TO \(role)") }
            done.append(
                lead
                    ? "\(name) is a lead (codebook, cases, documents, anyone's codings)"
                    : "\(name) is a coder (their own codings and memos)")
            if let password {
                try server.execute("ALTER ROLE \(role) PASSWORD '\(SCRAMVerifier.make(password: password))'")
                done.append("password set")
            }
            try server.execute("COMMIT")
        } catch let failure as ServerFailure {
            try? server.execute("ROLLBACK")
            guard failure.state == "42501" else {
                throw TeamError.serverRefused(address: address.displayName, reason: failure.description)
            }
            throw TeamError.teamNotAllowed(
                address: address.displayName, what: "adding a member to the team",
                who: "a role with CREATEROLE may (the server's administrator, or the lead who made the project)")
        } catch {
            try? server.execute("ROLLBACK")
            throw error
        }
        return done.joined(separator: "; ")
    }
}
