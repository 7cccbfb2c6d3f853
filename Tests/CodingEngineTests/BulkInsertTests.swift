@testable import CodingEngine
import Foundation
import GRDB
import Testing
import TestSupport

@Suite("Bulk inserts: references checked once, before the commit")
struct BulkInsertTests {
    @Test("a row that refers to no record throws, and nothing of the bulk insert is stored")
    func brokenReferenceStoresNothing() throws {
        let folder = try Support.temporaryFolder()
        let path = try Support.write(ProjectStoreTests.interview, "brw.txt", in: folder)
        let project = try Support.project()
        try project.importTranscripts([path])
        let (documentID, codeID) = try project.read { db in
            (
                try Int64.fetchOne(db, sql: "SELECT id FROM documents")!,
                try Int64.fetchOne(db, sql: "SELECT min(id) FROM codes")!
            )
        }
        let coderID = try project.write { db in try Project.coderID(db, named: "ana") }
        #expect(throws: EngineError.brokenReference(table: "codings", row: 2)) {
            try project.bulkInsert { db in
                let insert = """
                    INSERT INTO codings (document_id, start, "end", code_id, coder_id, created_at, updated_at, guid)
                    VALUES (?, 0, 5, ?, ?, '2026-12-02T00:00:00Z', '2026-12-02T00:00:00Z', ?)
                    """
                try db.execute(sql: insert, arguments: [documentID, codeID, coderID, GUID.random()])
                // no such coder
                try db.execute(sql: insert, arguments: [documentID, codeID, coderID + 100, GUID.random()])
            }
        }
        #expect(try project.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM codings")! } == 0)
        // A turn of no document, in a table without rowids, is found by a check of all its rows.
        #expect(throws: EngineError.brokenReference(table: "turns", row: 0)) {
            try project.bulkInsert { db in
                try db.execute(
                    sql:
                        "INSERT INTO turns (document_id, idx, speaker, start, speech_start, \"end\") VALUES (?, 90, NULL, 0, 0, 1)",
                    arguments: [documentID + 100])
            }
        }
        // Enforcement is back on for every other write.
        #expect(try project.read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys")! })
    }

    @Test("a case attribute (a table without rowids) that refers to no case is found too")
    func withoutRowIDTable() throws {
        let project = try Support.project()
        #expect(throws: EngineError.brokenReference(table: "case_attributes", row: 0)) {
            try project.bulkInsert { db in
                try db.execute(
                    sql:
                        "INSERT INTO case_attributes (case_id, key, type, value, position) VALUES (42, 'size', 'text', 'small', 0)"
                )
            }
        }
    }
}
