import CodingEngine
import Foundation
import GRDB

/// A team project's replication: how its replica follows the server and how each
/// write reaches it.
///
/// A write is made on the replica as it is (the engine's statements, with the rows
/// they change captured) and sent to the server whole: the transaction's start, the
/// check that takes the project's lock and refuses a replica others have written
/// past, the rows, and the commit, all in one exchange; the replica commits after the
/// server. A refused write is made again on the replica brought up to date, and after
/// a few tries holding the lock from the start (the replica caught up under it).
/// Writers are thereby one at a time per project, the engine computes on an exact
/// replica (the next id, the blind-coding flags), the lock is held for one exchange
/// and not for the engine's work, and a write is acknowledged only when the server
/// has it. The server's row-level security decides what each coder may change.
final class TeamReplication: ProjectReplication, @unchecked Sendable {
    let address: TeamAddress
    /// The server's project: a replica of another one is rebuilt.
    var teamID: String
    private let lock = NSLock()
    private var connection: ServerConnection?
    private var inTransaction = false
    private var tables: [ReplicaFile.Table] = []
    private var tablesByName: [String: ReplicaFile.Table] = [:]
    private var captureInstalled = false
    private var changesApplied = 0
    private var changed = true
    private var reachable: Bool?
    private var listener: ServerConnection?
    /// Others' changes asked for ahead (with the project's open, or with a write the
    /// server refused as made on a replica behind it): the first page of the next
    /// catch-up, which asks for them from the replica's last change.
    var behind: ServerConnection.Answer?
    /// The connection whose server session was readied for writing.
    private weak var readied: ServerConnection?
    /// The write in progress's own id, which its changes carry in the server's log.
    private var write = ""
    /// A fault to make at the next commit (the tests of a lost connection).
    var fault: CommitFault?
    /// How long a commit whose answer was lost waits for the server to come back and
    /// say whether the change was saved.
    static let outcomeLimit: Int64 = 15

    /// Faults a test makes at a commit: the connection lost just before the commit
    /// was sent, or just after (the answer lost, the commit made).
    enum CommitFault { case lostBeforeCommit, answerLost }

    init(address: TeamAddress, teamID: String, connection: ServerConnection?) {
        self.address = address
        self.teamID = teamID
        self.connection = connection
    }

    var displayName: String { address.displayName }

    var appliedChanges: Int { lock.withLock { changesApplied } }

    var connected: Bool? { lock.withLock { reachable } }

    /// The connection the project was opened with.
    func attach(_ server: ServerConnection) { connection = server }

    /// The open connection, or a new one when there is none or it was lost.
    private func server() throws -> ServerConnection {
        if let connection, !connection.isClosed { return connection }
        connection = nil
        let opened = try ServerConnection.open(address)
        connection = opened
        return opened
    }

