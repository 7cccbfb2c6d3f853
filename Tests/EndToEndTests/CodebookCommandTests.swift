import Foundation
import Testing
import TestSupport

/// The commands that change the codebook, cases and documents, run as a researcher would.
@Suite("Changing the codebook, cases and documents from the command line")
struct CodebookCommandTests {
    /// A project with the demo's interviews and codings, as a file of the test's own.
    static func demo() throws -> Binary {
        var cli = try Binary()
        #expect(try cli.run("demo").status == 0)
        cli.environment["INTERTWINE_PROJECT"] = cli.folder.appendingPathComponent("data/intertwine/demo.db").path
        return cli
    }

    static func codingCount(_ cli: Binary, _ code: String) throws -> Int {
        (try Binary.json(cli.run("codings", "--code", code, "--format", "json").stdout) as? [Any])?.count ?? -1
    }

    @Test(
        "each command does what it says and says it in one line; the history lists them with who and how many codings")
    func commands() throws {
        let cli = try Self.demo()
        func run(_ arguments: String...) throws -> String { try run(arguments) }
        func run(_ arguments: [String]) throws -> String {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result.stdout
        }
        #expect(
            try run("codebook", "add", "Inductive/Trust", "--hotkey", "0", "--description", "Trust in a partner")
                == "added Inductive/Trust (with the folder Inductive)\n")
        #expect(
            try run("codebook", "rename", "Inductive/Trust", "Trust in suppliers")
                == "renamed Inductive/Trust to Inductive/Trust in suppliers\n")
        #expect(
            try run("codebook", "move", "Inductive/Trust in suppliers", "--to", "/").hasPrefix(
                "moved Inductive/Trust in suppliers to the top level"))
        let intuiting = try Self.codingCount(cli, "Processes/Intuiting"),
            attending = try Self.codingCount(cli, "Processes/Attending")
        #expect(
            try run("codebook", "merge", "Processes/Attending", "--into", "Processes/Intuiting")
                .hasPrefix("merged Processes/Attending into Processes/Intuiting: \(attending) codings moved"))
        #expect(try Self.codingCount(cli, "Processes/Intuiting") == intuiting + attending)
        let feedback = try Self.codingCount(cli, "Flows/Feedback")
        let refused = try cli.run("codebook", "delete", "Flows/Feedback")
        #expect(refused.status != 0 && refused.stderr.contains("has \(feedback) codings; pass --with-codings"))
        #expect(
            try run("codebook", "delete", "Flows/Feedback", "--with-codings")
                == "deleted Flows/Feedback with \(feedback) codings\n")
        #expect(
            try run("codebook", "set", "Processes/Intuiting", "--color", "#112233", "--no-hotkey")
                == "Processes/Intuiting: colour #e6194b → #112233, hotkey 1 → none\n")
        let ids = try #require(
            try Binary.json(
                cli.run("codings", "--code", "Processes/Intuiting", "--coder", "ben", "--format", "json").stdout)
                as? [[String: Any]]
        )
        .compactMap { $0["id"] as? Int }.prefix(2).map(String.init)
        #expect(
            try run(["recode"] + ids + ["--to", "Trust in suppliers"]).hasPrefix(
                "recoded 2 codings from Processes/Intuiting to Trust in suppliers"))
        #expect(try run("case", "rename", "BRW", "Brownlow") == "renamed the case BRW to Brownlow\n")
        #expect(
            try run("case", "merge", "DMF", "--into", "Brownlow").hasPrefix(
                "merged the case DMF into Brownlow: 1 document moved"))
        #expect(try run("document", "rename", "dmf", "dmf-2019") == "renamed the document dmf to dmf-2019\n")
        #expect(
            try run("document", "move", "dmf-2019", "--case", "DMF")
                == "moved the document dmf-2019 from the case Brownlow to the new case DMF\n")
        let rsl =
            (try Binary.json(cli.run("codings", "--doc", "rsl", "--format", "json").stdout) as? [Any])?.count ?? -1
        #expect(try run("document", "remove", "rsl").hasPrefix("removed the document rsl with \(rsl) codings"))

        let history = try #require(
            try Binary.json(cli.run("codebook", "history", "--format", "json").stdout) as? [[String: Any]])
        #expect(
            history.map { $0["operation"] as? String } == ["add", "rename", "move", "merge", "delete", "set", "recode"])
        #expect(Set(history[0].keys) == ["at", "who", "operation", "subject", "before", "after", "codings", "detail"])
        #expect(history.allSatisfy { $0["who"] as? String == "ana" })
        #expect(history[3]["codings"] as? Int == attending)
        let all = try #require(
            try Binary.json(cli.run("codebook", "history", "--all", "--format", "json").stdout) as? [[String: Any]])
        #expect(all.count == history.count + 5)
    }

    @Test(
        "a refused change is one line on stderr, a non-zero exit, and the project exactly as it was",
        arguments: [
            ["codebook", "rename", "Processes/Intuiting", "Interpreting"],
            ["codebook", "rename", "Processes/Intuiting", "a/b"],
            ["codebook", "rename", "No/Such", "x"],
            ["codebook", "move", "Processes", "--to", "Processes/Intuiting"],
            ["codebook", "move", "Processes/Intuiting", "--to", "Nowhere"],
            ["codebook", "merge", "Flows/Feedback", "--into", "Processes"],
            ["codebook", "merge", "Processes", "--into", "Processes/Intuiting"],
            ["codebook", "delete", "Processes/Intuiting"],
            ["codebook", "set", "Processes/Intuiting", "--hotkey", "2"],
            ["codebook", "set", "Processes/Intuiting", "--hotkey", "q"],
            ["codebook", "set", "Processes/Intuiting", "--color", "blue"],
            ["codebook", "set", "Processes/Intuiting", "--codable", "false"],
            ["codebook", "add", "Processes/Intuiting"],
            ["recode", "1", "424242", "--to", "Processes/Intuiting"],
            ["recode", "1", "--to", "Processes"],
            ["case", "rename", "BRW", "DMF"],
            ["case", "merge", "BRW", "--into", "Nobody"],
            ["document", "rename", "brw", "dmf"],
            ["document", "remove", "nothing"],
        ])
    func refusals(arguments: [String]) throws {
        let cli = try Self.demo()
        let before = try cli.projectContents()
        let run = try cli.run(arguments)
        #expect(run.status != 0)
        #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.hasPrefix("intertwine: "), "\(run.stderr)")
        #expect(try cli.projectContents() == before)
        #expect(
            try cli.run("codebook", "history", "--all", "--format", "json").stdout.trimmingCharacters(
                in: .whitespacesAndNewlines) == "[]")
    }
}

