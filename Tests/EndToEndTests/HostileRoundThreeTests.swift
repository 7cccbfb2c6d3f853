import CodingEngine
import Foundation
import Testing
import TestSupport

/// The third hostile round: what was added since the second (queries and saved
/// queries, codebook changes, bootstrap options, consensus, blind coding,
/// `postgresql://` addresses, the streamed REFI-QDA reader, output files). Each crash,
/// hang and wrong answer it found is a probe here: refused with one clear line, in
/// bounded time, the project as it was; or, where the input is legitimate, answered
/// right.
@Suite("Hostile input, third round")
struct HostileRoundThreeTests {
    struct Case {
        var name: String
        var files: [(String, [UInt8])] = []
        var arguments: [String]
        /// A piece of the error message that must appear.
        var says: String
        /// What must never appear in the message (a password).
        var hides: [String] = []
    }

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// A `.qdpx` of one source with `notes` (name, text) as loose project notes.
    static func qdpx(notes: [(String, String)] = [], projectAttributes: String = "") throws -> [UInt8] {
        let noteXML = notes.enumerated().map { index, note in
            "<Note guid=\"a07e0001-0000-4000-8000-00000000000\(index)\" name=\"\(note.0)\"><PlainTextContent>\(note.1)</PlainTextContent></Note>"
        }.joined()
        let qde = HostileRoundTwoTests.project().replacingOccurrences(
            of: "name=\"x\">", with: "name=\"x\"\(projectAttributes)>"
        )
        .replacingOccurrences(
            of: "</Sources></Project>",
            with: "</Sources>" + (notes.isEmpty ? "" : "<Notes>\(noteXML)</Notes>") + "</Project>")
        return try HostileRoundTwoTests.qdpx(qde)
    }

    /// The saved-queries note's text for `queries` (name, expression).
    static func queriesNote(_ queries: [(String, String)]) -> String {
        "name\texpression\twho\tupdated_at\tguid\n"
            + queries.enumerated().map { index, query in
                "\(query.0)\t\(query.1)\tana\t2026-12-01T10:00:00Z\t5a7ed000-0000-4000-8000-00000000000\(index)"
            }.joined(separator: "\n") + "\n"
    }

    /// "<Project" in EBCDIC (code page 037), with a DTD: a parser that guesses the
    /// encoding from the first bytes would read it, the DTD check could not.
    static func ebcdic(_ text: String) -> [UInt8] {
        let table: [Character: UInt8] = [
            "<": 0x4C, ">": 0x6E, "?": 0x6F, "!": 0x5A, "\"": 0x7F, "=": 0x7E, " ": 0x40, "[": 0xBA, "]": 0xBB,
            "&": 0x50, ";": 0x5E, "-": 0x60, ".": 0x4B, "1": 0xF1, "0": 0xF0, "\n": 0x25,
        ]
        return text.map { character in
            if let byte = table[character] { return byte }
            let scalar = character.unicodeScalars.first!.value
            switch scalar {
            case 0x61...0x69: return UInt8(0x81 + scalar - 0x61)
            case 0x6A...0x72: return UInt8(0x91 + scalar - 0x6A)
            case 0x73...0x7A: return UInt8(0xA2 + scalar - 0x73)
            case 0x41...0x49: return UInt8(0xC1 + scalar - 0x41)
            case 0x4A...0x52: return UInt8(0xD1 + scalar - 0x4A)
            default: return UInt8(0xE2 + scalar - 0x53)
            }
        }
    }

    /// The binary on a fresh copy of the demo, named through the environment.
    static func demo() throws -> (cli: Binary, project: String) {
        var cli = try Binary()
        #expect(try cli.run("demo").status == 0)
        let project = cli.folder.appendingPathComponent("data/intertwine/demo.db").path
        cli.environment["INTERTWINE_PROJECT"] = project
        return (cli, project)
    }

