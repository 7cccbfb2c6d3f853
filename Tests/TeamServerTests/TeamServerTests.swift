import CodingEngine
import Foundation
import GRDB
import Testing
import TestSupport
@testable import TeamServer

/// A team project in a database of its own on the test cluster, opened by each coder
/// as from their own machine (a replica folder each).
struct TeamFixture {
    let cluster: TestCluster
    let database: String
    let folder: URL

    init() throws {
        cluster = try #require(TestCluster.shared, "\(TestCluster.unavailableReason)")
        database = cluster.newDatabase()
        folder = try Support.temporaryFolder("team")
    }

    func environment(_ user: String) -> [String: String] {
        cluster.environment(user: user).merging([
            "XDG_CACHE_HOME": folder.appendingPathComponent("cache-\(user)").path,
            "HOME": folder.path,
        ]) { $1 }
    }

    func address(_ user: String) throws -> TeamAddress {
        try TeamAddress(cluster.address(database), environment: environment(user))
    }

    /// Lena makes the project (the 5I codebook, the demo's three interviews) and adds ana and ben.
    func create() throws -> Project {
        let project = try TeamProject.create(
            address("lena"), codebook: DemoProject.bundledCodebook(), environment: environment("lena")
        ) { project in
            try DemoProject.populate(project)
        }
        for coder in ["ana", "ben"] {
            _ = try TeamProject.addMember(coder, lead: false, password: nil, on: address("lena"))
        }
        return project
    }

    func open(_ user: String) throws -> Project { try TeamProject.open(address(user), environment: environment(user)) }
}

@Suite(
    "Team projects on a PostgreSQL server", .serialized,
    .enabled(if: TestCluster.available, Comment(rawValue: TestCluster.unavailableReason)))