/// Coding queries from the command line.
@Suite("Queries from the command line")
struct QueryCommandTests {
    @Test(
        "query prints the passages; JSON has document, case, start, end and text; saved queries run; mistakes are one line"
    )
    func query() throws {
        let cli = try CodebookCommandTests.demo()
        let run = try cli.run(
            "query", "coder:ana and Processes/Intuiting and case.learning_type = Coercive", "--format", "json")
        #expect(run.status == 0, "\(run.stderr)")
        let passages = try #require(try Binary.json(run.stdout) as? [[String: Any]])
        #expect(!passages.isEmpty)
        #expect(
            passages.allSatisfy {
                Set($0.keys) == ["document", "case", "start", "end", "text"] && $0["case"] as? String == "DMF"
            })
        let codings = try #require(
            try Binary.json(
                cli.run(
                    "codings", "--coder", "ana", "--code", "Processes/Intuiting", "--case", "DMF",
                    "--format", "json"
                ).stdout) as? [[String: Any]])
        #expect(passages.map { $0["text"] as? String } == codings.map { $0["text"] as? String })
        #expect(
            try cli.run("query", "save", "mine", "coder:ana and Processes/Intuiting").stdout == "saved the query mine\n"
        )
        #expect(try cli.run("query", "list").stdout.contains("coder:ana and Processes/Intuiting"))
        let saved = try #require(
            try Binary.json(cli.run("query", "run", "mine", "--format", "json").stdout) as? [[String: Any]])
        #expect(saved.count >= passages.count)
        let bad = try cli.run("query", "Processes/Intuiting and")
        #expect(
            bad.status != 0
                && bad.stderr
                    == "intertwine: query, column 24: expected a code, coder:, speaker:, text:~, case., doc., not or (; found the end of the query\n"
        )
        let unknown = try cli.run("query", "run", "nothing")
        #expect(unknown.status != 0 && unknown.stderr.contains("the saved queries are mine"))
        // export --query: the coded text the query selects, in every extract format.
        #expect(try cli.run("query", "save", "coercive", "Processes and case.learning_type = Coercive").status == 0)
        let json = try #require(
            try Binary.json(cli.run("export", "--format", "json", "--query", "coercive").stdout) as? [[String: Any]])
        #expect(!json.isEmpty && json.allSatisfy { $0["case"] as? String == "DMF" })
        #expect(json.contains { ($0["code"] as? String)?.hasPrefix("Processes/") == true })
        for format in ["csv", "md", "html"] {
            let run = try cli.run("export", "--format", format, "--query", "coercive")
            #expect(run.status == 0 && run.stdout.contains("Processes/") && !run.stdout.contains("BRW,"), "\(format)")
        }
    }
}