    static func cases() throws -> [Case] {
        let deep = 20_000
        let deepQuery = String(repeating: "(", count: deep) + "Processes" + String(repeating: ")", count: deep)
        let manyNots = String(repeating: "not ", count: deep) + "Processes"
        let attributes = (0..<300_000).map { " a\($0)=\"v\"" }.joined()
        let ebcdicDTD = ebcdic("<?xml version=\"1.0\"?>\n<!DOCTYPE p [<!ENTITY a \"aaaa\">]><Project name=\"&a;\"/>")
        let missingIDs = (1_000_000..<1_060_000).map(String.init)
        return [
            Case(
                name: "a query nested 20,000 parentheses deep", arguments: ["query", deepQuery],
                says: "nested more than 256 deep"),
            Case(name: "not repeated 20,000 times", arguments: ["query", manyNots], says: "nested more than 256 deep"),
            Case(
                name: "a saved query nested 20,000 deep arriving in a .qdpx",
                files: [
                    (
                        "deepquery.qdpx",
                        try qdpx(notes: [("Saved queries (intertwine)", queriesNote([("deep", deepQuery)]))])
                    )
                ],
                arguments: ["import", "deepquery.qdpx"], says: "the saved query \"deep\""),
            Case(
                name: "a saved query nested too deep, saved", arguments: ["query", "save", "deep", deepQuery],
                says: "nested more than 256 deep"),
            Case(
                name: "an address whose query string is ?=",
                arguments: ["documents", "--project", "postgresql://127.0.0.1:1/db?="],
                says: "no name before its ="),
            Case(
                name: "a password holding @ in the address",
                arguments: ["documents", "--project", "postgresql://u:hunter@2secret@127.0.0.1:1/db"],
                says: "password in the address", hides: ["hunter", "2secret"]),
            Case(
                name: "a password given as ?password=",
                arguments: [
                    "documents", "--project", "postgresql://u@127.0.0.1:1/db?sslmode=disable&password=hunter2",
                ],
                says: "password in the address", hides: ["hunter2"]),
            Case(
                name: "a team role with an empty name",
                arguments: ["team", "add", "", "--project", "postgresql://lena@127.0.0.1:1/db"],
                says: "a role needs a name"),
            Case(
                name: "recode 60,000 ids on the command line",
                arguments: ["recode"] + missingIDs + ["--to", "Processes/Intuiting"],
                says: "--ids-from"),
            Case(
                name: "recode 60,000 codings that do not exist, from a file",
                files: [("ids.txt", bytes(missingIDs.joined(separator: "\n")))],
                arguments: ["recode", "--ids-from", "ids.txt", "--to", "Processes/Intuiting"],
                says: "no coding with id 1000000"),
            Case(
                name: "an id file holding a word", files: [("words.txt", bytes("12\n13 fourteen\n"))],
                arguments: ["recode", "--ids-from", "words.txt", "--to", "Processes/Intuiting"], says: "words.txt:2"),
            Case(
                name: "a dozen unexpected arguments", arguments: ["documents"] + (1...400).map { "surplus\($0)" },
                says: " …"),
            Case(
                name: "--bootstrap 1,000,000,000",
                arguments: ["agree", "--coders", "ana,ben", "--bootstrap", "1000000000"],
                says: "from 0 (none) to 100,000"),
            Case(
                name: "--bootstrap -1", arguments: ["agree", "--coders", "ana,ben", "--bootstrap", "-1"],
                says: "-1 is not"),
            Case(
                name: "an element with 300,000 attributes",
                files: [("attributes.qdpx", try qdpx(projectAttributes: attributes))],
                arguments: ["import", "attributes.qdpx"], says: "more than 1,000 attributes"),
            Case(
                name: "an EBCDIC project.qde with a DTD",
                files: [("ebcdic.qdpx", try HostileRoundTwoTests.zip("project.qde", bytes: ebcdicDTD))],
                arguments: ["import", "ebcdic.qdpx"], says: "does not start with <"),
            Case(
                name: "case.employees > nan", arguments: ["query", "case.employees > nan"],
                says: "nan is not a number to compare with"),
            Case(
                name: "consensus held by a coder with codings of her own",
                arguments: ["consensus", "--coders", "ana,ben", "--as", "cleo"],
                says: "cleo has 1 coding of their own"),
            Case(
                name: "consensus held by BEN beside ben",
                arguments: ["consensus", "--coders", "ana,ben", "--as", "BEN"],
                says: "one of the coders compared"),
            Case(name: "ben compared with BEN", arguments: ["agree", "--coders", "ben,BEN"], says: "named twice"),
            Case(
                name: "consensus held by a blank name", arguments: ["consensus", "--coders", "ana,ben", "--as", " "],
                says: "a consensus coder needs a name"),
            Case(
                name: "a code renamed to a zero-width space",
                arguments: ["codebook", "rename", "Processes/Intuiting", "\u{200B}"],
                says: "needs a name that shows"),
            Case(
                name: "a code moved to an empty folder name",
                arguments: ["codebook", "move", "Processes/Intuiting", "--to", ""],
                says: "has no name"),
        ]
    }

