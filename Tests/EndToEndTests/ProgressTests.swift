import Foundation
import Testing
import TestSupport

@Suite(
    "Progress on a terminal: count and percentage on standard error, never in piped output, never mixed with results")
struct ProgressTests {
    /// A new project and a folder of `count` small transcripts.
    func transcripts(_ binary: Binary, count: Int) throws -> String {
        #expect(try binary.run("init").status == 0)
        for i in 0..<count {
            try binary.write(
                "---\ncase: Firm\(i % 4)\n---\nInterviewer: How did you learn?\nOwner: From the consultant, number \(i).\n",
                "interviews/interview\(i).txt")
        }
        return binary.folder.appendingPathComponent("interviews").path
    }

    @Test("a folder import shows how many transcripts are imported, then the results alone")
    func folderImport() throws {
        let binary = try Binary()
        let folder = try transcripts(binary, count: 40)
        let run = try binary.runInTerminal(["import", folder])
        #expect(run.status == 0)
        // Reading and storing overlap: one count of transcripts imported.
        #expect(run.terminal.contains("importing transcripts: 0 of 40 (0%)"))
        #expect(run.terminal.contains("importing transcripts: 40 of 40 (100%)"))
        // The note is erased before the first result, and none comes after it.
        let firstResult = try #require(run.terminal.range(of: "imported interview"))
        #expect(run.terminal[..<firstResult.lowerBound].hasSuffix("\r\u{1B}[K"))
        #expect(!run.terminal[firstResult.lowerBound...].contains("\u{1B}["))
        #expect(run.terminal.contains("40 imported, 0 unchanged"))
    }

    @Test("--quiet, or standard output in a pipe, shows no progress at all")
    func quietAndPiped() throws {
        let binary = try Binary()
        let folder = try transcripts(binary, count: 5)
        let quiet = try binary.runInTerminal(["import", "--quiet", folder])
        #expect(quiet.status == 0)
        #expect(!quiet.terminal.contains("\u{1B}["))
        #expect(!quiet.terminal.contains("importing transcripts"))
        #expect(quiet.terminal.contains("5 imported"))
        try binary.run("demo", "--project", binary.folder.appendingPathComponent("demo.db").path)
        let piped = try binary.runInTerminal(
            [
                "export", "--project", binary.folder.appendingPathComponent("demo.db").path,
                "--format", "qdpx", "-o", "study.qdpx",
            ], pipingOutput: true)
        #expect(piped.status == 0)
        #expect(piped.terminal.isEmpty)
        #expect(piped.stdout.hasPrefix("wrote study.qdpx"))
    }

    @Test("REFI-QDA export and import count sources and codings; JSON on the terminal has no progress inside it")
    func exchangeAndJSON() throws {
        let binary = try Binary()
        let demo = binary.folder.appendingPathComponent("demo.db").path
        try binary.run("demo", "--project", demo)
        let export = try binary.runInTerminal(["export", "--project", demo, "--format", "qdpx", "-o", "study.qdpx"])
        #expect(export.status == 0)
        #expect(export.terminal.contains("writing sources and their codings: 3 of 3 (100%)"))
        #expect(export.terminal.contains("compressing the project: "))
        let copy = binary.folder.appendingPathComponent("copy.db").path
        let imported = try binary.runInTerminal([
            "import", "--project", copy, binary.folder.appendingPathComponent("study.qdpx").path,
        ])
        #expect(imported.status == 0)
        #expect(imported.terminal.contains("storing documents and their codings: 3 of 3 (100%)"))
        #expect(imported.terminal.contains("storing codings: 88 of 88 (100%)"))
        let agree = try binary.runInTerminal(["agree", "--project", demo, "--coders", "ana,ben", "--format", "json"])
        #expect(agree.status == 0)
        #expect(agree.terminal.contains("comparing the coders code by code: "))
        let json = try #require(agree.terminal.firstIndex(of: "{"))
        let listing = String(agree.terminal[json...]).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(!listing.contains("\u{1B}"))
        #expect(try Binary.json(listing) is [String: Any])
    }
}
