@testable import CodingEngine
import Foundation
import GRDB
import Testing
import TestSupport

@Suite("Framework analyses: co-occurrence, learning flows, case matrices, comparing cases")
struct AnalysisTests {
    /// Four turns: speech at [3,17), [21,35), [39,53), [57,71).
    static let text = "A: aaaa aaaa aaaa\nB: bbbb bbbb bbbb\nA: cccc cccc cccc\nB: dddd dddd dddd"

    static func project() throws -> Project {
        let folder = try Support.temporaryFolder()
        let project = try Project.inMemory(codebook: CodebookFile.parse(Support.smallCodebook, file: "small.yaml"))
        try project.importTranscripts([try Support.write(text, "K1/d1.txt", in: folder)])
        func code(_ s: Int, _ e: Int, _ path: String, _ coder: String) throws {
            try project.addCodings(document: "d1", ranges: [TextRange(s, e)], code: path, coder: coder)
        }
        try code(3, 10, "Processes/Intuiting", "ana")
        try code(8, 17, "Processes/Intuiting", "ana") // with the first: one passage [3,17)
        try code(12, 25, "Processes/Interpreting", "ana")
        try code(40, 45, "Customer", "ana")
        try code(39, 50, "Processes/Intuiting", "ana")
        try code(5, 17, "Processes/Intuiting", "ben")
        try code(12, 20, "Processes/Interpreting", "ben")
        return project
    }

    func pair(_ pairs: [Cooccurrence.Pair], _ a: String, _ b: String, _ coder: String) -> Cooccurrence.Pair? {
        pairs.first { $0.a == a && $0.b == b && $0.coder == coder }
    }

    @Test("co-occurrence by overlap: passages are a coder's unioned ranges; c = overlaps / (n1 + n2 - overlaps)")
    func byOverlap() throws {
        let pairs = try Cooccurrence.compute(try Self.project(), coders: ["ana"])
        let ip = try #require(pair(pairs, "Processes/Intuiting", "Processes/Interpreting", "ana"))
        #expect((ip.n1, ip.n2, ip.overlaps) == (2, 1, 1) && ip.c == 0.5)
        #expect(ip.passages.map(\.range) == [TextRange(12, 17)])
        let ic = try #require(pair(pairs, "Processes/Intuiting", "Customer", "ana"))
        #expect((ic.n1, ic.n2, ic.overlaps) == (2, 1, 1) && ic.c == 0.5)
        let pc = try #require(pair(pairs, "Processes/Interpreting", "Customer", "ana"))
        #expect(pc.overlaps == 0 && pc.c == 0)
    }

    @Test("co-occurrence within the same speaker turn, and where the coders agree")
    func byTurnAndAgreed() throws {
        let project = try Self.project()
        let turns = try Cooccurrence.compute(project, coders: ["ana"], unit: .turn)
        let ip = try #require(pair(turns, "Processes/Intuiting", "Processes/Interpreting", "ana"))
        #expect((ip.n1, ip.n2, ip.overlaps) == (2, 2, 1))
        #expect(abs(ip.c! - 1.0 / 3) < 1e-12)
        #expect(ip.passages.map(\.range) == [TextRange(3, 17)])
        #expect(pair(turns, "Processes/Intuiting", "Customer", "ana")?.c == 0.5)
        let agreed = try Cooccurrence.compute(project, coders: ["ana", "ben"], agreed: true)
        let both = try #require(pair(agreed, "Processes/Intuiting", "Processes/Interpreting", "agreed: ana+ben"))
        #expect((both.n1, both.n2, both.overlaps) == (1, 1, 1) && both.c == 1)
        #expect(both.passages.map(\.range) == [TextRange(12, 17)])
        #expect(throws: EngineError.tooFewCoders) { try Cooccurrence.compute(project, coders: ["ana"], agreed: true) }
    }

