@testable import CodingEngine
import Foundation
import GRDB
import Testing
import TestSupport

/// Changing the codebook, cases and documents: every operation, every refusal (the
/// project unchanged after it), undo and redo, GUIDs and the history.
@Suite("Changing the codebook, cases and documents")
struct CodebookChangeTests {
    /// The demo project in memory: three interviews, the 5I codebook, ana's and ben's codings.
    static func demo() throws -> Project {
        let project = try Support.project()
        try DemoProject.populate(project)
        return project
    }

    /// Every row of every table but the history, in key order: what "unchanged" means.
    static func contents(_ project: Project) throws -> [String] {
        try project.read { db in
            var lines: [String] = []
            for table in RowImage.Table.allCases {
                let order = table.key.map { "\"\($0)\"" }.joined(separator: ", ")
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table.rawValue) ORDER BY \(order)") {
                    lines.append(table.rawValue + ": " + row.description)
                }
            }
            return lines
        }
    }

    static func count(_ project: Project, _ code: String) throws -> Int {
        try project.codings(CodingFilter(codes: [code]), includeText: false).count
    }

    @Test("new codes take colours no code has yet, also once the palette is used up")
    func newColours() throws {
        let project = try Self.demo()
        for index in 0..<60 {
            try project.perform(.addCode(path: "Inductive \(index)", settings: CodeSettings(), coding: nil), by: "ana")
        }
        try project.addCode(path: "One more")
        let colours = try project.codebook().codes.filter { $0.path.hasPrefix("Inductive") || $0.path == "One more" }
            .map(\.color)
        let before = Set(try Self.demo().codebook().codes.map(\.color))
        #expect(Set(colours).count == colours.count && before.isDisjoint(with: colours))
        #expect(colours.allSatisfy { CodebookFile.normalizedColor($0) == $0 })
    }

    @Test("rename keeps the code's codings, place and GUID; the history says who, what, before and after")
    func rename() throws {
        let project = try Self.demo()
        let before = try #require(project.codebook().code(path: "Processes/Intuiting"))
        let codings = try Self.count(project, "Processes/Intuiting")
        #expect(codings > 0)
        let change = try project.renameCode("Processes/Intuiting", to: "Sensing", by: "ana")
        let after = try #require(project.codebook().code(path: "Processes/Sensing"))
        #expect(after.guid == before.guid && after.id == before.id && after.parentID == before.parentID)
        #expect(try Self.count(project, "Processes/Sensing") == codings)
        #expect(try project.codebook().code(path: "Processes/Intuiting") == nil)
        let entry = try #require(project.history().last)
        #expect(entry == change.entry)
        #expect(
            entry.who == "ana" && entry.operation == "rename" && entry.before == "Processes/Intuiting"
                && entry.after == "Processes/Sensing" && entry.codings == codings && entry.subjectGUID == before.guid)
    }

    @Test(
        "refusals change nothing: a sibling's name, a slash, an empty name, unknown paths and ids, a move into itself")
    func refusals() throws {
        let project = try Self.demo()
        let contents = try Self.contents(project)
        #expect(throws: EngineError.nameTaken(kind: "code", name: "interpreting", place: "in Processes")) {
            try project.renameCode("Processes/Intuiting", to: "interpreting", by: "ana")
        }
        #expect(throws: EngineError.slashInName(kind: "code", name: "a/b")) {
            try project.renameCode("Processes/Intuiting", to: "a/b", by: "ana")
        }
        #expect(throws: EngineError.emptyName(kind: "code")) {
            try project.renameCode("Processes/Intuiting", to: "  ", by: "ana")
        }
        #expect(throws: EngineError.unknownCode("Processes/Nothing")) {
            try project.renameCode("Processes/Nothing", to: "x", by: "ana")
        }
        #expect(throws: EngineError.moveIntoItself(path: "Processes", target: "Processes/Intuiting")) {
            try project.moveCode("Processes", to: "Processes/Intuiting", by: "ana")
        }
        #expect(throws: EngineError.moveIntoItself(path: "Processes", target: "Processes")) {
            try project.moveCode("Processes", to: "Processes", by: "ana")
        }
        #expect(throws: EngineError.mergeIntoFolder("Processes")) {
            try project.mergeCodes(["Flows/Feedback"], into: "Processes", by: "ana")
        }
        #expect(throws: EngineError.mergeIntoItself("Processes")) {
            try project.mergeCodes(["Processes"], into: "Processes/Intuiting", by: "ana")
        }
        #expect(throws: EngineError.unknownCoding(99_999)) {
            try project.recode([1, 99_999], to: "Processes/Intuiting", by: "ana")
        }
        #expect(throws: EngineError.nameTaken(kind: "code", name: "Intuiting", place: "in Processes")) {
            try project.addCode("Processes/Intuiting", by: "ana")
        }
        let count = try Self.count(project, "Processes/Intuiting")
        #expect(throws: EngineError.codeHasCodings(path: "Processes/Intuiting", count: count)) {
            try project.deleteCode("Processes/Intuiting", by: "ana")
        }
        #expect(throws: EngineError.hotkeyTaken(key: "2", holder: "Processes/Interpreting")) {
            try project.setCode("Processes/Intuiting", CodeSettings(hotkey: .some("2")), by: "ana")
        }
        #expect(throws: EngineError.badColor("red")) {
            try project.setCode("Processes/Intuiting", CodeSettings(color: "red"), by: "ana")
        }
        #expect(throws: EngineError.folderWithCodings(path: "Processes/Intuiting", count: count)) {
            try project.setCode("Processes/Intuiting", CodeSettings(codable: false), by: "ana")
        }
        #expect(throws: EngineError.nameTaken(kind: "case", name: "DMF", place: "in this project")) {
            try project.renameCase("BRW", to: "DMF", by: "ana")
        }
        #expect(throws: EngineError.nameTaken(kind: "document", name: "dmf", place: "in this project")) {
            try project.renameDocument("brw", to: "dmf", by: "ana")
        }
        #expect(throws: EngineError.unknownDocument("nothing")) { try project.removeDocument("nothing", by: "ana") }
        #expect(throws: EngineError.unknownCase("Nobody")) { try project.mergeCase("Nobody", into: "BRW", by: "ana") }
        #expect(try Self.contents(project) == contents)
        #expect(try project.history().isEmpty)
    }

    @Test("move into a folder and back to the top level; the codes below come along")
    func move() throws {
        let project = try Self.demo()
        try project.addCode("Inductive/Trust", by: "ana")
        #expect(try project.codebook().code(path: "Inductive")?.codable == false)
        try project.moveCode("Inductive", to: "Processes", by: "ana")
        #expect(try project.codebook().code(path: "Processes/Inductive/Trust") != nil)
        try project.moveCode("Processes/Inductive/Trust", to: "/", by: "ana")
        let codebook = try project.codebook()
        let trust = try #require(codebook.code(path: "Trust"))
        #expect(trust.parentID == nil && trust.position == codebook.children(of: nil).count - 1)
    }

    @Test("merge moves every coding, joins the same passage twice with both memos, keeps descriptions and memos")
    func merge() throws {
        let project = try Self.demo()
        let a = "Processes/Intuiting", b = "Processes/Interpreting"
        // One passage ana coded with both, each with a memo.
        let coding = try #require(project.codings(CodingFilter(coders: ["ana"], codes: [a])).first)
        try project.addCodings([
            NewCoding(document: coding.document, range: coding.range, code: b, coder: "ana", memo: "second thoughts")
        ])
        try project.setMemo(
            of: NewCoding(document: coding.document, range: coding.range, code: a, coder: "ana"), to: "first thoughts")
        try project.addMemo(on: .code(b), text: "a memo on Interpreting", coder: "ben")
        let descriptionB = try #require(project.codebook().code(path: b)).description
        let countB = try Self.count(project, b)
        let total = try Self.count(project, a) + countB
        let change = try project.mergeCodes([b], into: a, by: "ana")
        #expect(try project.codebook().code(path: b) == nil)
        #expect(try Self.count(project, a) == total - 1)
        let joined = try #require(
            project.codings(CodingFilter(coders: ["ana"], codes: [a])).first { $0.range == coding.range })
        #expect(joined.memo == "first thoughts\n\nsecond thoughts")
        #expect(try project.codebook().code(path: a)?.description.contains(descriptionB) == true)
        #expect(try project.memos(on: .code(a)).map(\.text).contains("a memo on Interpreting"))
        #expect(change.entry.codings == countB)
        #expect(change.entry.detail.contains("1 joined"))
    }

    @Test("after merging two codes the agreement of the target is the agreement of their union")
    func mergedAgreement() throws {
        let project = try Self.demo()
        let a = "Processes/Intuiting", b = "Processes/Integrating"
        let coders = ["ana", "ben"]
        let documents = try project.documents()
        // The union, by hand: each coder's ranges of A and of B, document by document.
        var expected: AgreementReport.Figures?
        for document in documents {
            let ranges = try coders.map { coder in
                try project.codings(
                    CodingFilter(coders: [coder], codes: [a, b], documents: [document.name]), includeText: false
                ).map(\.range)
            }
            let figures = AgreementReport.figures(length: document.length, ranges: ranges, threshold: .standard)
            expected = expected.map { AgreementReport.add($0, figures) } ?? figures
        }
        try project.mergeCodes([b], into: a, by: "ana")
        let report = try AgreementReport.compute(project, AgreementReport.Options(coders: coders, codes: [a]))
        let merged = try #require(report.codes.first { $0.code == a })
        let union = try #require(expected)
        #expect(merged.figures.units == union.units && merged.figures.table == union.table)
        #expect(merged.figures.krippendorffAlpha == union.krippendorffAlpha)
    }

    @Test("delete refuses while codings exist; with them it says how many go, and the codes below go too")
    func delete() throws {
        let project = try Self.demo()
        let count = try Self.count(project, "Flows")
        let change = try project.deleteCode("Flows", withCodings: true, by: "ana")
        #expect(change.entry.codings == count && change.entry.detail.contains("\(count) codings"))
        #expect(try project.codebook().codes.allSatisfy { !$0.path.hasPrefix("Flows") })
        #expect(try Self.count(project, "Flows/Feedback", orZero: true) == 0)
    }

    @Test("set changes colour, hotkey, definition and codability; add makes folders as needed")
    func setAndAdd() throws {
        let project = try Self.demo()
        try project.setCode(
            "Processes/Intuiting",
            CodeSettings(color: "#112233", hotkey: .some(nil), description: "Sensing before saying"), by: "ana")
        var code = try #require(project.codebook().code(path: "Processes/Intuiting"))
        #expect(code.color == "#112233" && code.hotkey == nil && code.description == "Sensing before saying")
        try project.setCode("Processes/Interpreting", CodeSettings(hotkey: .some("1")), by: "ana")
        code = try #require(project.codebook().code(path: "Processes/Interpreting"))
        #expect(code.hotkey == "1")
        let change = try project.addCode(
            "Inductive/Relations/Trust", settings: CodeSettings(hotkey: .some("0")), by: "ben")
        #expect(
            change.entry.detail == "added Inductive/Relations/Trust (with the folders Inductive, Inductive/Relations)")
        let trust = try #require(project.codebook().code(path: "Inductive/Relations/Trust"))
        #expect(trust.codable && trust.hotkey == "0" && !trust.guid.isEmpty)
        #expect(try project.codebook().code(path: "Inductive/Relations")?.codable == false)
    }

    @Test("recode moves codings to another code: splitting a code is adding codes and recoding")
    func recode() throws {
        let project = try Self.demo()
        let codings = try project.codings(CodingFilter(codes: ["Processes/Intuiting"]), includeText: false)
        try project.addCode("Processes/Intuiting/Hunch", by: "ana")
        let moved = Array(codings.prefix(2))
        let change = try project.recode(moved.map(\.id), to: "Processes/Intuiting/Hunch", by: "ana")
        #expect(change.entry.codings == 2)
        let now = try project.codings(CodingFilter(codes: ["Processes/Intuiting/Hunch"]), includeText: false)
        #expect(Set(now.map(\.guid)) == Set(moved.map(\.guid)))
    }

    @Test("case rename and merge, document rename, move and remove")
    func casesAndDocuments() throws {
        let project = try Self.demo()
        try project.setCaseAttributes("DMF", [CaseAttribute(key: "region", value: .text("North"))])
        let brw = try #require(project.cases().first { $0.name == "BRW" })
        try project.renameCase("BRW", to: "Brownlow", by: "ana")
        #expect(try project.cases().first { $0.name == "Brownlow" }?.documents == brw.documents)
        let merge = try project.mergeCase("DMF", into: "Brownlow", by: "ana")
        let merged = try #require(project.cases().first { $0.name == "Brownlow" })
        #expect(merged.documents.sorted() == ["brw", "dmf"])
        #expect(merged.attributes.contains { $0.key == "region" })
        #expect(merge.entry.detail.contains("1 document moved"))
        try project.renameDocument("dmf", to: "dmf-interview", by: "ana")
        try project.moveDocument("dmf-interview", toCase: "Newcase", by: "ana")
        #expect(try project.cases().first { $0.name == "Newcase" }?.documents == ["dmf-interview"])
        let codings = try project.codings(CodingFilter(documents: ["rsl"]), includeText: false).count
        let removal = try project.removeDocument("rsl", by: "ana")
        #expect(
            removal.entry.codings == codings
                && removal.entry.detail.hasPrefix("removed the document rsl with \(codings) codings"))
        #expect(try project.documents().allSatisfy { $0.name != "rsl" })
        #expect(try project.codings(CodingFilter(), includeText: false).allSatisfy { $0.document != "rsl" })
    }

    @Test("every operation undoes to exactly the project before it and redoes to exactly the project after")
    func undoRedo() throws {
        let project = try Self.demo()
        let id = try #require(project.codings(CodingFilter(codes: ["Processes/Intuiting"]), includeText: false).first)
            .id
        let operations: [(String, () throws -> ProjectChange)] = [
            ("add", { try project.addCode("Inductive/Trust", by: "ana") }),
            ("rename", { try project.renameCode("Processes/Intuiting", to: "Sensing", by: "ana") }),
            ("move", { try project.moveCode("Processes/Sensing", to: "/", by: "ana") }),
            (
                "merge",
                {
                    try project.mergeCodes(
                        ["Processes/Interpreting", "Processes/Integrating"], into: "Sensing", by: "ana")
                }
            ),
            ("set", { try project.setCode("Sensing", CodeSettings(color: "#010203", hotkey: .some("0")), by: "ana") }),
            ("recode", { try project.recode([id], to: "Inductive/Trust", by: "ana") }),
            ("delete", { try project.deleteCode("Knowledge source", withCodings: true, by: "ana") }),
            ("case rename", { try project.renameCase("BRW", to: "Brownlow", by: "ana") }),
            ("case merge", { try project.mergeCase("DMF", into: "Brownlow", by: "ana") }),
            ("document rename", { try project.renameDocument("dmf", to: "dmf2", by: "ana") }),
            ("document move", { try project.moveDocument("dmf2", toCase: "Other", by: "ana") }),
            ("document remove", { try project.removeDocument("rsl", by: "ana") }),
        ]
        for (name, operation) in operations {
            let before = try Self.contents(project)
            let change = try operation()
            let after = try Self.contents(project)
            #expect(after != before, "\(name) changed nothing")
            try project.undo(change, by: "ana")
            #expect(try Self.contents(project) == before, "undo of \(name)")
            try project.undo(change, by: "ana", reverse: false)
            #expect(try Self.contents(project) == after, "redo of \(name)")
        }
        let operations2 = try project.history().map(\.operation)
        #expect(
            operations2.filter { $0 == "undo" }.count == operations.count
                && operations2.filter { $0 == "redo" }.count == operations.count)
    }

    @Test("an undo is refused, changing nothing, when the rows it would put back were changed since")
    func undoAfterOtherChange() throws {
        let project = try Self.demo()
        let change = try project.renameCode("Processes/Intuiting", to: "Sensing", by: "ana")
        try project.renameCode("Processes/Sensing", to: "Hunch", by: "ben")
        let contents = try Self.contents(project)
        #expect(throws: EngineError.changedSince(change.entry.detail)) { try project.undo(change, by: "ana") }
        #expect(try Self.contents(project) == contents)
    }

    @Test("an older project is given GUIDs on opening: the ones its earlier exports carried")
    func upgradeGivesGUIDs() throws {
        let folder = try Support.temporaryFolder()
        let path = folder.appendingPathComponent("old.db").path
        let queue = try DatabaseQueue(path: path)
        try ProjectSchema.migrator.migrate(queue, upTo: "v2: summaries of case × code cells")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO project_info (key, value) VALUES ('created_at', '2026-01-01T00:00:00Z')")
            try db.execute(
                sql: "INSERT INTO codes (parent_id, name, position, color) VALUES (NULL, 'Processes', 0, '#111111')")
            try db.execute(
                sql: "INSERT INTO codes (parent_id, name, position, color) VALUES (1, 'Intuiting', 0, '#222222')")
            try db.execute(sql: "INSERT INTO cases (name, created_at) VALUES ('BRW', 'now')")
        }
        try queue.close()
        let project = try Project.open(at: path)
        let code = try #require(project.codebook().code(path: "Processes/Intuiting"))
        #expect(code.guid == GUID.named(seed: "2026-01-01T00:00:00Z", kind: "code", key: "Processes/Intuiting"))
        #expect(
            try project.guids(of: .cases).values.first
                == GUID.named(seed: "2026-01-01T00:00:00Z", kind: "case", key: "BRW"))
        #expect(try project.history().isEmpty)
    }

    @Test("every new record gets a GUID of its own")
    func everyRecordHasAGUID() throws {
        let project = try Self.demo()
        try project.addMemo(on: .project, text: "a memo", coder: "ana")
        for kind in [Project.Identified.codes, .codings, .documents, .cases, .memos] {
            let guids = try project.guids(of: kind)
            let rows = try project.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(kind.rawValue)") ?? 0
            }
            #expect(guids.count == rows && rows > 0, "\(kind)")
            #expect(Set(guids.values).count == rows && guids.values.allSatisfy { GUID.normalized($0) == $0 }, "\(kind)")
        }
    }
}

extension CodebookChangeTests {
    static func count(_ project: Project, _ code: String, orZero: Bool) throws -> Int {
        guard try project.codebook().code(path: code) != nil else { return 0 }
        return try count(project, code)
    }
}
