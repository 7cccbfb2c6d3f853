import CodingEngine
import Foundation
import Testing
@testable import Workbench
import TestSupport

@Suite("Two coders on one project file; rolling backups")
struct TwoCodersTests {
    static func demoFile() throws -> String {
        let folder = try Support.temporaryFolder("intertwine-two")
        let path = folder.appendingPathComponent("demo.db").path
        _ = try DemoProject.openOrCreate(at: path)
        return path
    }

    @Test("the workbench shows another coder's new coding at the next tick (a second, or the next key)")
    func otherCoderShows() throws {
        let path = try Self.demoFile()
        let mine = try Project.open(at: path)
        let theirs = try Project.open(at: path)
        let session = Session(store: mine, coder: "cleo", projectName: "demo.db", width: 120, height: 40)
        session.type("}")
        let turn = try #require(session.state.currentTurn)
        #expect(!session.state.document!.codings.contains { $0.coder == "dana" })
        try theirs.addCodings(document: "brw", ranges: [turn.speech], code: "Processes/Integrating", coder: "dana")
        session.dispatch(.tick)
        #expect(session.state.document!.codings.contains { $0.coder == "dana" && $0.range == turn.speech })
        #expect(session.state.coders.contains("dana"))
        // And my own writes keep working while theirs go on.
        session.type("1")
        try theirs.addCodings(document: "brw", ranges: [TextRange(0, 5)], code: "Processes/Intuiting", coder: "dana")
        session.type("}2")
        #expect(try mine.codings(CodingFilter(coders: ["cleo"])).count == 2)
        session.dispatch(.tick)
        #expect(session.state.document!.codings.filter { $0.coder == "dana" }.count == 2)
    }

    @Test("rolling backups: at most one per interval, the newest kept, each a whole project")
    func rollingBackups() throws {
        let path = try Self.demoFile()
        let project = try Project.open(at: path)
        let backups = RollingBackup(project: project, keep: 3, interval: 600)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try backups.backupIfDue(now: start) != nil)
        #expect(try backups.backupIfDue(now: start.addingTimeInterval(60)) == nil)
        for minutes in [11, 22, 33, 44] {
            #expect(try backups.backupIfDue(now: start.addingTimeInterval(Double(minutes) * 60)) != nil)
        }
        let kept = try backups.backups()
        #expect(kept.count == 3)
        #expect(kept.first?.contains("backup-20270115-") == true)
        let copy = try Project.open(at: kept.last!)
        #expect(try copy.codings().count == (try project.codings().count))
    }
}
