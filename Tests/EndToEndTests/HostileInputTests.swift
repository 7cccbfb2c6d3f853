import Foundation
import Testing
import ZIPFoundation
import TestSupport

/// A corpus of bad files, each fed to the command that would read it: every one must
/// give one clear line on stderr, a non-zero exit, and leave the project as it was.
@Suite("Hostile and broken input")
struct HostileInputTests {
    /// A bad input: the files it needs and the command that reads it.
    struct Case {
        var name: String
        var files: [(String, [UInt8])]
        var arguments: [String]
        /// A piece of the error message that must appear.
        var says: String
    }

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    static func zip(_ entries: [(String, String)]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in entries {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](archive.data ?? Data())
    }

    static let qde = """
        <?xml version="1.0" encoding="utf-8"?>
        <Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes><Code guid="c0de0001-0000-4000-8000-000000000001" name="A" isCodable="true"/></Codes></CodeBook>
        <Sources><TextSource guid="5005ce01-0000-4000-8000-000000000001" name="s" plainTextPath="internal://5005ce01-0000-4000-8000-000000000001.txt">
        <PlainTextSelection guid="5e1e0001-0000-4000-8000-000000000001" startPosition="0" endPosition="END"><Coding guid="c0d10001-0000-4000-8000-000000000001"><CodeRef targetGUID="CODE"/></Coding></PlainTextSelection>
        </TextSource></Sources></Project>
        """