    private func learnTables(_ writer: any DatabaseWriter) throws {
        guard tables.isEmpty else { return }
        tables = try writer.read { db in try ReplicaFile.tables(db) }
        tablesByName = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })
    }

    // MARK: Writing

    func begin(_ writer: any DatabaseWriter, holdingLock: Bool) throws {
        try learnTables(writer)
        // The replica's own preparation first: the project's lock is held only for
        // what needs it.
        if !captureInstalled {
            try writer.writeWithoutTransaction { db in try ReplicaFile.installCapture(db, tables: tables) }
            captureInstalled = true
        }
        write = UUID().uuidString.lowercased()
        let server = try self.server()
        // Without the lock nothing is asked of the server yet: `commit` sends the
        // write whole, with the check that the replica was not behind. A new session
        // is readied meanwhile (not waited for), so that the lock is not held while the
        // server first reads its functions and tables.
        guard holdingLock else {
            readyToWrite(server)
            return
        }
        do {
            // The transaction's start, the lock and the first page of others' changes
            // are sent together, and their answers read in order: one wait, not three.
            let since = try lastApplied(writer)
            let begun = server.ask("BEGIN")
            let locked = server.ask("SELECT intertwine.begin_write(NULL, $1)", [.text(write)])
            let firstPage = since.map { server.ask(Self.changesSince, [.integer($0)]) }
            _ = try begun.rows()
            inTransaction = true
            do {
                _ = try locked.rows()
            } catch let failure as ServerFailure where failure.state == "55P03" {
                end()
                throw busy(server)
            }
            try catchUp(server, writer, firstPage: firstPage)
        } catch {
            lost(error)
            throw error
        }
    }

    func commit(_ db: Database) throws {
        let runs = ReplicaFile.runs(try ReplicaFile.takeCaptured(db))
        // A write that changed nothing has nothing to send.
        guard !runs.isEmpty || inTransaction else { return }
        let server = try self.server()
        let known = Int64(try ReplicaFile.state(db, "seq") ?? "") ?? 0
        do {
            let fault = self.fault
            self.fault = nil
            if fault == .lostBeforeCommit { server.close() }
            // Everything goes together (when the lock was not taken yet, the start and the
            // write's id; each run of rows as one statement; then the check; the last
            // change's number; the commit), and the answers are read in order: the
            // project's lock is held for one exchange, from the first row logged. A
            // refused statement aborts the transaction, whose COMMIT then rolls back.
            var started: [ServerConnection.Answer] = []
            let checked = !inTransaction
            if checked {
                started.append(server.ask("BEGIN"))
                started.append(server.ask("SELECT set_config('intertwine.write', $1, true)", [.text(write)]))
                inTransaction = true
            }
            var sent = runs.map { server.ask(send: $0, tablesByName) }
            if checked {
                sent.append(server.ask("SELECT intertwine.begin_write($1, $2)", [.integer(known), .text(write)]))
            }
            let mark = server.ask("SELECT coalesce(max(seq), 0)::text FROM intertwine.change_log")
            let committed = server.ask("COMMIT")
            // After a checked write, what others committed since the replica's last
            // change: nothing as a rule, and when the check refused the write, what the
            // replica must apply before it is made again (no further exchange for it).
            let others = checked ? server.ask(Self.othersSince, [.integer(known), .text(write)]) : nil
            var last: String?
            do {
                for answer in started + sent { _ = try answer.rows() }
                last = try mark.rows().first?.text(0)
            } catch let failure as ServerFailure {
                _ = try? committed.rows()
                inTransaction = false
                // A statement refused before the check ran may have been refused for
                // what the replica lacked: when others wrote since, it is made again. So is
                // a write the server chose to end to break a deadlock with another's
                // (40P01): it was rolled back whole, and the retries are bounded.
                let othersWrote = checked && failure.state != "55P03" && (try? others?.rows().isEmpty) == false
                if failure.state == "40001" || failure.state == "40P01" || othersWrote {
                    behind = others
                    throw ReplicaBehind()
                }
                switch failure.state {
                case "55P03": throw busy(server)
                default: throw failure
                }
            } catch {
                // The connection went with the commit sent or not: `finish` asks.
            }
            try finish(committed, known: known)
            if fault == .answerLost {
                server.close()
                try finish(server.ask("SELECT 1"), known: known)
            }
            inTransaction = false
            // Without the mark (its answer lost), the replica reads its own change back
            // from the server's log on the next catch-up.
            if let last { try ReplicaFile.setState(db, "seq", last) }
        } catch let failure as ServerFailure {
            throw refusal(failure, server)
        } catch {
            lost(error)
            throw error
        }
    }

    /// Readies the server's session for a write, once per connection, without
    /// waiting: the functions a write calls compiled, the tables it writes read and
    /// their statements planned, so that the project's lock is not held while the
    /// server first does so.
    func readyToWrite(_ server: ServerConnection) {
        guard readied !== server else { return }
        readied = server
        _ = server.ask("SELECT intertwine.begin_write(NULL, NULL)")
        for table in ["codings", "memos"] {
            guard let columns = ServerSchema.tables[table] else { continue }
            let name = "intertwine.\"\(table)\""
            _ = server.ask(
                "EXPLAIN (COSTS OFF) INSERT INTO \(name) SELECT * FROM jsonb_populate_recordset(NULL::\(name), '[]') ON CONFLICT (\(columns.key.map { "\"\($0)\"" }.joined(separator: ", "))) DO NOTHING"
            )
        }
    }

    /// The project is busy: another write holds its lock past the lock's time limit.
    private func busy(_ server: ServerConnection) -> TeamError {
        TeamError.projectBusy(address: displayName, writers: lockHolders(server), seconds: ServerConnection.lockLimit)
    }

    /// Waits for the commit's answer; when the connection was lost first, asks the
    /// server again, once it answers, whether the write was committed.
    private func finish(_ committed: ServerConnection.Answer, known: Int64) throws {
        do {
            _ = try committed.rows()
        } catch let failure as ServerFailure {
            inTransaction = false
            throw failure
        } catch {
            inTransaction = false
            let session = connection?.session
            lost(error)
            switch outcome(of: write, after: known, session: session) {
            case .saved?: return
            case .notSaved?:
                throw TeamError.serverUnavailable(
                    address: displayName, reason: "it went away before the change was committed")
            case nil:
                throw TeamError.commitUnknown(address: displayName, seconds: Self.outcomeLimit)
            }
        }
    }

    func end() {
        guard inTransaction else { return }
        inTransaction = false
        do {
            try connection?.execute("ROLLBACK")
        } catch {
            lost(error)
        }
    }

    /// Whether the write `write` was committed, asked of the server on new
    /// connections until it answers (at most `outcomeLimit` seconds); nil when it
    /// never did. Its changes are in the log after `known` when it was; when they are
    /// not, it was not, once the server process that served it (`session`) has
    /// ended: until then, it may still commit, and the server is asked again.
    private func outcome(of write: String, after known: Int64, session: Int64?) -> Outcome? {
        let deadline = Date().addingTimeInterval(TimeInterval(Self.outcomeLimit))
        while Date() < deadline {
            do {
                let server = try self.server()
                let found = try server.rows(
                    """
                    SELECT EXISTS (SELECT 1 FROM intertwine.change_log WHERE seq > $1 AND write_id = $2),
                    EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $3 AND pid <> pg_backend_pid())
                    """, [.integer(known), .text(write), session.map { .integer($0) } ?? .null]
                ).first
                if try found?.boolean(0) == true { return .saved }
                if session != nil, try found?.boolean(1) == false { return .notSaved }
                Thread.sleep(forTimeInterval: 0.1)
            } catch {
                connection?.close()
                connection = nil
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
        return nil
    }

    /// What became of a commit whose answer was lost.
    private enum Outcome { case saved, notSaved }

    /// Whose unfinished write holds the project's write lock: the role of the
    /// transaction that locked its row, as the server's activity view names it.
    private func lockHolders(_ server: ServerConnection) -> String {
        let names = try? server.scalar(
            """
            SELECT string_agg(DISTINCT a.usename::text, ', ') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'transactionid' AND l.mode = 'ExclusiveLock' AND l.granted
            AND l.transactionid::text = (SELECT xmax::text FROM intertwine.write_lock)
            """)
        return names.flatMap { $0 } ?? "another coder"
    }

    // MARK: Following the server

    func refresh(_ writer: any DatabaseWriter, always: Bool) throws -> Bool {
        let wanted = lock.withLock { () -> Bool in
            defer { changed = false }
            return changed || always
        }
        let page = behind
        behind = nil
        guard wanted || page != nil else { return false }
        try learnTables(writer)
        do {
            return try catchUp(try server(), writer, firstPage: page)
        } catch {
            lock.withLock { changed = true }
            lost(error)
            throw error
        }
    }

    /// Applies what the server committed since the replica's last change; a replica
    /// that has none yet (or is of another project) is copied whole. Returns whether
    /// anything was applied.
    @discardableResult
    private func catchUp(
        _ server: ServerConnection, _ writer: any DatabaseWriter, firstPage: ServerConnection.Answer? = nil
    ) throws -> Bool {
        guard let last = try lastApplied(writer) else {
            try copyWhole(server, writer)
            return true
        }
        var from = last, any = false, asked = firstPage
        while true {
            let rows = try (asked ?? server.ask(Self.changesSince, [.integer(from)])).rows()
            asked = nil
            guard let top = try rows.last?.integer(0) else { return any }
            let changes = try rows.map {
                RowChange(
                    table: try $0.text(1) ?? "", op: try $0.text(2) ?? "u", key: try $0.text(3) ?? "",
                    image: try $0.text(4) ?? "{}")
            }
            let start = from
            try writer.write { db in
                // Another process with this replica may have applied them meanwhile.
                guard try ReplicaFile.state(db, "seq") == String(start) else { return }
                try ReplicaFile.apply(db, changes, tables: tablesByName)
                try ReplicaFile.setState(db, "seq", String(top))
            }
            lock.withLock { changesApplied += changes.count }
            from = top
            any = true
            if rows.count < Self.changesPage { return any }
        }
    }

    /// How many of others' changes are read at a time.
    static let changesPage = 5_000

    /// The page of changes after `$1`, in the order the server committed them.
    static let changesSince = changes(where: "seq > $1")

    /// The page of others' changes after `$1`, leaving out those of the write `$2`.
    static let othersSince = changes(where: "seq > $1 AND write_id IS DISTINCT FROM $2")

    private static func changes(where condition: String) -> String {
        """
        SELECT seq, tbl, op::text, key::text, image::text FROM intertwine.change_log WHERE \(condition) ORDER BY seq LIMIT \(changesPage)
        """
    }

    /// The last of the server's changes the replica has, or nil when it has none of
    /// this project's (it is then copied whole).
    private func lastApplied(_ writer: any DatabaseWriter) throws -> Int64? {
        let (seq, team) = try writer.read { db in (try ReplicaFile.state(db, "seq"), try ReplicaFile.state(db, "team"))
        }
        guard team == teamID else { return nil }
        return seq.flatMap { Int64($0) }
    }

    /// Copies every row of the server's project into the replica, in one snapshot of
    /// the server's and one transaction of the replica's. Each table's rows come a
    /// page at a time through a cursor, their columns as text (a boolean as 0 or 1, as
    /// the file keeps it; the replica's column types make numbers of the rest), and are
    /// inserted as they come, bound as the server sent their bytes: memory holds one
    /// page, not the project. The replica's own indexes are set aside meanwhile and
    /// built once the rows are in.
    /// Copies the server's project whole into `writer` (a replica being built).
    func copyWhole(into writer: any DatabaseWriter) throws {
        try learnTables(writer)
        do {
            try copyWhole(try server(), writer)
        } catch {
            lost(error)
            throw error
        }
    }

    private func copyWhole(_ server: ServerConnection, _ writer: any DatabaseWriter) throws {
        let own = !inTransaction
        if own { try server.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") }
        defer { if own { try? server.execute("ROLLBACK") } }
        let last = try server.scalar("SELECT coalesce(max(seq), 0)::text FROM intertwine.change_log") ?? "0"
        let tables = self.tables, teamID = self.teamID
        var copied = 0
        // The server checked every reference (in the snapshot read): the replica does not
        // look each one up again, which would cost more than the rows themselves.
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.inTransaction {
                try ReplicaFile.clear(db, tables: tables)
                let indexes = try ReplicaFile.setIndexesAside(db)
                for table in tables {
                    var types: [String: String] = [:]
                    for row in try server.rows(
                        """
                        SELECT column_name::text, data_type::text FROM information_schema.columns
                        WHERE table_schema = 'intertwine' AND table_name = $1
                        """, [.text(table.name)])
                    {
                        types[try row.text(0) ?? ""] = try row.text(1)
                    }
                    try server.execute(
                        "DECLARE whole NO SCROLL CURSOR FOR SELECT \(ReplicaFile.copyLine(table, types: types)) FROM intertwine.\"\(table.name)\""
                    )
                    let insertion = try BoundStatement(db, sql: ReplicaFile.insertion(table))
                    // Transcripts are long: fewer of them to a page. The next page is asked
                    // for before this one is written, so the two overlap.
                    let fetch =
                        "FETCH \(table.columns.contains("text") ? Self.copyPage / 20 : Self.copyPage) FROM whole"
                    var next = server.ask(fetch)
                    while true {
                        let page = try next.rows()
                        if page.isEmpty { break }
                        next = server.ask(fetch)
                        for row in page {
                            try row.withBytes(0) { line in
                                try insertion.insert { values in ReplicaFile.bind(copyLine: line, to: &values) }
                            }
                        }
                        copied += page.count
                    }
                    try server.execute("CLOSE whole")
                }
                for index in indexes { try db.execute(sql: index) }
                try ReplicaFile.dropCaptured(db)
                try ReplicaFile.setState(db, "team", teamID)
                try ReplicaFile.setState(db, "seq", last)
                return .commit
            }
        }
        lock.withLock { changesApplied += copied }
    }

    /// How many rows a copy of the whole project reads at a time.
    static let copyPage = 2_000

    // MARK: Live

    /// Listens for other coders' writes: each marks the replica as behind, and the
    /// next `refresh` applies them. When the server goes away the listener says so
    /// (`connected` false) and tries again every second.
    func startListening() {
        DispatchQueue.global().async { [self] in listenUntilClosed() }
    }

    private func listenUntilClosed() {
        while true {
            do {
                let listening = try ServerConnection.open(address, timeout: 2)
                try listening.listen(ServerSchema.channel) { [weak self] in self?.lock.withLock { self?.changed = true }
                }
                lock.withLock {
                    listener = listening
                    // Whatever was missed while away is read on the next refresh.
                    changed = true
                    reachable = true
                }
                let closed = DispatchSemaphore(value: 0)
                listening.onClose { closed.signal() }
                closed.wait()
                lock.withLock {
                    reachable = false; listener = nil
                }
            } catch {
                lock.withLock { reachable = false }
            }
            Thread.sleep(forTimeInterval: 1)
        }
    }

    // MARK: Errors

    /// After a connection error the connection is dropped: the next action opens a
    /// new one.
    private func lost(_ error: Error) {
        guard case TeamError.serverUnavailable = error else { return }
        connection?.close()
        connection = nil
        inTransaction = false
        lock.withLock { reachable = false }
    }

    func mapped(_ error: Error) -> Error {
        if let failure = error as? ServerFailure {
            return TeamError.serverRefused(address: displayName, reason: failure.description)
        }
        return error
    }

    /// A refusal by the server's permissions, said with who may do it.
    private func refusal(_ failure: ServerFailure, _ server: ServerConnection) -> Error {
        guard failure.state == "42501" else { return mapped(failure) }
        end()
        let table = failure.table ?? Self.tableNamed(in: failure.message) ?? ""
        let leads =
            (try? server.scalar(
                """
                SELECT string_agg(m.rolname, ', ' ORDER BY m.rolname) FROM pg_auth_members a
                JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
                WHERE g.rolname = '\(ServerSchema.leadRole)' AND m.rolcanlogin
                """)).flatMap { $0 } ?? "none yet"
        let (what, who): (String, String)
        switch ServerSchema.tables[table]?.owner ?? .leads {
        case .coder, .coderName, .who, .positions:
            (what, who) = (
                "changing another coder's \(Self.describe(table))", "only its coder or a lead (\(leads)) may"
            )
        case .appendOnly:
            (what, who) = ("changing the history", "only a lead (\(leads)) may")
        case .leads:
            (what, who) = (
                "changing the \(Self.describe(table))",
                "a lead (\(leads)) may, or make you one with `intertwine team add \(address.user) --lead`"
            )
        }
        return TeamError.teamNotAllowed(address: displayName, what: what, who: who)
    }

    /// The table a refusal names: `... for table "codings"` (row-level security) or
    /// `permission denied for table codes` (grants).
    static func tableNamed(in message: String) -> String? {
        guard let found = message.range(of: "table ") else { return nil }
        let rest = message[found.upperBound...].drop { $0 == "\"" }
        let name = rest.prefix { $0.isLetter || $0 == "_" }
        return name.isEmpty ? nil : String(name)
    }

    static func describe(_ table: String) -> String {
        switch table {
        case "codes": return "codebook"
        case "cases", "case_attributes": return "cases"
        case "documents", "document_properties", "turns": return "documents"
        case "codings": return "codings"
        case "memos": return "memos"
        case "cell_summaries": return "summaries"
        case "documents_done": return "documents marked done"
        case "coders": return "coders"
        case "queries": return "saved queries"
        case "project_info": return "project settings"
        default: return table
        }
    }
}

extension ServerConnection {
    /// Sends a run of changes (one table, one kind) as one statement, without
    /// waiting. Rows added or changed are written whole, over what has their key. A
    /// removal that row-level security kept from some of its rows (a delete does not
    /// see what it may not remove) is refused as a whole: the statement compares what
    /// it removed with what there was to remove.
    fileprivate func ask(send run: [RowChange], _ tables: [String: ReplicaFile.Table]) -> Answer {
        guard let table = tables[run[0].table] else { return ask("SELECT 1") }
        let array = "[" + run.map(\.image).joined(separator: ",") + "]"
        let name = "intertwine.\"\(table.name)\""
        let records = "jsonb_populate_recordset(NULL::\(name), $1::jsonb)"
        guard run[0].op != "d" else {
            let matching = table.key.map { "t.\"\($0)\" = k.\"\($0)\"" }.joined(separator: " AND ")
            return ask(
                """
                WITH gone AS (DELETE FROM \(name) t USING \(records) k WHERE \(matching) RETURNING 1)
                SELECT intertwine.refuse_removal('\(table.name)') FROM (SELECT count(*) AS n FROM gone) g
                WHERE g.n < (SELECT count(*) FROM \(name) t JOIN \(records) k ON \(matching))
                """, [.text(array)])
        }
        let columns = table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let others = table.columns.filter { !table.key.contains($0) }
        let conflict =
            others.isEmpty
            ? "DO NOTHING"
            : "DO UPDATE SET " + others.map { "\"\($0)\" = EXCLUDED.\"\($0)\"" }.joined(separator: ", ")
        return ask(
            """
            INSERT INTO \(name) AS t (\(columns)) SELECT \(columns) FROM \(records)
            ON CONFLICT (\(table.key.map { "\"\($0)\"" }.joined(separator: ", "))) \(conflict)
            """, [.text(array)])
    }
}