    @Test("learning flows: feed-forward up the ladder, feedback down, knowledge sources of the upper steps")
    func flows() throws {
        let folder = try Support.temporaryFolder()
        let project = try Support.project()
        try project.importTranscripts([try Support.write(String(repeating: "word ", count: 20), "K/d.txt", in: folder)])
        for (s, e, path) in [
            (0, 5, "Processes/Intuiting"), (10, 20, "Processes/Institutionalising"), (30, 35, "Processes/Interpreting"),
            (40, 50, "Processes/Intertwining"), (45, 48, "Knowledge source/Customer"),
            (12, 14, "Knowledge source/Consultant"),
            (0, 3, "Knowledge source/Supplier"),
        ] {
            try project.addCodings(document: "d", ranges: [TextRange(s, e)], code: path, coder: "ana")
        }
        try project.importTranscripts([try Support.write("more words here", "K/e.txt", in: folder)])
        try project.addCodings(document: "e", ranges: [TextRange(5, 10)], code: "Processes/Intertwining", coder: "ana")
        let flow = try #require(try LearningFlows.compute(project).first)
        #expect(flow.steps.map(\.level) == [0, 3, 1, 4, 4])
        // Steps are placed along the case's documents end to end: e follows d's 100 characters.
        #expect(flow.steps.map(\.position) == [0, 10, 30, 40, 105] && flow.length == 115)
        #expect((flow.feedForward, flow.feedback, flow.repeats) == (2, 1, 1))
        #expect(abs(flow.feedForwardShare! - 2.0 / 4) < 1e-12)
        #expect(flow.transitions.map(\.count) == [1, 1, 1, 1])
        // not Supplier: it overlaps intuiting
        #expect(flow.sources.map(\.code) == ["Knowledge source/Customer", "Knowledge source/Consultant"])
        let demo = try Support.project()
        try DemoProject.populate(demo)
        let flows = try LearningFlows.compute(demo, coder: "ben")
        #expect(flows.map(\.caseName) == ["BRW", "DMF", "RSL"] && flows.allSatisfy { $0.coder == "ben" })
    }

    @Test("case matrix: counts and extracts per cell, and summaries kept as the researcher writes them")
    func matrix() throws {
        let project = try Support.project()
        try DemoProject.populate(project)
        var matrix = try CaseMatrix.compute(project, folder: "Learning type")
        #expect(matrix.codes == ["Learning type/Normative", "Learning type/Mimetic", "Learning type/Coercive"])
        #expect(matrix.cases == ["BRW", "DMF", "RSL"])
        // No consensus yet: each coder apart, a row per case and coder, never a sum.
        #expect(matrix.shown == CodersShown(coders: ["ana", "ben"], basis: .each) && matrix.rows.count == 6)
        #expect(matrix.cell("RSL", "Learning type/Mimetic", coder: "ana")?.codings.count == 1)
        #expect(matrix.cell("RSL", "Learning type/Mimetic", coder: "ben")?.codings.count == 2)
        #expect(matrix.cells.flatMap { $0 }.allSatisfy { cell in cell.codings.allSatisfy { $0.coder == cell.coder } })
        #expect(matrix.cell("BRW", "Learning type/Normative")?.codings.allSatisfy { $0.caseName == "BRW" } == true)
        try project.setCellSummary(
            case: "RSL", code: "Learning type/Mimetic", to: "Copies the European brands' approach", coder: "ana")
        matrix = try CaseMatrix.compute(project, folder: "Learning type", coder: "ana")
        #expect(matrix.cell("RSL", "Learning type/Mimetic")?.summary == "Copies the European brands' approach")
        #expect(matrix.cell("RSL", "Learning type/Mimetic")?.codings.count == 1)
        try project.setCellSummary(case: "RSL", code: "Learning type/Mimetic", to: nil, coder: nil)
        #expect(try project.cellSummaries().isEmpty)
        #expect(throws: EngineError.unknownCase("XYZ")) {
            try project.setCellSummary(case: "XYZ", code: "Learning type/Mimetic", to: "x", coder: nil)
        }
        // Once the consensus is complete, the study's matrix is the consensus's alone: a row per case.
        try project.buildConsensus(coders: ["ana", "ben"])
        for stretch in try Disagreement.find(project, coders: ["ana", "ben"]) where stretch.kind != .exact {
            try project.settle(
                coders: ["ana", "ben"], document: stretch.document, code: stretch.code, at: stretch.range.start,
                keep: stretch.code.hasPrefix("Learning type") ? .second : .neither, by: "lena")
        }
        matrix = try CaseMatrix.compute(project, folder: "Learning type")
        #expect(matrix.shown == CodersShown(coders: ["consensus"], basis: .consensus(of: ["ana", "ben"])))
        #expect(matrix.rows.map(\.caseName) == ["BRW", "DMF", "RSL"] && !matrix.perCoder)
        #expect(matrix.cell("RSL", "Learning type/Mimetic")?.codings.count == 2) // ben's two, as settled
        #expect(matrix.cells.flatMap { $0 }.allSatisfy { $0.codings.allSatisfy { $0.coder == "consensus" } })
    }

    @Test("comparing cases grouped by an attribute: frequencies and coverage per group")
    func compare() throws {
        let folder = try Support.temporaryFolder()
        let project = try Project.inMemory(codebook: CodebookFile.parse(Support.smallCodebook, file: "small.yaml"))
        try project.importTranscripts([
            try Support.write(
                "---\ncase: K1\ntype: a\n---\n" + String(repeating: "x", count: 100), "d1.txt", in: folder),
            try Support.write(
                "---\ncase: K2\ntype: a\n---\n" + String(repeating: "y", count: 50), "d2.txt", in: folder),
            try Support.write(
                "---\ncase: K3\ntype: b\n---\n" + String(repeating: "z", count: 40), "d3.txt", in: folder),
        ])
        try project.addCodings(
            document: "d1", ranges: [TextRange(0, 10), TextRange(5, 20)], code: "Customer", coder: "ana")
        try project.addCodings(document: "d2", ranges: [TextRange(0, 10)], code: "Customer", coder: "ana")
        try project.addCodings(document: "d3", ranges: [TextRange(0, 4)], code: "Customer", coder: "ana")
        let rows = try CaseComparison.compute(project, by: "type")
        let a = try #require(rows.first { $0.group == "a" && $0.code == "Customer" })
        #expect(a.cases == ["K1", "K2"] && a.codings == 3 && a.documents == 2 && a.characters == 30)
        #expect(abs(a.coverage - 30.0 / 150) < 1e-12)
        let b = try #require(rows.first { $0.group == "b" && $0.code == "Customer" })
        #expect(b.characters == 4 && abs(b.coverage - 0.1) < 1e-12)
        #expect(throws: EngineError.self) { try CaseComparison.compute(project, by: "nothing") }
    }

    @Test("a project of schema v1 is upgraded to v2 when opened, keeping its codings")
    func upgrade() throws {
        let folder = try Support.temporaryFolder()
        let path = folder.appendingPathComponent("v1.db").path
        let queue = try DatabaseQueue(path: path)
        try ProjectSchema.migrator.migrate(queue, upTo: "v1: cases, documents, turns, codebook, coders, codings, memos")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO cases (name, created_at) VALUES ('K', 'now')")
            try db.execute(
                sql:
                    "INSERT INTO documents (name, case_id, text, sha256, length, imported_at) VALUES ('d', 1, 'hello', 'x', 5, 'now')"
            )
            try db.execute(sql: "INSERT INTO codes (name, position, color) VALUES ('C', 0, '#000000')")
            try db.execute(sql: "INSERT INTO coders (name) VALUES ('ana')")
            try db.execute(
                sql:
                    "INSERT INTO codings (document_id, start, \"end\", code_id, coder_id, created_at, updated_at) VALUES (1, 0, 4, 1, 1, 'now', 'now')"
            )
        }
        try queue.close()
        let project = try Project.open(at: path)
        #expect(try project.codings().map(\.text) == ["hell"])
        try project.setCellSummary(case: "K", code: "C", to: "works", coder: "ana")
        #expect(try project.cellSummaries().values.first == "works")
    }
}