    static func cases() throws -> [Case] {
        let source = ("sources/5005ce01-0000-4000-8000-000000000001.txt", "hello there")
        let goodQde = qde.replacingOccurrences(of: "END", with: "5").replacingOccurrences(
            of: "CODE", with: "c0de0001-0000-4000-8000-000000000001")
        let validZip = try zip([("project.qde", goodQde), source])
        var list: [Case] = [
            Case(
                name: "invalid UTF-8", files: [("bad/a.txt", [0x41, 0x3A, 0x20, 0xFF])],
                arguments: ["import", "bad/a.txt"], says: "not valid UTF-8 at byte offset 3"),
            Case(
                name: "truncated UTF-8", files: [("bad/b.txt", [0x41, 0xE2, 0x82])],
                arguments: ["import", "bad/b.txt"], says: "byte offset 1"),
            Case(
                name: "overlong UTF-8", files: [("bad/c.txt", [0x41, 0xC0, 0xAF])], arguments: ["import", "bad/c.txt"],
                says: "byte offset 1"),
            Case(
                name: "surrogate in UTF-8", files: [("bad/d.txt", [0x41, 0xED, 0xA0, 0x80])],
                arguments: ["import", "bad/d.txt"], says: "byte offset 1"),
            Case(
                name: "UTF-16 LE with BOM", files: [("bad/e.txt", [0xFF, 0xFE, 0x41, 0x00])],
                arguments: ["import", "bad/e.txt"], says: "bad/e.txt"),
            Case(
                name: "UTF-16 BE with BOM", files: [("bad/f.txt", [0xFE, 0xFF, 0x00, 0x41])],
                arguments: ["import", "bad/f.txt"], says: "bad/f.txt"),
            Case(
                name: "UTF-16 without BOM", files: [("bad/g.txt", [0x41, 0x00, 0x3A, 0x00])],
                arguments: ["import", "bad/g.txt"], says: "NUL byte at byte offset 1"),
            Case(
                name: "NUL in the middle", files: [("bad/h.txt", bytes("A: one") + [0] + bytes("two"))],
                arguments: ["import", "bad/h.txt"], says: "binary file"),
            Case(
                name: "PNG renamed .txt",
                files: [("bad/i.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])],
                arguments: ["import", "bad/i.txt"], says: "binary file"),
            Case(name: "empty file", files: [("bad/j.txt", [])], arguments: ["import", "bad/j.txt"], says: "empty"),
            Case(
                name: "only white space", files: [("bad/k.txt", bytes(" \n\t\n "))],
                arguments: ["import", "bad/k.txt"], says: "empty"),
            Case(
                name: "front matter only", files: [("bad/l.md", bytes("---\ncase: X\n---\n"))],
                arguments: ["import", "bad/l.md"], says: "empty"),
            Case(
                name: "unclosed front matter", files: [("bad/m.txt", bytes("---\ncase: X\nA: hi"))],
                arguments: ["import", "bad/m.txt"], says: "never closed"),
            Case(
                name: "front matter YAML error", files: [("bad/n.txt", bytes("---\ncase: [X\n---\nA: hi"))],
                arguments: ["import", "bad/n.txt"], says: "front matter"),
            Case(
                name: "front matter nested keys", files: [("bad/o.txt", bytes("---\nfirm:\n  name: X\n---\nA: hi"))],
                arguments: ["import", "bad/o.txt"], says: "nested keys"),
            Case(
                name: "front matter duplicate keys", files: [("bad/p.txt", bytes("---\ncase: A\ncase: B\n---\nA: hi"))],
                arguments: ["import", "bad/p.txt"], says: "appears twice"),
            Case(
                name: "front matter empty case", files: [("bad/q.txt", bytes("---\ncase: ''\n---\nA: hi"))],
                arguments: ["import", "bad/q.txt"], says: "needs a name"),
            Case(
                name: "front matter alias bomb",
                files: [
                    (
                        "bad/r.txt",
                        bytes(
                            "---\na: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c]\n---\nA: hi"
                        )
                    )
                ], arguments: ["import", "bad/r.txt"], says: "alias bomb"),
            Case(
                name: "unsupported type", files: [("bad/s.pdf", bytes("%PDF-1.4"))],
                arguments: ["import", "bad/s.pdf"], says: "not a transcript intertwine reads"),
            Case(name: "missing file", files: [], arguments: ["import", "bad/none.txt"], says: "no such file"),
            Case(
                name: "folder without transcripts", files: [("empty-folder/notes.pdf", bytes("x"))],
                arguments: ["import", "empty-folder"], says: "no transcripts"),
            Case(
                name: "one bad file among good ones",
                files: [("mixed/1.txt", bytes("A: fine")), ("mixed/2.txt", [0xFF])], arguments: ["import", "mixed"],
                says: "mixed/2.txt"),
            Case(
                name: "same name twice in one import",
                files: [("twice/a/x.txt", bytes("A: one")), ("twice/b/x.txt", bytes("A: two"))],
                arguments: ["import", "twice"], says: "same document name"),
            Case(
                name: "known name with other text", files: [("brw.txt", bytes("A: not the demo text"))],
                arguments: ["import", "brw.txt"], says: "already in the project with different text"),
            Case(
                name: "codebook duplicate siblings",
                files: [
                    (
                        "cb1.yaml",
                        bytes("codes:\n  - {name: A, color: \"#000000\"}\n  - {name: a, color: \"#000000\"}\n")
                    )
                ], arguments: ["codebook", "import", "cb1.yaml"], says: "duplicate code"),
            Case(
                name: "codebook duplicate hotkeys",
                files: [("cb2.yaml", bytes("codes:\n  - {name: A, hotkey: \"1\"}\n  - {name: B, hotkey: \"1\"}\n"))],
                arguments: ["codebook", "import", "cb2.yaml"], says: "already used"),
            Case(
                name: "codebook bad colour", files: [("cb3.yaml", bytes("codes:\n  - {name: A, color: teal}\n"))],
                arguments: ["codebook", "import", "cb3.yaml"], says: "bad colour"),
            Case(
                name: "codebook YAML error", files: [("cb4.yaml", bytes("codes:\n  - name: A\n   - name: B\n"))],
                arguments: ["codebook", "import", "cb4.yaml"], says: "cb4.yaml:3"),
            Case(
                name: "codebook unknown key",
                files: [("cb5.yaml", bytes("codes:\n  - {name: A, colr: \"#000000\"}\n"))],
                arguments: ["codebook", "import", "cb5.yaml"], says: "unknown key"),
            Case(
                name: "codebook not a mapping", files: [("cb6.yaml", bytes("- a\n- b\n"))],
                arguments: ["codebook", "import", "cb6.yaml"], says: "cb6.yaml:1"),
            Case(
                name: "codebook folder over codings",
                files: [
                    (
                        "cb7.yaml",
                        bytes(
                            "codes:\n  - name: Processes\n    codable: false\n    children:\n      - {name: Intuiting, codable: false}\n"
                        )
                    )
                ], arguments: ["codebook", "import", "cb7.yaml"], says: "cannot become a folder"),
            Case(
                name: "qdc with a DTD",
                files: [("dtd.qdc", bytes("<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"b\">]><CodeBook/>"))],
                arguments: ["codebook", "import", "dtd.qdc"], says: "DTD"),
            Case(
                name: "truncated qdpx", files: [("cut.qdpx", Array(validZip.prefix(validZip.count / 2)))],
                arguments: ["import", "cut.qdpx"], says: "cut.qdpx"),
            Case(
                name: "qdpx zip slip",
                files: [("slip.qdpx", try zip([("project.qde", goodQde), ("../../etc/evil", "x")]))],
                arguments: ["import", "slip.qdpx"], says: "zip slip"),
            Case(
                name: "qdpx entity expansion",
                files: [
                    (
                        "lol.qdpx",
                        try zip([
                            (
                                "project.qde",
                                "<?xml version=\"1.0\"?>\n<!DOCTYPE p [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><Project name=\"&b;\"/>"
                            )
                        ])
                    )
                ], arguments: ["import", "lol.qdpx"], says: "DTD"),
            Case(
                name: "qdpx external entity",
                files: [
                    (
                        "xxe.qdpx",
                        try zip([
                            (
                                "project.qde",
                                "<?xml version=\"1.0\"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Project name=\"&x;\"/>"
                            )
                        ])
                    )
                ], arguments: ["import", "xxe.qdpx"], says: "DTD"),
            Case(
                name: "qdpx malformed XML",
                files: [
                    (
                        "bad.qdpx",
                        try zip([
                            ("project.qde", "<?xml version=\"1.0\"?>\n<Project name=\"x\">\n<Sources>\n</Project>")
                        ])
                    )
                ], arguments: ["import", "bad.qdpx"], says: "project.qde:"),
            Case(
                name: "qdpx dangling code",
                files: [
                    (
                        "dangle.qdpx",
                        try zip([
                            (
                                "project.qde",
                                qde.replacingOccurrences(of: "END", with: "5").replacingOccurrences(
                                    of: "CODE", with: "c0de0009-0000-4000-8000-000000000009")
                            ), source,
                        ])
                    )
                ], arguments: ["import", "dangle.qdpx"], says: "not in the codebook"),
            Case(
                name: "qdpx position out of range",
                files: [
                    (
                        "range.qdpx",
                        try zip([
                            (
                                "project.qde",
                                qde.replacingOccurrences(of: "END", with: "500").replacingOccurrences(
                                    of: "CODE", with: "c0de0001-0000-4000-8000-000000000001")
                            ), source,
                        ])
                    )
                ], arguments: ["import", "range.qdpx"], says: "outside its text"),
            Case(
                name: "qdpx without project.qde", files: [("none.qdpx", try zip([source]))],
                arguments: ["import", "none.qdpx"], says: "project.qde is missing"),
            Case(
                name: "qdpx that is not a zip", files: [("text.qdpx", bytes("just text"))],
                arguments: ["import", "text.qdpx"], says: "not a QDPX file"),
            Case(
                name: "qdpx with a wrong root",
                files: [("root.qdpx", try zip([("project.qde", "<?xml version=\"1.0\"?><Codebook/>")]))],
                arguments: ["import", "root.qdpx"], says: "not <Project>"),
            Case(
                name: "docx that is not a zip", files: [("w/a.docx", bytes("PK no"))],
                arguments: ["import", "w/a.docx"], says: "w/a.docx"),
            Case(
                name: "docx without document.xml",
                files: [("w/b.docx", try zip([("[Content_Types].xml", "<Types/>")]))],
                arguments: ["import", "w/b.docx"], says: "word/document.xml is missing"),
            Case(
                name: "VTT with a bad time", files: [("v/a.vtt", bytes("WEBVTT\n\n00:01 --> soon\n<v A>hi\n"))],
                arguments: ["import", "v/a.vtt"], says: "v/a.vtt:3"),
            Case(
                name: "SRT without cues", files: [("v/b.srt", bytes("just words\n"))],
                arguments: ["import", "v/b.srt"], says: "empty"),
            Case(
                name: "project that is not SQLite",
                files: [("fake.db", bytes("not a database at all, not even close"))],
                arguments: ["documents", "--project", "fake.db"], says: "not a SQLite database"),
            Case(
                name: "empty project file", files: [("zero.db", [])], arguments: ["documents", "--project", "zero.db"],
                says: "the file is empty"),
            Case(
                name: "project of a newer schema", files: [], arguments: ["documents", "--project", "future.db"],
                says: "newer intertwine"),
            Case(
                name: "another program's database", files: [], arguments: ["documents", "--project", "other.db"],
                says: "another program"),
        ]
        list.append(
            Case(
                name: "merge of a project that is not SQLite", files: [("notes.db", bytes("hello"))],
                arguments: ["merge", "notes.db"], says: "not a SQLite database"))
        return list
    }

    @Test("at least 40 bad files, each refused with one clear line and the project unchanged")
    func corpus() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 40)
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        #expect(try cli.run("import", Binary.root.appendingPathComponent("transcripts").path).status == 0)
        #expect(try cli.run("code", "add", "--doc", "brw", "--turn", "2", "--code", "Processes/Intuiting").status == 0)
        // A project from the future, and a SQLite file of another program.
        let future = cli.folder.appendingPathComponent("future.db").path
        #expect(try cli.run("init", "--project", future).status == 0)
        #expect(
            try ReliabilityTests.python(
                "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"insert into grdb_migrations values ('v99: future')\"); c.commit()",
                [future]
            ).wait().code == 0)
        #expect(
            try ReliabilityTests.python(
                "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t (x)'); c.commit()",
                [cli.folder.appendingPathComponent("other.db").path]
            ).wait().code == 0)
        let before = try cli.projectContents()
        for item in cases {
            for (path, bytes) in item.files { try cli.write(bytes, path) }
            let run = try cli.run(item.arguments)
            #expect(run.status != 0, "\(item.name) was accepted")
            #expect(
                run.stderr.hasPrefix("intertwine: ") && run.stderr.split(separator: "\n").count == 1,
                "\(item.name): \(run.stderr)")
            #expect(run.stderr.contains(item.says), "\(item.name): \(run.stderr)")
            #expect(!run.stderr.contains("Fatal error"), "\(item.name)")
        }
        #expect(try cli.projectContents() == before)
        print("hostile input: \(cases.count) bad files tried, each refused with a clear error, the project unchanged")
    }

    @Test("extreme but valid text imports in bounded time: a 50 MB single line, a million tiny lines")
    func extremes() throws {
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        try cli.write(Array("A: ".utf8) + Array(repeating: UInt8(ascii: "x"), count: 50_000_000), "big/long.txt")
        try cli.write(Array(String(repeating: "a\n", count: 1_000_000).utf8), "big/lines.txt")
        let started = Date()
        let run = try cli.run("import", cli.folder.appendingPathComponent("big").path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("imported long") && run.stdout.contains("imported lines"))
        #expect(Date().timeIntervalSince(started) < 120)
    }
}

@Suite("Several writers at once")
struct ConcurrentWritersTests {
    @Test("four command-line coders writing at the same time never hit \"database is locked\"")
    func concurrentWriters() throws {
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        #expect(try cli.run("import", Binary.root.appendingPathComponent("transcripts/brw.txt").path).status == 0)
        let group = DispatchGroup()
        final class Failures: @unchecked Sendable { var list: [String] = []; let lock = NSLock() }
        let failures = Failures()
        for writer in 0..<4 {
            group.enter()
            DispatchQueue.global().async {
                for i in 0..<15 {
                    let start = writer * 1000 + i * 10
                    if let run = try? cli.run(
                        "code", "add", "--doc", "brw", "--start", String(start), "--end", String(start + 5),
                        "--code", "Processes/Intuiting", "--coder", "w\(writer)"), run.status != 0
                    {
                        failures.lock.lock(); failures.list.append(run.stderr); failures.lock.unlock()
                    }
                }
                group.leave()
            }
        }
        group.wait()
        #expect(failures.list.isEmpty, "\(failures.list.prefix(3))")
        let codings = try #require(try Binary.json(cli.run("codings", "--format", "json").stdout) as? [[String: Any]])
        #expect(codings.count == 60)
    }
}