/// Searching every document from the command line.
@Suite("Project-wide search from the command line")
struct SearchCommandTests {
    @Test("search lists each match in context with document, case and turn; --code codes them all once")
    func search() throws {
        let cli = try CodebookCommandTests.demo()
        let hits = try #require(
            try Binary.json(cli.run("search", "(?i)\\baudit", "--format", "json").stdout) as? [[String: Any]])
        #expect(hits.count >= 4)
        #expect(
            Set(hits[0].keys) == ["document", "case", "turn", "speaker", "start", "end", "before", "match", "after"])
        #expect(hits.allSatisfy { ($0["match"] as? String)?.lowercased() == "audit" })
        let first = try cli.run(
            "search", "(?i)\\baudit", "--code", "Renewal stage/Critical incident", "--unit", "sentence", "--coder",
            "cleo")
        #expect(first.status == 0 && first.stdout.hasPrefix("coded "), "\(first.stderr)")
        let coded =
            (try Binary.json(cli.run("codings", "--coder", "cleo", "--format", "json").stdout) as? [Any])?.count ?? 0
        #expect(coded > 0)
        let again = try cli.run(
            "search", "(?i)\\baudit", "--code", "Renewal stage/Critical incident", "--unit", "sentence", "--coder",
            "cleo")
        #expect(again.stdout.hasPrefix("coded 0 passages") && again.stdout.contains("\(coded) already coded"))
        let none = try cli.run("search", "zzzq", "--code", "Renewal stage/Critical incident")
        #expect(
            none.status != 0
                && none.stderr == "intertwine: the pattern zzzq matches nothing in any document; nothing was coded\n")
    }
}

/// Extracts for spreadsheets.
@Suite("CSV extracts for spreadsheet programs")
struct SpreadsheetExportTests {
    @Test("--excel puts a UTF-8 byte-order mark first; without it there is none; the code path is split into columns")
    func excel() throws {
        let cli = try CodebookCommandTests.demo()
        let output = cli.folder.appendingPathComponent("extracts.csv")
        #expect(try cli.run("export", "--format", "csv", "--excel", "-o", output.path).status == 0)
        let bytes = try [UInt8](Data(contentsOf: output))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let plain = try cli.run("export", "--format", "csv")
        #expect(plain.stdout.hasPrefix("case,"))
        #expect(plain.stdout.split(separator: "\r\n").first?.contains(",code,code_1,code_2,coder,") == true)
    }
}