struct TeamServerTests {
    @Test("two coders on two machines: each sees the other's codings once refreshed, with the same ids and GUIDs")
    func twoCoders() throws {
        let team = try TeamFixture()
        _ = try team.create()
        let ana = try team.open("ana"), ben = try team.open("ben")
        let before = try ben.codings(includeText: false).count
        let added = try ana.addCodings(
            document: "brw", ranges: [TextRange(10, 40)], code: "Processes/Intuiting", coder: "ana")
        #expect(try ben.codings(includeText: false).count == before, "ben's replica is read until it is refreshed")
        #expect(try ben.refresh(always: true))
        let seen = try #require(
            try ben.codings(CodingFilter(coders: ["ana"]), includeText: false).first { $0.id == added.ids[0] })
        let made = try #require(
            try ana.codings(CodingFilter(coders: ["ana"]), includeText: false).first { $0.id == added.ids[0] })
        #expect(seen.guid == made.guid && !seen.guid.isEmpty)
        // Writing one after the other, each write catches up first: no id is taken twice.
        for offset in stride(from: 100, to: 400, by: 30) {
            try ana.addCodings(
                document: "dmf", ranges: [TextRange(offset, offset + 10)], code: "Processes/Interpreting", coder: "ana")
            try ben.addCodings(
                document: "dmf", ranges: [TextRange(offset, offset + 12)], code: "Processes/Interpreting", coder: "ben")
        }
        try ana.refresh(always: true)
        try ben.refresh(always: true)
        let anaView = try ana.codings(includeText: false), benView = try ben.codings(includeText: false)
        #expect(anaView.map(\.id) == benView.map(\.id))
        #expect(anaView.map(\.guid) == benView.map(\.guid))
        #expect(Set(anaView.map(\.id)).count == anaView.count)
        let onServer = team.cluster.psql(team.database, "SELECT count(*) FROM intertwine.codings").output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(onServer == String(anaView.count))
    }

    @Test(
        "a write made on a copy others have written past is refused by the server and made again on the copy brought up to date: ana codes with lena's new code without refreshing"
    )
    func writeOnABehindCopy() throws {
        let team = try TeamFixture()
        let lena = try team.create()
        let ana = try team.open("ana")
        let before = try ana.codebook().codes.count
        // Lena adds a code and codes with it; ana's copy knows neither.
        let code = try lena.addCode(path: "Processes/Intertwining/Suppliers")
        let lenas = try lena.addCodings(
            document: "brw", ranges: [TextRange(0, 20)], code: "Processes/Intertwining/Suppliers", coder: "lena")
        #expect(try ana.codebook().codes.count == before)
        let anas = try ana.addCodings(
            document: "brw", ranges: [TextRange(30, 60)], code: "Processes/Intertwining/Suppliers", coder: "ana")
        // Ana's copy was brought up to date before her write was made again.
        let seen = try ana.codings(CodingFilter(codes: [code.path]), includeText: false)
        #expect(Set(seen.map(\.id)) == Set(lenas.ids + anas.ids))
        #expect(try ana.codebook().codes.count == before + 1)
        let onServer = team.cluster.psql(
            team.database,
            "SELECT string_agg(id::text, ',' ORDER BY id) FROM intertwine.codings WHERE code_id = \(code.id)"
        ).output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(onServer == (lenas.ids + anas.ids).sorted().map(String.init).joined(separator: ","))
        // Each write's changes carry its own id in the server's log (asked after a lost answer).
        let ids = team.cluster.psql(
            team.database,
            "SELECT count(DISTINCT write_id) FILTER (WHERE write_id IS NOT NULL), count(*) FILTER (WHERE write_id IS NULL) FROM intertwine.change_log WHERE tbl = 'codings' AND (image->>'code_id')::bigint = \(code.id)"
        ).output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(ids == "2|0")
    }

    @Test("row-level security: ben cannot remove or change ana's coding, nor the codebook, through intertwine or psql")
    func rowLevelSecurity() throws {
        let team = try TeamFixture()
        _ = try team.create()
        let ana = try team.open("ana"), ben = try team.open("ben")
        let id = try ana.addCodings(
            document: "brw", ranges: [TextRange(5, 25)], code: "Processes/Intuiting", coder: "ana"
        ).ids[0]
        try ben.refresh(always: true)
        #expect { try ben.removeCoding(id: id) } throws: { error in
            guard case TeamError.teamNotAllowed(_, let what, let who) = error else { return false }
            return what.contains("another coder's codings") && who.contains("lena")
        }
        #expect(
            try ben.codings(includeText: false).contains { $0.id == id },
            "the refused removal was rolled back in ben's replica too")
        #expect {
            try ben.addCodings(document: "brw", ranges: [TextRange(50, 60)], code: "Processes/Intuiting", coder: "ana")
        } throws: { error in if case TeamError.teamNotAllowed = error { return true } else { return false } }
        #expect {
            try ben.perform(.addCode(path: "Processes/Sensing", settings: CodeSettings(), coding: nil), by: "ben")
        } throws: { error in
            guard case TeamError.teamNotAllowed(_, let what, let who) = error else { return false }
            return what.contains("codebook") && who.contains("--lead")
        }
        // A plain SQL client, as ben: the policies hold there too.
        #expect(
            team.cluster.psql(team.database, "DELETE FROM intertwine.codings WHERE id = \(id)", user: "ben").status == 0
        )
        #expect(
            team.cluster.psql(team.database, "SELECT count(*) FROM intertwine.codings WHERE id = \(id)", user: "ben")
                .output.hasPrefix("1"))
        let forged = team.cluster.psql(
            team.database,
            """
            INSERT INTO intertwine.codings (id, document_id, start, "end", code_id, coder_id, created_at, updated_at)
            SELECT 9999, document_id, 0, 3, code_id, coder_id, 'x', 'x' FROM intertwine.codings WHERE id = \(id)
            """, user: "ben")
        #expect(forged.status != 0 && forged.output.contains("row-level security"))
        #expect(
            team.cluster.psql(team.database, "UPDATE intertwine.codes SET name = 'X' WHERE id = 1", user: "ben").output
                .contains("permission denied"))
        // ben's own coding is his to change and remove.
        let own = try ben.addCodings(
            document: "brw", ranges: [TextRange(70, 90)], code: "Processes/Intuiting", coder: "ben"
        ).ids[0]
        try ben.removeCoding(id: own)
        // A lead may change anyone's codings (merging codes moves every coder's).
        let lena = try team.open("lena")
        try lena.removeCoding(id: id)
        #expect(
            team.cluster.psql(team.database, "SELECT count(*) FROM intertwine.codings WHERE id = \(id)").output
                .hasPrefix("0"))
    }

    @Test(
        "push a file project, pull it back: every GUID, coding and memo kept; a second push is refused, the database untouched"
    )
    func pushAndPull() throws {
        let team = try TeamFixture()
        let file = try Project.create(
            at: team.folder.appendingPathComponent("study.db").path, codebook: DemoProject.bundledCodebook(),
            populate: DemoProject.populate)
        _ = try file.addMemo(on: .document("brw"), text: "a memo on brw", coder: "ana")
        // What the copies' text format escapes, and what looks like its NULL.
        _ = try file.addMemo(on: .project, text: "\\N", coder: "ana")
        _ = try file.addMemo(on: .project, text: "tab\there, a back\\slash\\t, \r\nand \\N", coder: "ben")
        try file.setDocumentMemo("dmf", coder: "ben", to: "ben's note")
        try file.addPseudonym(real: "Roger Watson", pseudonym: "OM-BRW", kind: .person, who: "lena")
        let moved = try TeamProject.push(file, to: team.address("lena"), environment: team.environment("lena"))
        #expect(moved.rows["codings"] == (try file.codings(includeText: false).count))
        #expect {
            try TeamProject.push(file, to: team.address("lena"), environment: team.environment("lena"))
        } throws: { error in if case TeamError.teamProjectExists = error { return true } else { return false } }
        let copy = team.folder.appendingPathComponent("copy.db").path
        // Pulled on another machine: a replica copied from the server, not the pusher's.
        let elsewhere = team.environment("lena").merging([
            "XDG_CACHE_HOME": team.folder.appendingPathComponent("cache-lena-elsewhere").path
        ]) { $1 }
        try TeamProject.pull(team.address("lena"), to: copy, environment: elsewhere)
        let pulled = try Project.open(at: copy)
        #expect(pulled.isTeamProject == false)
        #expect(
            try pulled.codings().map { [$0.guid, $0.document, "\($0.start)", "\($0.end)", $0.code, $0.coder, $0.text] }
                == (try file.codings().map {
                    [$0.guid, $0.document, "\($0.start)", "\($0.end)", $0.code, $0.coder, $0.text]
                }))
        #expect(try pulled.allMemos().map(\.text).sorted() == (try file.allMemos().map(\.text).sorted()))
        #expect(try pulled.codebook().codes.map(\.path) == (try file.codebook().codes.map(\.path)))
        #expect(try pulled.documentSizes().map(\.name) == (try file.documentSizes().map(\.name)))
        // The pseudonym table travels with the project, and a pulled copy leaves it to the team.
        #expect(try pulled.pseudonyms().map(\.pseudonym) == ["OM-BRW"])
        #expect(throws: EngineError.self) {
            try pulled.addPseudonym(real: "Dave", pseudonym: "Supervisor D", kind: .person, who: "lena")
        }
        let serverGUIDs = team.cluster.psql(
            team.database, "SELECT string_agg(guid, ',' ORDER BY guid) FROM intertwine.codes"
        ).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            serverGUIDs
                == (try file.readTables { db in
                    try String.fetchOne(
                        db, sql: "SELECT group_concat(guid, ',') FROM (SELECT guid FROM codes ORDER BY guid)")
                }))
        // The pushed rows are not copied into the change log (a new replica copies the
        // tables whole); what is written after them is, and others see it.
        #expect(team.cluster.psql(team.database, "SELECT count(*) FROM intertwine.change_log").output.hasPrefix("0"))
        // The copy lifts triggers, the owner's row-level security and the references for
        // its transaction only: all are back, as on a project made by `init` (the team's
        // own tables, such as the change log, have no row-level security on either).
        let guards = """
            SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 'intertwine'::regnamespace AND relkind = 'r'
                AND relname <> 'schema_migrations' AND NOT relforcerowsecurity)
            || ' ' || (SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE c.relnamespace = 'intertwine'::regnamespace AND t.tgenabled = 'D')
            || ' ' || (SELECT count(*) FROM pg_constraint WHERE connamespace = 'intertwine'::regnamespace
                AND contype IN ('f', 'p', 'u'))
            || ' ' || (SELECT count(*) FROM pg_indexes WHERE schemaname = 'intertwine')
            """
        let made = try TeamFixture()
        _ = try made.create()
        let pushedGuards = team.cluster.psql(team.database, guards).output
        #expect(pushedGuards == made.cluster.psql(made.database, guards).output)
        let counts = pushedGuards.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        #expect(counts.count == 4 && counts[1] == 0 && counts[2] > 0, "no trigger left off; keys there: \(counts)")
        _ = try TeamProject.addMember("ana", lead: false, password: nil, on: team.address("lena"))
        let ana = try team.open("ana")
        #expect(try ana.codings(includeText: false).count == moved.rows["codings"])
        let lena = try team.open("lena")
        let added = try lena.addCodings(
            document: "brw", ranges: [TextRange(3, 9)], code: "Processes/Intuiting", coder: "lena")
        // A lead changes the team's pseudonym table; a coder sees it.
        try lena.addPseudonym(real: "Dave", pseudonym: "Supervisor D", kind: .person, who: "lena")
        #expect(try ana.refresh(always: true))
        #expect(try ana.codings(includeText: false).contains { $0.id == added.ids[0] })
        #expect(try ana.pseudonyms().map(\.real).sorted() == ["Dave", "Roger Watson"])
        try lena.close()
        try ana.close()
        // A copy is a file project: nothing of the replica's own goes with it (its
        // state, the capture of a write's changes), also from a replica that has written.
        let writtenThrough = try team.open("lena")
        _ = try writtenThrough.addMemo(on: .project, text: "written through the replica", coder: "lena")
        let fromWritten = team.folder.appendingPathComponent("copy-of-written.db").path
        try TeamProject.pull(team.address("lena"), to: fromWritten, environment: team.environment("lena"))
        for path in [copy, fromWritten] {
            let replicaParts = try Project.open(at: path).readTables { db in
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT name FROM sqlite_schema WHERE name IN (?, ?) OR name LIKE 'intertwine\\_capture\\_%' ESCAPE '\\'
                        """, arguments: [Project.replicaStateTable, Project.replicaCaptureTable])
            }
            #expect(replicaParts.isEmpty, "\(path): \(replicaParts)")
        }
    }

    @Test(
        "the server killed at a random moment during writes: every acknowledged coding is there, every one said not saved is not, and writing resumes"
    )
    func serverKilled() throws {
        let team = try TeamFixture()
        _ = try team.create()
        let ana = try team.open("ana")
        /// What each write was told, by the start of the passage it coded.
        enum Told { case saved, notSaved, unknown }
        var told: [(start: Int, what: Told, message: String, seconds: Double)] = []
        // The server is killed (SIGKILL) at a random moment while the writes run, and
        // started again a second later.
        let delay = Double.random(in: 0.2...1.0)
        let killer = Thread {
            Thread.sleep(forTimeInterval: delay)
            team.cluster.kill()
            Thread.sleep(forTimeInterval: 1)
            try? team.cluster.restart()
        }
        killer.start()
        // At least 100 writes, and on until the server is back (a minute at most).
        let deadline = Date().addingTimeInterval(60)
        var index = 0
        while index < 100 || (!killer.isFinished && Date() < deadline) {
            let start = index * 2
            index += 1
            let began = Date()
            do {
                try ana.addCodings(
                    document: "rsl", ranges: [TextRange(start, start + 5)], code: "Processes/Integrating",
                    coder: "ana")
                told.append((start, .saved, "", Date().timeIntervalSince(began)))
            } catch let error as any ResearcherError {
                let unknown = "\(error)".contains("is not known")
                told.append((start, unknown ? .unknown : .notSaved, error.description, Date().timeIntervalSince(began)))
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        while !killer.isFinished { Thread.sleep(forTimeInterval: 0.1) }
        // Writing resumes once the server is back.
        try ana.addCodings(
            document: "rsl", ranges: [TextRange(index * 2, index * 2 + 5)], code: "Processes/Integrating",
            coder: "ana")
        // This test's own codings (five characters of rsl): the project's other codings of
        // ana's (one of the demo's starts at 462) are not this test's writes.
        let stored = Set(
            team.cluster.psql(
                team.database,
                "SELECT string_agg(c.start::text, ',') FROM intertwine.codings c JOIN intertwine.coders k ON k.id = c.coder_id JOIN intertwine.documents d ON d.id = c.document_id WHERE k.name = 'ana' AND d.name = 'rsl' AND c.\"end\" = c.start + 5"
            ).output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").compactMap { Int($0) })
        let refused = told.filter { $0.what != .saved }
        // The kill came while writes ran: some were refused, or one whose commit's answer
        // was lost waited through the restart to learn it was saved.
        #expect(
            !refused.isEmpty || told.contains { $0.seconds > 0.9 }, "the kill (after \(delay) s) came while writes ran")
        #expect(
            told.filter { $0.what == .saved }.allSatisfy { stored.contains($0.start) }, "no acknowledged coding lost")
        #expect(
            told.filter { $0.what == .notSaved }.allSatisfy { !stored.contains($0.start) },
            "nothing said not saved was saved: \(told.filter { $0.what == .notSaved && stored.contains($0.start) })")
        #expect(refused.allSatisfy { $0.message.contains("nothing was saved") || $0.message.contains("is not known") })
        // In words, never the client library's names (serverClosedConnection).
        #expect(!refused.contains { $0.message.range(of: "[a-z][A-Z][a-z]", options: .regularExpression) != nil })
        try ana.refresh(always: true)
        #expect(
            Set(
                try ana.codings(CodingFilter(coders: ["ana"], documents: ["rsl"]), includeText: false)
                    .filter { $0.end == $0.start + 5 }.map(\.start)) == stored)
    }

    @Test(
        "a history row is its writer's: ben's plain SQL cannot sign one with ana's name, on a new or an upgraded server"
    )
    func historyAttribution() throws {
        let team = try TeamFixture()
        _ = try team.create()
        let forge = """
            INSERT INTO intertwine.history (id, at, who, operation, kind, subject)
            SELECT coalesce(max(id), 0) + 1, 'now', 'ana', 'removed', 'coding', 'forged' FROM intertwine.history
            """
        func signer() -> String {
            team.cluster.psql(team.database, "SELECT who FROM intertwine.history WHERE subject = 'forged'").output
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(team.cluster.psql(team.database, forge, user: "ben").status == 0)
        #expect(signer() == "ben", "the server wrote ben's name over ana's")
        // ana's own history, written by intertwine, keeps her name.
        let ana = try team.open("ana")
        let id = try ana.addCodings(
            document: "brw", ranges: [TextRange(5, 25)], code: "Processes/Intuiting", coder: "ana"
        ).ids[0]
        try ana.recode([id], to: "Processes/Interpreting", by: "ana")
        #expect(
            team.cluster.psql(team.database, "SELECT who FROM intertwine.history WHERE operation = 'recode'").output
                .trimmingCharacters(in: .whitespacesAndNewlines) == "ana")
        // A lead importing a history written by others keeps the names sent.
        team.cluster.psql(team.database, "DELETE FROM intertwine.history WHERE subject = 'forged'")
        #expect(team.cluster.psql(team.database, forge, user: "lena").status == 0)
        #expect(signer() == "ana")
        // A server made before the stamp gets it when a lead next opens the project.
        team.cluster.psql(
            team.database,
            """
            DELETE FROM intertwine.history WHERE subject = 'forged';
            DROP TRIGGER history_stamped ON intertwine.history; DROP FUNCTION intertwine.stamp_writer();
            DROP POLICY anyone_adds ON intertwine.history;
            CREATE POLICY anyone_adds ON intertwine.history FOR INSERT WITH CHECK (true);
            DELETE FROM intertwine.schema_migrations WHERE identifier LIKE 'team 1:%';
            """)
        #expect(team.cluster.psql(team.database, forge, user: "ben").status == 0)
        #expect(signer() == "ana", "before the upgrade the name was forged")
        team.cluster.psql(team.database, "DELETE FROM intertwine.history WHERE subject = 'forged'")
        _ = try team.open("lena")
        #expect(team.cluster.psql(team.database, forge, user: "ben").status == 0)
        #expect(signer() == "ben")
    }

    @Test("a coder's own SQL cannot take the write lock; an unfinished write of theirs holds others back 10 s at most")
    func writeLock() throws {
        let team = try TeamFixture()
        _ = try team.create()
        let ana = try team.open("ana")
        func code(_ start: Int) throws {
            try ana.addCodings(
                document: "brw", ranges: [TextRange(start, start + 10)], code: "Processes/Intuiting", coder: "ana")
        }
        // The advisory lock writes once took, held by ben from psql, holds no one back.
        let advisory = try team.cluster.psqlInBackground(
            team.database, "SELECT pg_advisory_lock(\(ServerSchema.writeLock)), pg_sleep(8)", user: "ben")
        Thread.sleep(forTimeInterval: 1)
        try code(10)
        #expect(advisory.ended() == nil, "ana's write did not wait for ben's advisory lock")
        advisory.signal(SIGKILL)
        _ = advisory.wait()
        // Nor can ben lock the lock's row himself.
        #expect(
            team.cluster.psql(team.database, "SELECT 1 FROM intertwine.write_lock FOR UPDATE", user: "ben").output
                .contains("permission denied"))
        // A write of ben's own left unfinished: ana is told whose, within the limit, and nothing is saved.
        let holding = try team.cluster.psqlInBackground(
            team.database, "BEGIN; SELECT intertwine.take_write_lock(); SELECT pg_sleep(30); COMMIT;", user: "ben")
        Thread.sleep(forTimeInterval: 1)
        let before = try ana.codings(includeText: false).count
        let started = Date()
        #expect { try code(40) } throws: { error in
            guard case TeamError.projectBusy(_, let writers, let seconds) = error else { return false }
            return writers == "ben" && seconds == ServerConnection.lockLimit
                && "\(error)".contains("nothing was saved")
        }
        #expect(Date().timeIntervalSince(started) < Double(ServerConnection.lockLimit) + 5)
        #expect(try ana.codings(includeText: false).count == before)
        // Once ben's session is ended (by the server's administrator), ana writes again.
        team.cluster.psql(team.database, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'ben'")
        _ = holding.wait()
        try code(40)
    }

    @Test("a commit whose answer was lost is asked after: said saved when it was, not saved when it was not")
    func lostAnswer() throws {
        let team = try TeamFixture()
        _ = try team.create()
        let ana = try team.open("ana")
        let replication = try #require(ana.replication as? TeamReplication)
        func storedOnServer(_ start: Int) -> Bool {
            team.cluster.psql(team.database, "SELECT count(*) FROM intertwine.codings WHERE start = \(start)").output
                .hasPrefix("1")
        }
        replication.fault = .answerLost
        let saved = try ana.addCodings(
            document: "brw", ranges: [TextRange(300, 310)], code: "Processes/Intuiting", coder: "ana")
        #expect(saved.ids.count == 1 && storedOnServer(300))
        #expect(try ana.codings(includeText: false).contains { $0.id == saved.ids[0] })
        replication.fault = .lostBeforeCommit
        #expect {
            try ana.addCodings(
                document: "brw", ranges: [TextRange(320, 330)], code: "Processes/Intuiting", coder: "ana")
        } throws: { error in
            "\(error)".contains("before the change was committed") && "\(error)".contains("nothing was saved")
        }
        #expect(!storedOnServer(320))
        #expect(try !ana.codings(includeText: false).contains { $0.start == 320 })
        // And the next write goes through.
        try ana.addCodings(document: "brw", ranges: [TextRange(340, 350)], code: "Processes/Intuiting", coder: "ana")
        #expect(storedOnServer(340))
    }

    @Test("the command line's core on a file project and on a team project: the same output, command by command")
    func sameOnBothEngines() throws {
        let team = try TeamFixture()
        let url = team.cluster.address(team.database)
        /// Runs the suite on `project` (a file or the team's address) and returns what the
        /// reading commands printed, with the project's name taken out.
        func suite(_ project: String, team isTeam: Bool) throws -> [String: String] {
            var binary = try Binary()
            func run(_ user: String, _ arguments: [String]) throws -> String {
                binary.environment.merge(team.environment(user)) { $1 }
                binary.environment["INTERTWINE_CODER"] = user
                let done = try binary.run(arguments + ["--project", project])
                #expect(done.status == 0, "\(arguments) as \(user): \(done.stderr)")
                return done.stdout
            }
            let transcripts = Support.root.appendingPathComponent("transcripts")
            _ = try run("lena", ["init"])
            if isTeam { _ = try run("lena", ["team", "add", "ana"]) }
            _ = try run(
                "lena",
                [
                    "import", transcripts.appendingPathComponent("brw.txt").path,
                    transcripts.appendingPathComponent("dmf.md").path,
                ])
            for (coder, turn, code) in [
                ("ana", "3", "Processes/Intuiting"), ("ana", "5", "Processes/Interpreting"),
                ("lena", "3", "Processes/Intuiting"), ("lena", "7", "Processes/Interpreting"),
                ("ana", "9", "Processes/Integrating"),
            ] {
                _ = try run(coder, ["code", "add", "--doc", "dmf", "--turn", turn, "--code", code])
            }
            _ = try run("ana", ["memo", "add", "the owner learns from the consultant", "--doc", "dmf"])
            _ = try run("lena", ["codebook", "rename", "Processes/Intuiting", "Sensing"])
            // The consensus's overlap rule is the study's: recorded where the methods report of any
            // replica reads it.
            _ = try run("lena", ["consensus", "--coders", "ana,lena", "--overlap", "0.9"])
            var printed: [String: String] = [:]
            for command in [
                ["stats"], ["stats", "--by", "coder"], ["agree", "--coders", "ana,lena"], ["codebook"],
                ["export", "--format", "csv"], ["documents"], ["query", "Processes/Sensing"],
                ["methods", "--coders", "ana,lena"],
            ] {
                // When each was made differs between the two runs; nothing else may.
                printed[command.joined(separator: " ")] = try run("ana", command).replacingOccurrences(
                    of: project, with: "PROJECT"
                ).replacingOccurrences(
                    of: "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.…Z]*", with: "TIME", options: .regularExpression)
            }
            return printed
        }
        let onFile = try suite(team.folder.appendingPathComponent("study.db").path, team: false)
        let onServer = try suite(url, team: true)
        for (command, printed) in onFile.sorted(by: { $0.key < $1.key }) {
            #expect(!printed.isEmpty, "\(command) printed something")
            #expect(onServer[command] == printed, "\(command)")
        }
        #expect(
            onServer["methods --coders ana,lena"]?.contains("at least 90% of their union counted as agreed") == true)
    }

    @Test("a replica is its owner's alone: the folder 0700, the file and its journal 0600")
    func privateReplica() throws {
        let team = try TeamFixture()
        _ = try team.create()
        let ana = try team.open("ana")
        try ana.addCodings(document: "brw", ranges: [TextRange(5, 25)], code: "Processes/Intuiting", coder: "ana")
        let folder = team.folder.appendingPathComponent("cache-ana/intertwine/team").path
        func mode(_ path: String) throws -> Int {
            try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        }
        #expect(try mode(folder) == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.contains { $0.hasSuffix("-wal") })
        for file in files { #expect(try mode(folder + "/" + file) == 0o600, "\(file)") }
    }

    @Test(
        "a server schema newer than this intertwine's is refused; an older one is brought up to date by its owner, a coder told whom to ask; the server's columns are the replica's"
    )
    func versions() throws {
        let team = try TeamFixture()
        let lena = try team.create()
        let columns = team.cluster.psql(
            team.database,
            """
            SELECT string_agg(table_name || '.' || column_name, ',' ORDER BY table_name, column_name) FROM information_schema.columns
            WHERE table_schema = 'intertwine'
            AND table_name NOT IN ('schema_migrations', 'team', 'change_log', 'write_lock')
            """
        ).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let local = try lena.readTables { db in try ReplicaFile.tables(db) }.flatMap { table in
            table.columns.map { "\(table.name).\($0)" }
        }.sorted()
        #expect(columns == local.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined(separator: ","))
        // A project older than this intertwine: a coder is told who must open it once;
        // the owner's open brings it up to date, and the coder's then works.
        // The server as the last team migration found it: its record and what it made
        // taken away.
        let last = try #require(ServerSchema.teamMigrations.last?.name)
        #expect(last.hasPrefix("team 4:"), "undo here what the newest team migration makes")
        team.cluster.psql(
            team.database,
            """
            DELETE FROM intertwine.schema_migrations WHERE identifier = '\(last)';
            ALTER TABLE intertwine.change_log DROP COLUMN write_id;
            DROP FUNCTION intertwine.begin_write(bigint, text);
            DROP FUNCTION intertwine.refuse_removal(text);
            """)
        #expect { try team.open("ana") } throws: { error in
            guard case TeamError.upgradeNeeded(_, let owner, let changes) = error else { return false }
            return owner == "lena" && changes == 1 && "\(error)".contains("ask lena to open it once")
        }
        try lena.close()
        _ = try team.open("lena")
        #expect(try team.open("ana").codings(includeText: false).isEmpty == false)
        team.cluster.psql(
            team.database, "INSERT INTO intertwine.schema_migrations (identifier) VALUES ('v99: from the future')")
        #expect { try team.open("ana") } throws: { error in
            if case EngineError.projectTooNew = error { return true } else { return false }
        }
    }
}
