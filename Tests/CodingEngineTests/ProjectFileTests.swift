import CodingEngine
import Foundation
import GRDB
import Testing
import TestSupport

@Suite("Project files")
struct ProjectFileTests {
    @Test("a project file is WAL-mode SQLite with foreign keys on, and reopens with everything in it")
    func createAndReopen() throws {
        let folder = try Support.temporaryFolder()
        let path = folder.appendingPathComponent("p.db").path
        let project = try Project.create(at: path, codebook: DemoProject.bundledCodebook())
        try project.importTranscripts([try Support.write("A: hello there", "K/d.txt", in: folder)])
        try project.addCodings(document: "d", ranges: [TextRange(3, 8)], code: "Processes/Intuiting", coder: "ana")
        try project.close()
        let queue = try DatabaseQueue(path: path)
        let (mode, integrity) = try queue.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try String.fetchAll(db, sql: "PRAGMA integrity_check")
            )
        }
        #expect(mode == "wal")
        #expect(integrity == ["ok"])
        try queue.close()
        let reopened = try Project.open(at: path)
        #expect(try reopened.codings().map(\.text) == ["hello"])
        #expect(try reopened.info("codebook") == "5I organisational learning (Jones & Macpherson 2006)")
    }

    @Test("create refuses to overwrite anything; open refuses what is not a project")
    func refusals() throws {
        let folder = try Support.temporaryFolder()
        let existing = try Support.write("precious notes", "notes.db", in: folder)
        #expect(throws: EngineError.projectExists(path: existing)) {
            try Project.create(at: existing, codebook: DemoProject.bundledCodebook())
        }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "precious notes")
        #expect(throws: EngineError.notAProject(path: existing, reason: "not a SQLite database")) {
            try Project.open(at: existing)
        }
        let missing = folder.appendingPathComponent("none.db").path
        #expect(throws: EngineError.projectMissing(path: missing)) { try Project.open(at: missing) }
        #expect(!FileManager.default.fileExists(atPath: missing))
        let empty = try Support.write([UInt8](), "empty.db", in: folder)
        #expect(throws: EngineError.notAProject(path: empty, reason: "the file is empty")) {
            try Project.open(at: empty)
        }
        let other = folder.appendingPathComponent("other.db").path
        let queue = try DatabaseQueue(path: other)
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        try queue.close()
        #expect(throws: EngineError.notAProject(path: other, reason: "a SQLite database of another program")) {
            try Project.open(at: other)
        }
    }

    @Test("a project written by a newer schema is refused, not damaged")
    func newerSchema() throws {
        let folder = try Support.temporaryFolder()
        let path = folder.appendingPathComponent("new.db").path
        try Project.create(at: path, codebook: DemoProject.bundledCodebook()).close()
        let queue = try DatabaseQueue(path: path)
        // What this version writes: every migration it knows.
        let supported = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") ?? 0 }
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: from the future')") }
        try queue.close()
        #expect(throws: EngineError.projectTooNew(path: path, found: supported + 1, supported: supported)) {
            try Project.open(at: path)
        }
    }

    @Test("saveCopy writes one self-contained file that opens as the same project")
    func saveCopy() throws {
        let folder = try Support.temporaryFolder()
        let project = try Support.project()
        try project.importTranscripts([try Support.write("A: hello there", "K/d.txt", in: folder)])
        let copy = folder.appendingPathComponent("copy.db").path
        try project.saveCopy(to: copy)
        #expect(!FileManager.default.fileExists(atPath: copy + "-wal"))
        #expect(try Project.open(at: copy).documents().map(\.name) == ["d"])
        // A copy never replaces anything: a database is refused, any other file too.
        #expect(
            throws: EngineError.outputRefused(
                path: copy,
                reason: "it is a SQLite database (a project or a backup), which intertwine never writes over")
        ) {
            try project.saveCopy(to: copy)
        }
        let notes = try Support.write("keep me", "notes.db", in: folder)
        #expect(throws: EngineError.outputExists(path: notes)) { try project.saveCopy(to: notes) }
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "keep me")
    }
}