/// The HTML report and the consensus coding.
@Suite("The HTML report per coder, and the consensus as the study's coding")
struct ReportCoderTests {
    @Test(
        "without a consensus the report has a section per coder; once it is complete, the consensus alone; export --coder consensus is the study's coding"
    )
    func perCoder() throws {
        var cli = try Binary()
        cli.environment["INTERTWINE_PROJECT"] = cli.folder.appendingPathComponent("study.db").path
        let file = try cli.write(
            "---\ncase: Firm1\n---\nOwner: We learnt it from the auditor. Then we changed the forms.\n", "brw.txt")
        #expect(try cli.run("init").status == 0)
        #expect(try cli.run("import", file).status == 0)
        for coder in ["ana", "ben"] {
            let coded = try cli.run(
                "code", "add", "--doc", "brw", "--match", "from the auditor", "--code", "Knowledge source/Consultant",
                "--coder", coder)
            #expect(coded.status == 0, "\(coded.stderr)")
        }
        let report = cli.folder.appendingPathComponent("report.html")
        #expect(try cli.run("export", "--format", "html", "-o", report.path).status == 0)
        var html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.contains("<h2>Coded by ana</h2>") && html.contains("<h2>Coded by ben</h2>"))
        #expect(html.contains("consensus: none yet"))
        #expect(html.contains("One section per coder: counts are never added up across coders."))

        let built = try cli.run("consensus", "--coders", "ana,ben")
        #expect(built.stdout.contains("the consensus is complete"), "\(built.stdout)")
        #expect(try cli.run("export", "--format", "html", "-o", report.path, "--force").status == 0)
        html = try String(contentsOf: report, encoding: .utf8)
        #expect(!html.contains("Coded by ana") && html.contains("by consensus."))
        #expect(html.contains("The consensus coding of ana and ben (coder consensus): complete"))
        let study = try #require(
            try Binary.json(cli.run("export", "--format", "json", "--coder", "consensus").stdout) as? [[String: Any]])
        #expect(
            study.count == 1 && study[0]["coder"] as? String == "consensus"
                && study[0]["text"] as? String == "from the auditor")
        // Asking for one coder still gives that coder's report.
        #expect(try cli.run("export", "--format", "html", "--coder", "ben", "-o", report.path, "--force").status == 0)
        html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.contains("by ben.") && !html.contains("The consensus coding"))
    }
}