    @Test(
        "every probe of the third round is refused with one clear line, in bounded time, and the project is unchanged")
    func corpus() throws {
        let (cli, _) = try Self.demo()
        #expect(
            try cli.run(
                "code", "add", "--doc", "brw", "--turn", "4", "--code", "Processes/Intuiting", "--coder", "cleo"
            ).status == 0)
        #expect(try cli.run("case", "set", "BRW", "employees:integer=46").status == 0)
        let before = try cli.projectContents()
        let cases = try Self.cases()
        for item in cases {
            for (path, bytes) in item.files { try cli.write(bytes, path) }
            let run = try cli.expectRefused(item.arguments, name: item.name, says: item.says)
            for secret in item.hides {
                #expect(!run.stderr.contains(secret), "\(item.name) showed \(secret): \(run.stderr)")
            }
        }
        #expect(try cli.projectContents() == before)
        print(
            "hostile input, third round: \(cases.count) probes, each refused with one clear line, the project unchanged"
        )
    }

    @Test(
        "legitimate extremes are answered: 2,000 codes or-ed, a 100,000-row history note, a 249-byte output name, a saved query's spaces"
    )
    func extremes() throws {
        let (cli, _) = try Self.demo()
        // A long chain of `or` is built balanced: 2,000 parts answer as one.
        let chain = Array(repeating: "Processes/Intuiting", count: 2_000).joined(separator: " or ")
        let single = try cli.run("query", "Processes/Intuiting", "--format", "json")
        let chained = try cli.run(["query", chain, "--format", "json"], timeout: 60)
        #expect(chained.status == 0 && chained.stdout == single.stdout, "\(chained.stderr)")
        // A history note of 100,000 rows is read in one pass.
        let rows = (0..<100_000).map {
            "2026-01-01T00:00:\(String(format: "%06d", $0))Z\tana\tadd\tcode\tCode \($0)\t\t\tCode \($0)\t0\tadded Code \($0)"
        }
        let history =
            "at\twho\toperation\tkind\tsubject\tsubject_guid\tbefore\tafter\tcodings\tdetail\n"
            + rows.joined(separator: "\n") + "\n"
        try cli.write(
            try Self.qdpx(notes: [
                ("Codebook history (intertwine)", history),
                ("Saved queries (intertwine)", Self.queriesNote([("  spaced  ", "Processes")])),
            ]), "history.qdpx")
        let started = Date()
        let imported = try cli.run(["import", "--project", "history.db", "history.qdpx"], timeout: 120)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            Date().timeIntervalSince(started) < 60, "a 100,000-row history took \(Date().timeIntervalSince(started)) s")
        let kept = try cli.run("codebook", "history", "--project", "history.db", "--format", "json")
        #expect((try Binary.json(kept.stdout) as? [Any])?.count == 100_000)
        // The saved query's name as `query save` keeps it: trimmed, so it can be named to delete it.
        #expect(try cli.run("query", "list", "--project", "history.db").stdout.contains("spaced") == true)
        #expect(try cli.run("query", "delete", "spaced", "--project", "history.db").status == 0)
        #expect(try cli.run("query", "save", "  q2 ", "Processes").status == 0)
        #expect(try cli.run("query", "delete", " q2  ").status == 0)
        // A legal 249-byte file name is written (its hidden temporary name is shortened).
        let long = String(repeating: "é", count: 122) + ".csv" // 244 + 4 = 248 bytes
        let name = long + "x"
        #expect(name.utf8.count == 249)
        let export = try cli.run("export", "--format", "csv", "-o", name)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent(name).path))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).filter { $0.contains(".partial") }
                .isEmpty)
        // `--to /` still moves a code to the top level.
        #expect(try cli.run("codebook", "move", "Processes/Intuiting", "--to", "/").status == 0)
    }

    @Test(
        "numbers compared with numbers: a case whose attribute is the text \"many\" is left out and named, not ordered as letters"
    )
    func numericComparison() throws {
        let (cli, _) = try Self.demo()
        #expect(try cli.run("case", "set", "BRW", "employees=many").status == 0)
        #expect(try cli.run("case", "set", "DMF", "employees=12").status == 0)
        #expect(try cli.run("case", "set", "RSL", "employees=45").status == 0)
        let found = try cli.run("query", "case.employees > 20", "--format", "json")
        #expect(found.status == 0, "\(found.stderr)")
        let cases = Set(
            ((try Binary.json(found.stdout) as? [[String: Any]]) ?? []).compactMap { $0["case"] as? String })
        #expect(cases == ["RSL"])
        #expect(found.stderr.contains("left out 1 case whose employees is not a number: BRW"), "\(found.stderr)")
    }

    @Test(
        "coders' names match one way: BEN finds ben, no second coder differing only in case is made, an old project's two are told apart"
    )
    func coderNames() throws {
        let (cli, project) = try Self.demo()
        let bens = try cli.run("codings", "--coder", "ben", "--format", "json").stdout
        #expect(try cli.run("codings", "--coder", "BEN", "--format", "json").stdout == bens)
        #expect(
            try cli.run("code", "add", "--doc", "brw", "--turn", "9", "--code", "Processes/Intuiting", "--coder", "Ben")
                .status == 0)
        let coders = try cli.run("stats", "--by", "coder", "--format", "json").stdout
        #expect(!coders.contains("\"Ben\"") && coders.contains("\"ben\""))
        // A project from before the rule, with ben and BEN: each exact name is theirs; "Ben" could be either.
        #expect(
            try ReliabilityTests.python(
                "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"insert into coders (name) values ('BEN')\"); c.commit()",
                [project]
            ).wait().code == 0)
        let query = try cli.run("query", "coder:ben and Processes", "--format", "json")
        let listed = (try Binary.json(query.stdout) as? [Any]) ?? []
        #expect(query.status == 0 && !listed.isEmpty, "\(query.stderr)")
        let ambiguous = try cli.run("codings", "--coder", "Ben")
        #expect(ambiguous.status != 0 && ambiguous.stderr.contains("differ only in case"), "\(ambiguous.stderr)")
    }

    @Test(
        "blind coding: ana sees in every command exactly what she would if ben had coded nothing, until she marks a document done"
    )
    func blindEverywhere() throws {
        var (cli, _) = try Self.demo()
        #expect(try cli.run("memo", "add", "ben's private note", "--doc", "brw", "--coder", "ben").status == 0)
        #expect(
            try cli.run("query", "save", "everything", "Processes or \"Learning type\" or \"Knowledge source\"").status
                == 0)
        #expect(try cli.run("blind", "on").status == 0)
        // The control: the same project with nothing of ben's in it.
        let control = cli.folder.appendingPathComponent("control.db").path
        #expect(try cli.run("backup", "-o", control).status == 0)
        #expect(
            try ReliabilityTests.python(
                """
                import sqlite3, sys
                c = sqlite3.connect(sys.argv[1])
                ben = c.execute("SELECT id FROM coders WHERE name = 'ben'").fetchone()[0]
                for table in ("codings", "memos", "cell_summaries", "documents_done"):
                    c.execute(f"DELETE FROM {table} WHERE coder_id = ?", (ben,))
                c.commit()
                """, [control]
            ).wait().code == 0)
        cli.environment["INTERTWINE_CODER"] = "ana"
        let looks: [[String]] = [
            ["codings", "--format", "json"], ["query", "coder:ben and Processes", "--format", "json"],
            ["query", "Processes"],
            ["query", "run", "everything"], ["search", "audit"], ["stats"], ["stats", "--by", "coder"],
            ["matrix", "--cols", "Processes"],
            ["cooccur"], ["flows"], ["compare", "--by", "learning_type"], ["memo", "list"],
            ["export", "--format", "csv"], ["export", "--format", "md"], ["export", "--format", "json"],
            ["export", "--format", "html"],
        ]
        for look in looks {
            let seen = try cli.run(look)
            let alone = try cli.run(look + ["--project", control])
            #expect(seen.status == 0 && alone.status == 0, "\(look): \(seen.stderr) \(alone.stderr)")
            // (A report names its project file: the control's name is not a difference.)
            #expect(
                seen.stdout == alone.stdout.replacingOccurrences(of: "control.db", with: "demo.db"),
                "\(look.joined(separator: " ")) showed ana something of ben's while blind")
        }
        // Done with brw: ben's codings of brw show, and only of brw; his memo on it too.
        #expect(try cli.run("document", "done", "brw").status == 0)
        let codings = try #require(try Binary.json(cli.run("codings", "--format", "json").stdout) as? [[String: Any]])
        let bens = codings.filter { $0["coder"] as? String == "ben" }
        #expect(!bens.isEmpty && Set(bens.compactMap { $0["document"] as? String }) == ["brw"])
        #expect(try cli.run("memo", "list").stdout.contains("ben's private note") == true)
    }
}