@Suite("A full disk")
struct FullDiskTests {
    @Test("when SQLite cannot grow the file, the import says the disk is full and nothing is written")
    func fullDisk() throws {
        let folder = try Support.temporaryFolder()
        let path = folder.appendingPathComponent("full.db").path
        let project = try Project.create(at: path, codebook: DemoProject.bundledCodebook())
        try project.importTranscripts([try Support.write("A: small", "K/small.txt", in: folder)])
        // Cap the file at its current size: the next growth fails as on a full disk.
        try project.writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages + 1)")
        }
        let big = try Support.write(
            "A: " + String(repeating: "words and more words ", count: 20_000), "K/big.txt", in: folder)
        #expect(throws: EngineError.diskFull(path: path)) { try project.importTranscripts([big]) }
        #expect(try project.documents().map(\.name) == ["small"])
        #expect(EngineError.diskFull(path: path).description.contains("the disk is full; nothing was written"))
    }
}

@Suite("A read-only project")
struct ReadOnlyProjectTests {
    @Test("a project that cannot be written is read as usual; every write is refused and nothing changes")
    func readOnly() throws {
        let folder = try Support.temporaryFolder()
        let path = folder.appendingPathComponent("ro.db").path
        let writable = try Project.create(at: path, codebook: DemoProject.bundledCodebook())
        try DemoProject.populate(writable)
        try writable.checkpoint()
        try writable.close()
        let project = try Project.open(at: path, readOnly: true)
        #expect(try project.codings().count == 88)
        #expect(throws: EngineError.projectReadOnly(path: path)) {
            try project.addCodings(document: "brw", ranges: [TextRange(0, 5)], code: "Processes/Intuiting", coder: "x")
        }
        #expect(throws: EngineError.projectReadOnly(path: path)) {
            try project.setCaseAttributes("BRW", [CaseAttribute(key: "k", value: .text("v"))])
        }
        #expect(try Project.open(at: path).codings().count == 88)
    }
}
