import Foundation
import Testing
import TestSupport

@Suite("intertwine suggest: what it learnt, what it skipped and why, proposals for review")
struct SuggestCommandTests {
    @Test("on the demo, codes with fewer than 5 example passages are skipped by name; ai off refuses")
    func demo() throws {
        let cli = try CodebookCommandTests.demo()
        let run = try cli.run("suggest", "--from", "ana", "--coder", "cleo")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("learnt ") && run.stdout.contains("from ana's codings"))
        #expect(run.stdout.contains("  Processes/Intuiting: 6 passages with it, 376 without; suggests nothing"))
        #expect(run.stdout.contains("skipped Flows/Feedback: 1 example passage coded by ana; at least 5 are needed"))
        #expect(run.stdout.contains("ana has coded every document: import the interviews still to code"))
        // Measured: per code, precision, recall, F1 and alpha with its interval; nothing written.
        let measured = try cli.run("suggest", "--from", "ana", "--evaluate", "--folds", "3", "--format", "json")
        let report = try #require(try Binary.json(measured.stdout) as? [String: Any], "\(measured.stderr)")
        #expect((report["folds"] as? [[String]])?.count == 3)
        let codes = try #require(report["codes"] as? [[String: Any]])
        #expect(codes.map { $0["code"] as? String }.contains("Processes/Intuiting"))
        #expect(codes.allSatisfy { $0.keys.contains("krippendorff_alpha") && $0.keys.contains("f1") })
        #expect((report["pooled"] as? [String: Any])?.keys.contains("recall") == true)
        #expect(try cli.run("proposals", "--status", "all").stdout.contains("no proposals"))
        let table = try cli.run("suggest", "--from", "ana", "--evaluate", "--folds", "3").stdout
        #expect(table.contains("3-fold cross-validation by document against ana's codings"))
        let unknown = try cli.run("suggest", "--from", "nobody")
        #expect(unknown.status == 1 && unknown.stderr.contains("nobody: has no codings to learn from"))
        #expect(try cli.run("ai", "off").status == 0)
        let off = try cli.run("suggest", "--from", "ana")
        #expect(off.status == 1 && off.stderr.contains("switched off"))
    }
}
