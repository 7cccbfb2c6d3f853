import CodingEngine
import Foundation
import Testing
import ZIPFoundation
import TestSupport

/// The second hostile-input round: every probe that once destroyed a project, crashed,
/// hung, injected into a terminal or a document, or answered in Foundation's words.
/// Each bad input gives one clear line on stderr, a non-zero exit and the project as
/// it was; each legitimate but extreme input is accepted and checked.
@Suite("Hostile input, second round")
struct HostileRoundTwoTests {
    typealias Case = HostileInputTests.Case
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
    static func zip(_ entries: [(String, String)]) throws -> [UInt8] { try HostileInputTests.zip(entries) }

    /// A zip of one entry holding `bytes` as they are (UTF-16 text, say).
    static func zip(_ name: String, bytes: [UInt8]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        let data = Data(bytes)
        try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate)
        { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
        return [UInt8](archive.data ?? Data())
    }

    /// A `.qdpx` whose project.qde is `qde` with one source "hello there".
    static func qdpx(_ qde: String) throws -> [UInt8] {
        try zip([("project.qde", qde), ("sources/5005ce01-0000-4000-8000-000000000001.txt", "hello there")])
    }

    static func project(variables: String = "", cases: String = "") -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <Project xmlns="urn:QDA-XML:project:1.0" name="x">\(variables)\(cases)<Sources><TextSource guid="5005ce01-0000-4000-8000-000000000001" name="s" plainTextPath="internal://5005ce01-0000-4000-8000-000000000001.txt"/></Sources></Project>
        """
    }

    static func caseWith(_ value: String) -> String {
        project(
            variables:
                "<Variables><Variable guid=\"0a000001-0000-4000-8000-000000000001\" name=\"v\" typeOfVariable=\"Float\"/></Variables>",
            cases:
                "<Cases><Case guid=\"0c000001-0000-4000-8000-000000000001\" name=\"K\"><VariableValue><VariableRef targetGUID=\"0a000001-0000-4000-8000-000000000001\"/>\(value)</VariableValue><SourceRef targetGUID=\"5005ce01-0000-4000-8000-000000000001\"/></Case></Cases>"
        )
    }

    /// UTF-16 little endian with a byte-order mark.
    static func utf16(_ text: String) -> [UInt8] {
        [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    static func cases() throws -> [Case] {
        let deep = 100_000
        let deepCodes =
            "<?xml version=\"1.0\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\"><CodeBook><Codes>"
            + String(
                repeating: "<Code guid=\"c0de0001-0000-4000-8000-000000000001\" name=\"A\" isCodable=\"true\">",
                count: deep)
            + String(repeating: "</Code>", count: deep) + "</Codes></CodeBook></Project>"
        let deepRuns =
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body><w:p>" + String(repeating: "<w:r>", count: deep)
            + "<w:t>hi</w:t>" + String(repeating: "</w:r>", count: deep) + "</w:p></w:body></w:document>"
        let bomb =
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>A: hi</w:t></w:r></w:p>"
            + String(repeating: "<w:p/>", count: 30_000_000) + "</w:body></w:document>"
        let aliasBomb = """
            codes:
              - name: A
                children: &a
                  - {name: x}
                  - {name: y}
              - name: B
                children: &b [{name: p, children: *a}, {name: q, children: *a}, {name: r, children: *a}, {name: s, children: *a}]
              - name: C
                children: &c [{name: p, children: *b}, {name: q, children: *b}, {name: r, children: *b}, {name: s, children: *b}]
              - name: D
                children: &d [{name: p, children: *c}, {name: q, children: *c}, {name: r, children: *c}, {name: s, children: *c}]
              - name: E
                children: [{name: p, children: *d}, {name: q, children: *d}, {name: r, children: *d}, {name: s, children: *d}]
            """
        let dtd =
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE p [<!ENTITY a \"aaaa\">]><Project name=\"&a;\"/>"
        return [
            Case(
                name: "export csv onto the project", files: [],
                arguments: ["export", "--format", "csv", "-o", "project.db"], says: "SQLite database"),
            Case(
                name: "export qdpx onto the project", files: [],
                arguments: ["export", "--format", "qdpx", "-o", "project.db"], says: "SQLite database"),
            Case(
                name: "export qdc onto the project, with --force", files: [],
                arguments: ["export", "--format", "qdc", "-o", "project.db", "--force"], says: "never writes over"),
            Case(
                name: "export onto another project", files: [],
                arguments: ["export", "--format", "json", "-o", "other.db", "--force"], says: "SQLite database"),
            Case(
                name: "export onto the project's -wal", files: [],
                arguments: ["export", "--format", "qdpx", "-o", "project.db-wal"],
                says: "belongs to the SQLite database"),
            Case(
                name: "export onto the project's -shm", files: [],
                arguments: ["export", "--format", "md", "-o", "project.db-shm", "--force"],
                says: "belongs to the SQLite database"),
            Case(
                name: "export onto a folder", files: [("thesis/chapter.txt", bytes("my thesis"))],
                arguments: ["export", "--format", "qdpx", "-o", "thesis", "--force"], says: "is a folder"),
            Case(
                name: "export onto a device", files: [],
                arguments: ["export", "--format", "csv", "-o", "/dev/null", "--force"], says: "character device"),
            Case(
                name: "export onto a FIFO", files: [],
                arguments: ["export", "--format", "csv", "-o", "pipe", "--force"], says: "a FIFO"),
            Case(
                name: "export onto an existing file", files: [("keep.csv", bytes("keep me"))],
                arguments: ["export", "--format", "csv", "-o", "keep.csv"], says: "pass --force"),
            Case(
                name: "export through a symbolic link", files: [],
                arguments: ["export", "--format", "csv", "-o", "link.csv", "--force"], says: "symbolic link"),
            Case(
                name: "export into a missing folder", files: [],
                arguments: ["export", "--format", "csv", "-o", "nowhere/x.csv"], says: "nowhere: no such file"),
            Case(
                name: "export to a name ending in /", files: [],
                arguments: ["export", "--format", "csv", "-o", "newfolder/"], says: "names a folder"),
            Case(
                name: "a matrix written over the project", files: [],
                arguments: ["matrix", "--cols", "Processes", "--format", "csv", "-o", "project.db", "--force"],
                says: "SQLite database"),
            Case(
                name: "backup onto an existing file", files: [("keep.db.txt", bytes("keep me"))],
                arguments: ["backup", "-o", "keep.db.txt"], says: "already exists"),
            Case(
                name: "backup onto the project", files: [], arguments: ["backup", "-o", "project.db"],
                says: "SQLite database"),
            Case(
                name: "a FIFO as the project", files: [], arguments: ["documents", "--project", "pipe"], says: "FIFO"),
            Case(name: "a FIFO as a transcript", files: [], arguments: ["import", "fifo.txt"], says: "FIFO"),
            Case(name: "a FIFO as a codebook", files: [], arguments: ["codebook", "import", "pipe"], says: "FIFO"),
            Case(
                name: "a VTT time of 10^20 hours",
                files: [
                    (
                        "v/huge.vtt",
                        bytes("WEBVTT\n\n99999999999999999999:00:00.000 --> 99999999999999999999:00:01.000\n<v A>hi\n")
                    )
                ], arguments: ["import", "v/huge.vtt"], says: "v/huge.vtt:3"),
            Case(
                name: "a VTT time nan:00",
                files: [("v/nan.vtt", bytes("WEBVTT\n\nnan:00.000 --> 00:01.000\n<v A>hi\n"))],
                arguments: ["import", "v/nan.vtt"], says: "v/nan.vtt:3"),
            Case(
                name: "a negative SRT time",
                files: [("v/neg.srt", bytes("1\n-00:00:01,000 --> 00:00:02,000\nA: hi\n"))],
                arguments: ["import", "v/neg.srt"], says: "v/neg.srt:2"),
            Case(
                name: "a coder compared with themselves", files: [], arguments: ["agree", "--coders", "ana,ana"],
                says: "named twice"),
            Case(
                name: "disagreements of one coder twice", files: [],
                arguments: ["disagreements", "--coders", "ana,ana"], says: "named twice"),
            Case(
                name: "Word runs nested 100,000 deep",
                files: [("w/deep.docx", try zip([("word/document.xml", deepRuns)]))],
                arguments: ["import", "w/deep.docx"], says: "nested more than 256"),
            Case(
                name: "QDPX codes nested 100,000 deep", files: [("deep.qdpx", try zip([("project.qde", deepCodes)]))],
                arguments: ["import", "deep.qdpx"], says: "nested more than 256"),
            Case(
                name: "case attribute float nan", files: [], arguments: ["case", "set", "BRW", "v:float=nan"],
                says: "finite"),
            Case(
                name: "case attribute float inf", files: [], arguments: ["case", "set", "BRW", "v:float=inf"],
                says: "finite"),
            Case(
                name: "case attribute float 1e400", files: [], arguments: ["case", "set", "BRW", "v:float=1e400"],
                says: "finite"),
            Case(
                name: "case attribute date hello", files: [], arguments: ["case", "set", "BRW", "d:date=hello"],
                says: "not a valid date"),
            Case(
                name: "QDPX FloatValue nan", files: [("fnan.qdpx", try qdpx(caseWith("<FloatValue>nan</FloatValue>")))],
                arguments: ["import", "fnan.qdpx"], says: "not a finite number"),
            Case(
                name: "QDPX DateValue hello",
                files: [("dhello.qdpx", try qdpx(caseWith("<DateValue>hello</DateValue>")))],
                arguments: ["import", "dhello.qdpx"], says: "not a date"),
            Case(
                name: "front matter .nan", files: [("fm/nan.txt", bytes("---\ncase: K\nscore: .nan\n---\nA: hi\n"))],
                arguments: ["import", "fm/nan.txt"], says: "fm/nan.txt:3"),
            Case(
                name: "front matter key with a space beside the same key",
                files: [("fm/case.txt", bytes("---\ncase: A\n\"case \": B\n---\nA: hi\n"))],
                arguments: ["import", "fm/case.txt"], says: "appears twice"),
            Case(
                name: "codebook alias bomb through children", files: [("cb/bomb.yaml", bytes(aliasBomb))],
                arguments: ["codebook", "import", "cb/bomb.yaml"], says: "alias bomb"),
            Case(
                name: "codebook hotkey q", files: [("cb/q.yaml", bytes("codes:\n  - {name: A, hotkey: q}\n"))],
                arguments: ["codebook", "import", "cb/q.yaml"], says: "workbench key"),
            Case(
                name: "codebook hotkey ?", files: [("cb/help.yaml", bytes("codes:\n  - {name: A, hotkey: \"?\"}\n"))],
                arguments: ["codebook", "import", "cb/help.yaml"], says: "workbench key"),
            Case(
                name: "codebook hotkey }", files: [("cb/turn.yaml", bytes("codes:\n  - {name: A, hotkey: \"}\"}\n"))],
                arguments: ["codebook", "import", "cb/turn.yaml"], says: "workbench key"),
            Case(
                name: "codebook hotkey ESC",
                files: [("cb/esc.yaml", bytes("codes:\n  - {name: A, hotkey: \"\\e\"}\n"))],
                arguments: ["codebook", "import", "cb/esc.yaml"], says: "printable"),
            Case(
                name: "catastrophic pattern (a+)+$", files: [],
                arguments: [
                    "code", "add", "--doc", "a", "--match", "(a+)+$", "--code", "Processes/Intuiting", "--project",
                    "regex.db",
                ], says: "stopped after 5 s"),
            Case(
                name: "catastrophic pattern (a|aa)*c", files: [],
                arguments: [
                    "code", "add", "--doc", "a", "--match", "(a|aa)*c", "--code", "Processes/Intuiting", "--project",
                    "regex.db",
                ], says: "stopped after 5 s"),
            Case(
                name: "Word document unpacking past 128 MiB",
                files: [("w/bomb.docx", try zip([("word/document.xml", bomb)]))], arguments: ["import", "w/bomb.docx"],
                says: "more than 128 MiB"),
            Case(
                name: "UTF-16 project.qde with a DTD",
                files: [("dtd16.qdpx", try zip("project.qde", bytes: utf16(dtd)))],
                arguments: ["import", "dtd16.qdpx"], says: "DTD"),
            Case(
                name: "UTF-16 document.xml with a DTD", files: [], arguments: ["import", "w/dtd16.docx"], says: "DTD"),
            Case(
                name: "XML in an encoding intertwine does not read",
                files: [
                    ("utf7.qdpx", try zip([("project.qde", "<?xml version=\"1.0\" encoding=\"UTF-7\"?><Project/>")]))
                ], arguments: ["import", "utf7.qdpx"], says: "UTF-7"),
            Case(
                name: "an empty .docx", files: [("w/empty.docx", [])], arguments: ["import", "w/empty.docx"],
                says: "the file is empty"),
            Case(
                name: "a file name with a line break", files: [("bad\nname.txt", [0x41, 0x3A, 0xFF])],
                arguments: ["import", "bad\nname.txt"], says: "bad\\nname.txt"),
            Case(
                name: "a file name starting with -", files: [("-x.txt", bytes("A: hi"))],
                arguments: ["import", "-x.txt"], says: "put -- before it"),
            Case(
                name: "merging the project into itself through a link", files: [],
                arguments: ["merge", "self-link.db"], says: "is this project"),
            Case(
                name: "two spellings of café in one import",
                files: [("nfc/a/caf\u{E9}.txt", bytes("A: one")), ("nfc/b/cafe\u{301}.txt", bytes("A: two"))],
                arguments: ["import", "nfc"], says: "differ only in how accents are written"),
        ]
    }

    @Test("every probe of the second round is refused with one clear line, and the project is unchanged")
    func corpus() throws {
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        #expect(try cli.run("import", Binary.root.appendingPathComponent("transcripts").path).status == 0)
        #expect(try cli.run("code", "add", "--doc", "brw", "--turn", "2", "--code", "Processes/Intuiting").status == 0)
        #expect(try cli.run("init", "--project", "other.db").status == 0)
        #expect(try cli.run("init", "--project", "regex.db").status == 0)
        let folder = cli.folder.path
        #expect(mkfifo(folder + "/pipe", 0o644) == 0)
        #expect(mkfifo(folder + "/fifo.txt", 0o644) == 0)
        try cli.write("A: " + String(repeating: "a", count: 41) + "b", "re/a.txt")
        #expect(try cli.run("import", "--project", "regex.db", "--case", "K", "re/a.txt").status == 0)
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/self-link.db", withDestinationPath: cli.projectPath)
        try cli.write("linked", "target.csv")
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/link.csv", withDestinationPath: folder + "/target.csv")
        let docxDTD =
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE d [<!ENTITY e \"x\">]><w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>"
        try cli.write(try Self.zip("word/document.xml", bytes: Self.utf16(docxDTD)), "w/dtd16.docx")
        let before = try cli.projectContents()
        let cases = try Self.cases()
        for item in cases {
            for (path, bytes) in item.files { try cli.write(bytes, path) }
            try cli.expectRefused(item.arguments, name: item.name, says: item.says)
        }
        #expect(try cli.projectContents() == before)
        // What the refusals protected is still there, untouched.
        #expect(try String(contentsOfFile: folder + "/thesis/chapter.txt", encoding: .utf8) == "my thesis")
        #expect(try String(contentsOfFile: folder + "/keep.csv", encoding: .utf8) == "keep me")
        #expect(try String(contentsOfFile: folder + "/target.csv", encoding: .utf8) == "linked")
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/link.csv") == folder + "/target.csv")
        #expect(FileManager.default.fileExists(atPath: folder + "/pipe"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".partial") }.isEmpty)
        print(
            "hostile input, second round: \(cases.count) probes, each refused with one clear line, the project unchanged"
        )
    }

    @Test("--force replaces an export complete or not at all; two exports of one project are the same bytes")
    func forceAndDeterminism() throws {
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        #expect(try cli.run("import", Binary.root.appendingPathComponent("transcripts").path).status == 0)
        try cli.write("old", "out.qdpx")
        #expect(try cli.run("export", "--format", "qdpx", "-o", "out.qdpx").status != 0)
        #expect(try cli.run("export", "--format", "qdpx", "-o", "out.qdpx", "--force").status == 0)
        #expect(try cli.run("export", "--format", "qdpx", "-o", "again.qdpx").status == 0)
        let first = try Data(contentsOf: cli.folder.appendingPathComponent("out.qdpx"))
        #expect(first.starts(with: [0x50, 0x4B]))
        #expect(try Data(contentsOf: cli.folder.appendingPathComponent("again.qdpx")) == first)
        // Leftovers of a killed export (a process that no longer runs) are removed by the next export.
        try cli.write("half", ".out.qdpx.intertwine-999999.partial")
        #expect(try cli.run("export", "--format", "qdpx", "-o", "out.qdpx", "--force").status == 0)
        #expect(
            !FileManager.default.fileExists(
                atPath: cli.folder.appendingPathComponent(".out.qdpx.intertwine-999999.partial").path))
        // Two backups in the same second get two names.
        let one = try cli.run("backup"), two = try cli.run("backup")
        #expect(one.status == 0 && two.status == 0, "\(one.stderr) \(two.stderr)")
        let backups = try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).filter {
            $0.contains(".backup-")
        }
        #expect(backups.count == 2)
        // A one-character project name (which crashed Foundation's path handling).
        #expect(try cli.run("init", "--project", "P").status == 0)
        #expect(try cli.run("documents", "--project", "P").status == 0)
    }

    @Test("standard output that fails: a full disk and a closed descriptor are reported, a closed pipe ends quietly")
    func failedStandardOutput() throws {
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        #expect(try cli.run("import", Binary.root.appendingPathComponent("transcripts").path).status == 0)
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let onFull = try cli.run(["documents"], stdout: full)
        #expect(onFull.status == 3) // could not write
        #expect(
            onFull.stderr == "intertwine: standard output: the disk is full; nothing was written\n", "\(onFull.stderr)")
        // A closed descriptor (`>&-`).
        let closed = try cli.run(["-c", "exec \"$0\" documents >&-", Binary.url.path], viaShell: true)
        #expect(closed.status == 3)
        #expect(
            closed.stderr.hasPrefix("intertwine: standard output: ") && closed.stderr.split(separator: "\n").count == 1,
            "\(closed.stderr)")
        // A reader that stops after 10 bytes of a 2 MB listing: the program ends at
        // once, quietly and successfully, as `| head` expects.
        try cli.write("A: " + String(repeating: "words and more words ", count: 100_000), "big/long.txt")
        #expect(try cli.run("import", cli.folder.appendingPathComponent("big").path).status == 0)
        #expect(try cli.run("code", "add", "--doc", "long", "--turn", "1", "--code", "Processes/Intuiting").status == 0)
        let out = try ChildProcesses.pipe(), err = try ChildProcesses.pipe()
        let process = try ChildProcesses.start(
            Binary.url.path, ["codings", "--format", "json"], environment: cli.environment,
            output: .descriptor(out.write), errors: .descriptor(err.write))
        close(out.write)
        close(err.write)
        let reading = FileHandle(fileDescriptor: out.read, closeOnDealloc: false)
        let head = Binary.readAll(reading, upTo: 10)
        close(out.read)
        let message = Binary.readAll(FileHandle(fileDescriptor: err.read, closeOnDealloc: true))
        let ended = process.wait()
        #expect(head.count == 10)
        #expect(ended == ChildProcesses.Ended(code: 0, signal: nil))
        #expect(message.isEmpty, "\(String(decoding: message, as: UTF8.self))")
    }
}

extension Binary {
    /// Runs a hostile probe and checks that it was refused as every refusal must be:
    /// a status from 1 to 127 (no crash, no signal), one line on stderr starting
    /// `intertwine: ` and holding `says`, never Foundation's words, within 30 s.
    @discardableResult
    func expectRefused(_ arguments: [String], name: String, says: String) throws -> Run {
        let started = Date()
        let run = try self.run(arguments, timeout: 60)
        #expect(run.status > 0 && run.status < 128, "\(name) was accepted or crashed: \(run.status) \(run.stderr)")
        #expect(
            run.stderr.hasPrefix("intertwine: ") && run.stderr.split(separator: "\n").count == 1,
            "\(name): \(run.stderr)")
        #expect(run.stderr.contains(says), "\(name): \(run.stderr)")
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("NSCocoaErrorDomain"), "\(name)")
        #expect(Date().timeIntervalSince(started) < 30, "\(name) took \(Date().timeIntervalSince(started)) s")
        return run
    }

    /// Runs `/bin/sh` with `arguments` (for redirections the test needs).
    func run(_ arguments: [String], viaShell: Bool) throws -> Run {
        try Binary.run("/bin/sh", arguments, environment: environment, directory: folder.path)
    }
}
