import CodingEngine
import Foundation
import Testing
import TestSupport

/// Big and odd but legitimate input, other programs' locks, and other coders' files:
/// each is accepted, in linear time, without changing what it must not change.
@Suite("Reliability: odd but valid input, locks, other files left alone")
struct ReliabilityTests {
    /// Runs a python3 snippet with `arguments` (for SQLite edits the command line refuses).
    static func python(_ code: String, _ arguments: [String]) throws -> ChildProcesses.Child {
        try ChildProcesses.start("/usr/bin/env", ["python3", "-c", code] + arguments, errors: .descriptor(2))
    }

    @Test("merge only reads the other project: its bytes are unchanged and no -wal or -shm appears")
    func mergeReadsOnly() throws {
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        #expect(try cli.run("import", Binary.root.appendingPathComponent("transcripts").path).status == 0)
        #expect(try cli.run("backup", "-o", "other.db").status == 0)
        #expect(
            try cli.run(
                "code", "add", "--doc", "brw", "--turn", "3", "--code", "Processes/Intuiting", "--coder", "ben",
                "--project", "other.db"
            ).status == 0)
        #expect(try cli.run("backup", "--project", "other.db", "-o", "theirs.db").status == 0)
        let theirs = cli.folder.appendingPathComponent("theirs.db").path
        let before = try Data(contentsOf: URL(fileURLWithPath: theirs))
        let merged = try cli.run("merge", "theirs.db")
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("1 coding added"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: theirs)) == before)
        #expect(
            !FileManager.default.fileExists(atPath: theirs + "-wal")
                && !FileManager.default.fileExists(atPath: theirs + "-shm"))
    }

    @Test("reading a project never waits for another program's write transaction")
    func readsDoNotWait() throws {
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        #expect(try cli.run("import", Binary.root.appendingPathComponent("transcripts").path).status == 0)
        let holder = try Self.python(
            """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            c.execute("BEGIN IMMEDIATE"); c.execute("INSERT INTO coders (name) VALUES ('zz')")
            open(sys.argv[1] + ".locked", "w").close()
            time.sleep(20); c.execute("ROLLBACK")
            """, [cli.projectPath])
        defer { holder.signal(); _ = holder.wait() }
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: cli.projectPath + ".locked"), Date() < deadline { usleep(20_000) }
        for command in [
            ["documents"], ["codings", "--format", "json"], ["stats"], ["export", "--format", "csv"], ["cases"],
        ] {
            let started = Date()
            let run = try cli.run(command)
            #expect(run.status == 0, "\(command): \(run.stderr)")
            #expect(
                Date().timeIntervalSince(started) < 5,
                "\(command) waited \(Date().timeIntervalSince(started)) s for the writer")
        }
    }

    @Test("a transcript saved with two byte-order marks keeps every offset through REFI-QDA and back")
    func byteOrderMarks() throws {
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        try cli.write(
            [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("Interviewer: hello there\n\nRoger: yes indeed\n".utf8),
            "K/bom.txt")
        #expect(try cli.run("import", "K/bom.txt").status == 0)
        #expect(try cli.run("code", "add", "--doc", "bom", "--turn", "1", "--code", "Processes/Intuiting").status == 0)
        // A stored text that itself starts with U+FEFF (an older intertwine, another program).
        let edit = try Self.python(
            """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("UPDATE documents SET text = char(65279) || text, length = length + 1")
            c.execute("UPDATE codings SET start = start + 1, \\"end\\" = \\"end\\" + 1")
            c.commit()
            """, [cli.projectPath])
        _ = edit.wait()
        let before = try #require(try Binary.json(cli.run("codings", "--format", "json").stdout) as? [[String: Any]])
        #expect(before.first?["text"] as? String == "hello there")
        #expect(try cli.run("export", "--format", "qdpx", "-o", "bom.qdpx").status == 0)
        #expect(try cli.run("import", "--project", "round.db", "bom.qdpx").status == 0)
        let after = try #require(
            try Binary.json(cli.run("codings", "--format", "json", "--project", "round.db").stdout) as? [[String: Any]])
        #expect(after.first?["text"] as? String == "hello there")
        #expect(after.first?["start"] as? Int == before.first?["start"] as? Int)
    }

    @Test("café written two ways is one name: stored composed, found either way")
    func composedNames() throws {
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        try cli.write("A: bonjour", "Caf\u{65}\u{301}/cafe\u{301}.txt") // as macOS writes file names
        #expect(try cli.run("import", "Caf\u{65}\u{301}/cafe\u{301}.txt").status == 0)
        let documents = try #require(
            try Binary.json(cli.run("documents", "--format", "json").stdout) as? [[String: Any]])
        let name = try #require(documents.first?["name"] as? String)
        #expect(Array(name.unicodeScalars) == Array("caf\u{E9}".unicodeScalars))
        #expect(Array((documents.first?["case"] as? String ?? "").unicodeScalars) == Array("Caf\u{E9}".unicodeScalars))
        let coded = try cli.run("code", "add", "--doc", "caf\u{E9}", "--turn", "1", "--code", "Processes/Intuiting")
        #expect(coded.status == 0, "\(coded.stderr)")
        #expect(
            try cli.run("code", "add", "--doc", "cafe\u{301}", "--turn", "1", "--code", "Processes/Interpreting").status
                == 0)
        #expect(try cli.run("import", "Caf\u{65}\u{301}/cafe\u{301}.txt").stdout.contains("unchanged"))
    }

    @Test("front matter is typed as YAML 1.2 core: 012 is 12, 1:30 and off stay text")
    func yamlCore() throws {
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        try cli.write(
            "---\ncase: K\nid: 012\ntime: 1:30\nflag: off\nyes_no: yes\nexact: true\nhex: 0x1F\nratio: 2.5\nsince: 2024-03-01\n---\nA: hi\n",
            "in/t.txt")
        let imported = try cli.run("import", "in/t.txt")
        #expect(imported.status == 0, "\(imported.stderr)")
        let cases = try #require(try Binary.json(cli.run("cases", "--format", "json").stdout) as? [[String: Any]])
        let attributes = try #require(cases.first?["attributes"] as? [String: Any])
        #expect(attributes["id"] as? Int == 12)
        #expect(attributes["time"] as? String == "1:30")
        #expect(attributes["flag"] as? String == "off")
        #expect(attributes["yes_no"] as? String == "yes")
        #expect(attributes["exact"] as? Bool == true)
        #expect(attributes["hex"] as? Int == 31)
        #expect(attributes["ratio"] as? Double == 2.5)
        #expect(attributes["since"] as? String == "2024-03-01")
    }

    @Test("a 20,000-character case name makes a wide table, not a slow one")
    func longCells() throws {
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        let long = String(repeating: "Ω long name ", count: 1_700)
        try cli.write("---\ncase: \"\(long)\"\n---\nA: hi\n", "in/long.txt")
        #expect(try cli.run("import", "in/long.txt").status == 0)
        #expect(
            try cli.run("code", "add", "--doc", "long", "--turn", "1", "--code", "Processes/Intuiting", "--coder", long)
                .status == 0)
        for command in [["cases"], ["codings"], ["stats", "--by", "coder"], ["documents"]] {
            let run = try cli.run(command, timeout: 30)
            #expect(run.status == 0, "\(command): \(run.stderr)")
            #expect(
                run.stdout.split(separator: "\n").allSatisfy { $0.count < 1_000 },
                "\(command) printed a line of \(run.stdout.split(separator: "\n").map(\.count).max() ?? 0)")
        }
        let json = try #require(try Binary.json(cli.run("cases", "--format", "json").stdout) as? [[String: Any]])
        #expect((json.first?["name"] as? String)?.count == long.trimmingCharacters(in: .whitespaces).count)
    }

    @Test("a REFI-QDA codebook of 20,000 codes with one name imports in linear time, names numbered")
    func manyCodes() throws {
        let cli = try Binary()
        let codes = (0..<20_000).map {
            "<Code guid=\"c0de\(String(format: "%04x", $0 % 65536))-0000-4000-8000-\(String(format: "%012x", $0))\" name=\"Code\" isCodable=\"true\"/>"
        }.joined()
        let qde = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes>\(codes)</Codes></CodeBook><Sources><TextSource guid="5005ce01-0000-4000-8000-000000000001" name="s" plainTextPath="internal://5005ce01-0000-4000-8000-000000000001.txt"/></Sources></Project>
            """
        try cli.write(
            try HostileInputTests.zip([
                ("project.qde", qde), ("sources/5005ce01-0000-4000-8000-000000000001.txt", "hello there"),
            ]), "many.qdpx")
        let run = try cli.run(["import", "many.qdpx"], timeout: 120)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("20000 codes (20000 new)"))
        let codebook = try #require(try Binary.json(cli.run("codebook", "--format", "json").stdout) as? [[String: Any]])
        #expect(codebook.count == 20_000)
        #expect(codebook.last?["name"] as? String == "Code (20000)")
    }
}
