import CodingEngine
import Foundation
import GRDB
import Testing
import TestSupport
@testable import TeamServer

/// Offline work: a file pulled from a team project, changed on both sides, synced back.
extension TeamServerTests {
    /// What both sides must agree on, record for record: codings by GUID with where they
    /// are, their code's path and coder.
    static func codingImage(_ project: Project) throws -> [[String]] {
        try project.codings(includeText: false).map {
            [$0.guid, $0.document, "\($0.start)", "\($0.end)", $0.code, $0.coder, $0.memo ?? ""]
        }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    static func memoImage(_ project: Project) throws -> [String] {
        try project.allMemos().map { "\($0.kind) \($0.target) \($0.coder ?? "") \($0.text)" }.sorted()
    }

    @Test(
        "sync: a coder's offline codings and memos go up and the others' come down, by GUID; a code renamed on each side goes the other way; one renamed on both keeps the server's name, the file's kept as a memo"
    )
    func syncBothWays() throws {
        let team = try TeamFixture()
        _ = try team.create()
        let ana = try team.open("ana")
        let early = try ana.addCodings(
            document: "brw", ranges: [TextRange(10, 40)], code: "Processes/Intuiting", coder: "ana")
        let anaFile = team.folder.appendingPathComponent("ana.db").path
        let lenaFile = team.folder.appendingPathComponent("lena.db").path
        try TeamProject.pull(team.address("ana"), to: anaFile, environment: team.environment("ana"))
        try TeamProject.pull(team.address("lena"), to: lenaFile, environment: team.environment("lena"))

        // Offline: ana removes her early coding, codes two passages and writes a memo.
        let anaOffline = try Project.open(at: anaFile)
        let earlyGUID = try #require(try anaOffline.codings(includeText: false).first { $0.id == early.ids[0] }).guid
        try anaOffline.removeCoding(id: early.ids[0])
        let made = try anaOffline.addCodings(
            document: "dmf", ranges: [TextRange(100, 140), TextRange(200, 260)], code: "Processes/Interpreting",
            coder: "ana")
        _ = try anaOffline.addMemo(on: .document("dmf"), text: "written on the train", coder: "ana")
        let madeGUIDs = Set(try anaOffline.codings(includeText: false).filter { made.ids.contains($0.id) }.map(\.guid))
        try anaOffline.close()
        // Offline: lena renames Integrating (only there) and Intertwining (renamed on the server too), adds a code.
        let lenaOffline = try Project.open(at: lenaFile)
        try lenaOffline.perform(.renameCode(path: "Processes/Integrating", name: "Joining"), by: "lena")
        try lenaOffline.perform(.renameCode(path: "Processes/Intertwining", name: "Weaving"), by: "lena")
        try lenaOffline.perform(.addCode(path: "Processes/Trusting", settings: CodeSettings(), coding: nil), by: "lena")
        try lenaOffline.addCodings(
            document: "brw", ranges: [TextRange(300, 350)], code: "Processes/Trusting", coder: "lena")
        try lenaOffline.close()
        // Meanwhile on the server: ben codes; lena renames Interpreting and Intertwining.
        let ben = try team.open("ben")
        try ben.addCodings(
            document: "brw", ranges: [TextRange(500, 560)], code: "Processes/Institutionalising", coder: "ben")
        let lena = try team.open("lena")
        try lena.perform(.renameCode(path: "Processes/Interpreting", name: "Sensemaking"), by: "lena")
        try lena.perform(.renameCode(path: "Processes/Intertwining", name: "Networking"), by: "lena")

        let anaSync = try TeamProject.sync(anaFile, with: team.address("ana"), environment: team.environment("ana"))
        #expect(anaSync.up.added[.coding] == 2 && anaSync.up.removed[.coding] == 1)
        #expect(anaSync.up.added[.memo] == 1 && anaSync.up.changed.isEmpty)
        #expect(anaSync.down.added[.coding] == 1, "ben's coding")
        #expect(anaSync.down.changed[.code] == 2, "the two renames on the server")
        #expect(anaSync.bothChanged.isEmpty, "\(anaSync.bothChanged)")
        try lena.refresh(always: true)
        let anaSynced = try Project.open(at: anaFile)
        #expect(try Self.codingImage(anaSynced) == (try Self.codingImage(lena)))
        #expect(try Self.memoImage(anaSynced) == (try Self.memoImage(lena)))
        let onServer = Set(try lena.codings(CodingFilter(coders: ["ana"]), includeText: false).map(\.guid))
        #expect(madeGUIDs.isSubset(of: onServer) && !onServer.contains(earlyGUID))
        #expect(try anaSynced.codebook().codes.map(\.path).contains("Processes/Sensemaking"))
        #expect(try anaSynced.syncPoint()?.team == (try TeamProject.teamID(of: lena, at: team.address("lena"))))
        try anaSynced.close()

        let lenaSync = try TeamProject.sync(lenaFile, with: team.address("lena"), environment: team.environment("lena"))
        #expect(lenaSync.up.changed[.code] == 1 && lenaSync.up.added[.code] == 1 && lenaSync.up.added[.coding] == 1)
        #expect(lenaSync.up.added[.history] == 3, "the three codebook changes made offline")
        #expect(lenaSync.bothChanged.count == 1)
        #expect(lenaSync.bothChanged.first?.contains("Processes/Networking") == true)
        try lena.refresh(always: true)
        let paths = Set(try lena.codebook().codes.map(\.path))
        #expect(
            paths.isSuperset(of: [
                "Processes/Joining", "Processes/Networking", "Processes/Sensemaking", "Processes/Trusting",
            ]))
        #expect(!paths.contains("Processes/Weaving") && !paths.contains("Processes/Integrating"))
        #expect(
            try lena.memos(on: .code("Processes/Networking")).contains { $0.text.contains("name Weaving") },
            "the file's version of the code is kept beside the server's")
        #expect(
            try lena.codings(CodingFilter(coders: ["lena"]), includeText: false).map(\.code) == ["Processes/Trusting"])
        let lenaSynced = try Project.open(at: lenaFile)
        #expect(try Self.codingImage(lenaSynced) == (try Self.codingImage(lena)))
        #expect(try lenaSynced.history().count == (try lena.history().count))
        try lenaSynced.close()

        // Level: syncing again moves nothing either way.
        let again = try TeamProject.sync(lenaFile, with: team.address("lena"), environment: team.environment("lena"))
        #expect(again.up.isEmpty && again.down.isEmpty && again.bothChanged.isEmpty)
    }

    @Test(
        "sync refuses, changing neither side: a file not pulled, a document renamed offline, a coder's codebook change"
    )
    func syncRefused() throws {
        let team = try TeamFixture()
        _ = try team.create()
        let lena = try team.open("lena")
        let serverBefore = try Self.codingImage(lena)

        let lone = team.folder.appendingPathComponent("lone.db").path
        try Project.create(at: lone, codebook: DemoProject.bundledCodebook(), populate: DemoProject.populate).close()
        #expect {
            try TeamProject.sync(lone, with: team.address("lena"), environment: team.environment("lena"))
        } throws: { error in
            guard case EngineError.cannotSync(let path, let reason) = error else { return false }
            return path == lone && reason.contains("not pulled") && reason.contains("merge")
        }

        let renamed = team.folder.appendingPathComponent("renamed.db").path
        try TeamProject.pull(team.address("lena"), to: renamed, environment: team.environment("lena"))
        let offline = try Project.open(at: renamed)
        try offline.addCodings(document: "brw", ranges: [TextRange(1, 9)], code: "Processes/Intuiting", coder: "lena")
        try offline.perform(.renameDocument(name: "dmf", newName: "dmf-2005"), by: "lena")
        let fileBefore = try Self.codingImage(offline)
        try offline.close()
        #expect {
            try TeamProject.sync(renamed, with: team.address("lena"), environment: team.environment("lena"))
        } throws: { error in
            guard case EngineError.cannotSync(_, let reason) = error else { return false }
            return reason.contains("document dmf-2005") && "\(error)".contains("Nothing was changed")
        }
        let after = try Project.open(at: renamed)
        #expect(try Self.codingImage(after) == fileBefore)
        try after.close()
        try lena.refresh(always: true)
        #expect(try Self.codingImage(lena) == serverBefore)

        let coder = team.folder.appendingPathComponent("ana.db").path
        try TeamProject.pull(team.address("ana"), to: coder, environment: team.environment("ana"))
        let anaOffline = try Project.open(at: coder)
        try anaOffline.perform(.renameCode(path: "Processes/Intuiting", name: "Sensing"), by: "ana")
        try anaOffline.close()
        #expect {
            try TeamProject.sync(coder, with: team.address("ana"), environment: team.environment("ana"))
        } throws: { error in
            guard case TeamError.teamNotAllowed(_, let what, _) = error else { return false }
            return what.contains("codebook")
        }
        try lena.refresh(always: true)
        #expect(try lena.codebook().codes.map(\.path).contains("Processes/Intuiting"))
        #expect(try Project.open(at: coder).codebook().codes.map(\.path).contains("Processes/Sensing"))
    }

    @Test(
        "sync where both sides worked on one thing: a code added on both becomes one, a code removed in the file but coded on the server since is kept, a memo rewritten on both keeps both texts, a done mark goes up"
    )
    func syncBothSidesAtOnce() throws {
        let team = try TeamFixture()
        _ = try team.create()
        let lenaFile = team.folder.appendingPathComponent("lena.db").path
        let anaFile = team.folder.appendingPathComponent("ana.db").path
        let ana = try team.open("ana")
        try ana.setDocumentMemo("dmf", coder: "ana", to: "first thoughts")
        let lena = try team.open("lena")
        try lena.perform(.addCode(path: "Processes/Spare", settings: CodeSettings(), coding: nil), by: "lena")
        try TeamProject.pull(team.address("lena"), to: lenaFile, environment: team.environment("lena"))
        try TeamProject.pull(team.address("ana"), to: anaFile, environment: team.environment("ana"))

        // Offline: lena adds Trusting with a coding and removes Spare (no codings yet).
        let lenaOffline = try Project.open(at: lenaFile)
        try lenaOffline.perform(.addCode(path: "Processes/Trusting", settings: CodeSettings(), coding: nil), by: "lena")
        try lenaOffline.addCodings(
            document: "brw", ranges: [TextRange(300, 350)], code: "Processes/Trusting", coder: "lena")
        try lenaOffline.perform(.deleteCode(path: "Processes/Spare", withCodings: false), by: "lena")
        try lenaOffline.close()
        // Offline: ana rewrites her memo and marks dmf done.
        let anaOffline = try Project.open(at: anaFile)
        try anaOffline.setDocumentMemo("dmf", coder: "ana", to: "second thoughts, on the train")
        try anaOffline.markDone(document: "dmf", coder: "ana")
        try anaOffline.close()
        // Meanwhile on the server: lena adds Trusting too; ben codes with Spare; ana rewrites
        // her memo there as well.
        try lena.perform(.addCode(path: "Processes/Trusting", settings: CodeSettings(), coding: nil), by: "lena")
        let ben = try team.open("ben")
        try ben.addCodings(
            document: "dmf", ranges: [TextRange(40, 90)], code: "Processes/Spare", coder: "ben")
        try ana.setDocumentMemo("dmf", coder: "ana", to: "second thoughts, at the desk")

        let lenaSync = try TeamProject.sync(lenaFile, with: team.address("lena"), environment: team.environment("lena"))
        #expect(
            lenaSync.bothChanged.contains { $0.contains("Processes/Trusting: added in the file and on the server") })
        #expect(
            lenaSync.bothChanged.contains {
                $0.contains("Processes/Spare: removed in the file, but the server has 1 coding with it; kept")
            })
        try lena.refresh(always: true)
        let trusting = try lena.codebook().codes.filter { $0.path == "Processes/Trusting" }
        #expect(trusting.count == 1, "one code, the server's")
        #expect(
            try lena.codings(CodingFilter(coders: ["lena"]), includeText: false).map(\.code) == ["Processes/Trusting"],
            "the file's coding moved to the server's code")
        #expect(try lena.codebook().codes.contains { $0.path == "Processes/Spare" })
        #expect(try Self.codingImage(Project.open(at: lenaFile)) == (try Self.codingImage(lena)))

        let anaSync = try TeamProject.sync(anaFile, with: team.address("ana"), environment: team.environment("ana"))
        #expect(anaSync.up.added[.done] == 1 && anaSync.up.added[.memo] == 1 && anaSync.up.removed[.memo] == nil)
        try lena.refresh(always: true)
        let texts = Set(try lena.memos(on: .document("dmf")).filter { $0.coder == "ana" }.map(\.text))
        #expect(texts == ["second thoughts, on the train", "second thoughts, at the desk"], "nothing lost")
        #expect(try lena.documentsDone(coder: "ana") == ["dmf"])
        #expect(try Self.memoImage(Project.open(at: anaFile)) == (try Self.memoImage(lena)))
    }
}