/// Memos from the command line, in the extracts and in a report of their own.
@Suite("Memos: written, listed, in the extracts, and as a report")
struct MemoCommandTests {
    @Test(
        "memo add writes on the project, a case, a document or a code; export --memos lists every kind; md and html extracts carry the memos on what they hold"
    )
    func memos() throws {
        let cli = try CodebookCommandTests.demo()
        #expect(
            try cli.run("memo", "add", "Who teaches these firms?", "--coder", "ana").stdout
                == "wrote a memo on the project\n")
        #expect(try cli.run("memo", "add", "Family firm.", "--case", "DMF", "--coder", "ben").status == 0)
        #expect(try cli.run("memo", "add", "Ask about the college", "--doc", "rsl", "--coder", "ana").status == 0)
        #expect(
            try cli.run("memo", "add", "Hunches before words.", "--code", "Processes/Intuiting", "--coder", "ana")
                .status == 0)
        let twice = try cli.run("memo", "add", "x", "--doc", "rsl", "--case", "DMF")
        #expect(twice.status != 0 && twice.stderr.contains("give one of --case, --doc and --code"))
        let unknown = try cli.run("memo", "add", "x", "--case", "Nowhere")
        #expect(unknown.status != 0 && unknown.stderr.contains("Nowhere"))

        let all = try #require(
            try Binary.json(cli.run("export", "--memos", "--format", "json").stdout) as? [[String: Any]])
        #expect(
            all.map { $0["kind"] as? String } == ["project", "case", "document", "code", "coding", "coding", "coding"])
        let coding = all[4]
        #expect(
            coding["document"] as? String == "brw" && coding["start"] is Int
                && coding["code"] as? String == "Processes/Interpreting")
        #expect(all[2]["case"] as? String == "RSL")
        // A coding memo carries the coded text, cut at the same scalar offsets as the codings listing.
        let codings = try #require(
            try Binary.json(cli.run("codings", "--doc", "brw", "--format", "json").stdout) as? [[String: Any]])
        let same = try #require(
            codings.first {
                $0["start"] as? Int == coding["start"] as? Int && $0["code"] as? String == "Processes/Interpreting"
            })
        #expect(coding["passage"] as? String == same["text"] as? String && (same["text"] as? String)?.isEmpty == false)
        let ben = try #require(
            try Binary.json(cli.run("export", "--memos", "--format", "json", "--coder", "ben").stdout)
                as? [[String: Any]])
        #expect(ben.allSatisfy { $0["coder"] as? String == "ben" } && ben.count == 3)
        let report = try cli.run("export", "--memos", "--format", "md").stdout
        #expect(report.contains("## Cases (1)\n\n### DMF\n\n> Family firm.\n>\n> — by ben, "))
        #expect(report.contains("## Codings (3)"))
        let refused = try cli.run(
            "export", "--memos", "--format", "qdpx", "-o", cli.folder.appendingPathComponent("x.qdpx").path)
        #expect(refused.status != 0 && refused.stderr.contains("--memos writes md, html, json or csv"))

        // The extracts of one case carry the memos on it, its documents and the codes in them, not the others'.
        let markdown = try cli.run("export", "--format", "md", "--case", "RSL").stdout
        #expect(
            markdown.contains("\n## Memos\n") && markdown.contains("Ask about the college")
                && markdown.contains("Who teaches these firms?"))
        #expect(!markdown.contains("Family firm."))
        let html = try cli.run("export", "--format", "html", "--case", "RSL", "--coder", "ana").stdout
        #expect(
            html.contains("<h2>Memos</h2>") && html.contains("Ask about the college")
                && html.contains("Hunches before words."))
        let list = try cli.run("memo", "list")
        #expect(list.status == 0 && list.stdout.contains("Family firm."))
    }
}

/// The exit statuses scripts rely on.
@Suite("Exit statuses")
struct ExitStatusTests {
    @Test("0 done, 1 refused input, 2 a wrong command line, 3 nothing could be written; each with one line on stderr")
    func statuses() throws {
        let cli = try CodebookCommandTests.demo()
        #expect(try cli.run("documents").status == 0)
        let help = try cli.run("query", "--help")
        #expect(help.status == 0 && help.stdout.contains("USAGE"))
        for refused in [
            ["code", "add", "--doc", "brw", "--turn", "1", "--code", "Processes/Sensing"],
            ["query", "Processes/Intuiting and"],
            ["import", cli.folder.appendingPathComponent("missing.txt").path],
        ] {
            let run = try cli.run(refused)
            #expect(run.status == 1, "\(refused): \(run.status) \(run.stderr)")
            #expect(run.stderr.hasPrefix("intertwine: ") && run.stderr.split(separator: "\n").count == 1)
        }
        for usage in [
            ["frobnicate"], ["codings", "--frobnicate"], ["query"],
            ["memo", "add", "x", "--doc", "rsl", "--case", "RSL"],
            ["export", "--memos", "--format", "qdpx"],
        ] {
            let run = try cli.run(usage)
            #expect(run.status == 2, "\(usage): \(run.status) \(run.stderr)")
            #expect(run.stderr.hasPrefix("intertwine: ") && run.stderr.split(separator: "\n").count == 1)
        }
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        #expect(try cli.run(["codings"], stdout: full).status == 3)
    }
}
