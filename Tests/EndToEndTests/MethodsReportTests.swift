import CodingEngine
import Foundation
import Testing
import TestSupport

/// `intertwine methods` on a study taken to its end: every figure it writes is the one
/// the command that prints it prints.
@Suite("The methods report: every figure the one another command prints")
struct MethodsReportTests {
    typealias Object = [String: Any]

    /// The demo with the codebook changed, a consensus built with the overlap rule, five
    /// disputes settled each a different way, and an assistant's three proposals (one
    /// accepted by ben, one rejected, one left).
    static func study() throws -> (cli: Binary, settled: [String: Int], codes: [String]) {
        let cli = try CodebookCommandTests.demo()
        func ok(_ arguments: String...) throws -> String {
            let run = try cli.run(arguments)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            return run.stdout
        }
        _ = try ok("codebook", "add", "Inductive/Trust", "--description", "Trust in a partner")
        _ = try ok("codebook", "rename", "Inductive/Trust", "Trust in suppliers")
        // Nearly alike: ben's coding is 98% of ana's.
        _ = try ok(
            "code", "add", "--doc", "brw", "--code", "Inductive/Trust in suppliers", "--start", "100", "--end", "200")
        _ = try ok(
            "code", "add", "--doc", "brw", "--code", "Inductive/Trust in suppliers", "--start", "102", "--end", "200",
            "--coder", "ben")
        let built = try ok("consensus", "--coders", "ana,ben", "--overlap", "0.9")
        #expect(built.contains("1 of them nearly alike"), "\(built)")
        let listed = try #require(
            try Binary.json(ok("disagreements", "--coders", "ana,ben", "--unsettled", "--format", "json")) as? Object)
        let disputes = try #require(listed["disagreements"] as? [Object])
        var settled: [String: Int] = [:]
        let choices = [
            ("neither", "neither"), ("ana", "first"), ("ben", "second"), ("both", "both"), ("common", "common"),
            ("ana", "first"),
        ]
        for (index, (keep, decision)) in choices.enumerated() {
            let dispute = disputes[index]
            _ = try ok(
                "settle", "--coders", "ana,ben", "--doc", dispute["document"] as! String, "--code",
                dispute["code"] as! String, "--at", String(dispute["start"] as! Int), "--keep", keep, "--coder", "lena")
            settled[decision, default: 0] += 1
        }
        // The assistant proposes three of ana's passages in rsl.
        _ = try ok("ai", "on")
        let anas = try #require(
            try Binary.json(ok("codings", "--coder", "ana", "--doc", "rsl", "--format", "json")) as? [Object])
        let chosen = Array(anas.prefix(3))
        let project = try Project.open(at: cli.projectPath)
        let outcome = try project.propose(
            chosen.map {
                ProposedCoding(
                    document: "rsl", start: $0["start"] as? Int, end: $0["end"] as? Int, code: $0["code"] as! String,
                    reason: "a passage like the codebook's examples", confidence: 0.8)
            },
            from: ProposalSource(
                assistant: "claude", requestedBy: "ben", client: "Claude Desktop", clientVersion: "1.2",
                model: "claude-sonnet-4", requestSHA256: String(repeating: "ab", count: 32)))
        #expect(outcome.written.count == 3, "\(outcome.refused)")
        let ids = outcome.written.map { String($0.proposal.id) }
        _ = try ok("proposals", "accept", ids[0], "--coder", "ben")
        _ = try ok("proposals", "reject", ids[1], "--why", "not a process", "--coder", "ben")
        return (cli, settled, Set(chosen.map { $0["code"] as! String }).sorted())
    }

    @Test(
        "the corpus, codebook, coding, agreement, settling and assistant figures equal those the other commands print")
    func everyFigure() throws {
        let (cli, settled, assistantCodes) = try Self.study()
        let run = try cli.run("methods", "--format", "json")
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try Binary.json(run.stdout) as? Object)
        func json(_ arguments: String...) throws -> Any { try Binary.json(cli.run(arguments).stdout) }
        #expect(report["coders"] as? [String] == ["ana", "ben"])

        // The corpus: documents lists each document's words.
        let corpus = try #require(report["corpus"] as? Object)
        let documents = try #require(try json("documents", "--format", "json") as? [Object])
        let words = documents.map { $0["words"] as! Int }
        #expect(corpus["documents"] as? Int == documents.count && documents.count == 3)
        #expect(
            (corpus["words_per_document"] as? [Object])?.map { $0["words"] as! Int } == words
                && words.allSatisfy { $0 > 1000 })
        #expect(corpus["words"] as? Int == words.reduce(0, +))
        #expect((corpus["shortest"] as? Object)?["words"] as? Int == words.min())
        #expect((corpus["longest"] as? Object)?["words"] as? Int == words.max())
        let cases = try #require(try json("cases", "--format", "json") as? [Object])
        #expect(corpus["cases"] as? [String] == cases.map { $0["name"] as! String })

        // The codebook: its codable codes by folder, and its history.
        let book = try #require(report["codebook"] as? Object)
        func codable(_ nodes: [Object]) -> Int {
            nodes.reduce(0) {
                $0 + (($1["codable"] as? Bool) == true ? 1 : 0) + codable($1["children"] as? [Object] ?? [])
            }
        }
        let tree = try #require(try json("codebook", "--format", "json") as? [Object])
        #expect(book["codes"] as? Int == codable(tree))
        let folders = try #require(book["folders"] as? [Object])
        for folder in folders {
            let node = try #require(tree.first { $0["name"] as? String == folder["folder"] as? String })
            #expect(folder["codes"] as? Int == codable([node]), "\(folder)")
        }
        #expect(folders.map { $0["folder"] as! String }.last == "Inductive")
        let history = try #require(try json("codebook", "history", "--format", "json") as? [Object])
        #expect(book["changes"] as? Int == history.count && history.count == 2)
        #expect((book["history"] as? [Object])?.map { $0["at"] as! String } == history.map { $0["at"] as! String })

        // Who coded what: codings lists each coding with its coder and origin; blind counts them.
        let codings = try #require(try json("codings", "--format", "json") as? [Object])
        let blind = try #require(try json("blind", "--format", "json") as? [Object])
        let work = try #require(report["coding"] as? [Object])
        #expect(work.map { $0["coder"] as! String } == ["ana", "ben"])
        for coder in work {
            let name = coder["coder"] as! String
            let own = codings.filter { $0["coder"] as? String == name }
            #expect(coder["codings"] as? Int == own.count)
            #expect(coder["documents"] as? Int == Set(own.map { $0["document"] as! String }).count)
            #expect(coder["accepted"] as? Int == own.filter { !($0["origin"] is NSNull) }.count)
            let row = try #require(blind.first { $0["coder"] as? String == name })
            for key in ["codings", "documents", "blind", "seeing_others", "not_recorded", "accepted"] {
                #expect(coder[key] as? Int == row[key] as? Int, "\(name) \(key)")
            }
        }
        #expect(work[1]["accepted"] as? Int == 1 && work[0]["blind"] as? Int == 44)

        // Agreement: exactly agree's JSON with its defaults.
        var agreement = try #require(report["agreement"] as? Object)
        #expect(agreement.removeValue(forKey: "documents_compared") as? [String] == ["brw", "dmf", "rsl"])
        let agree = try #require(try json("agree", "--coders", "ana,ben", "--format", "json") as? Object)
        #expect(NSDictionary(dictionary: agreement) == NSDictionary(dictionary: agree))

        // Settling: consensus's table, the decisions taken, the overlap rule.
        let settling = try #require(report["settling"] as? Object)
        let table = try #require(
            try json("consensus", "--coders", "ana,ben", "--overlap", "0.9", "--format", "json") as? [Object])
        func total(_ key: String) -> Int { table.reduce(0) { $0 + ($1[key] as! Int) } }
        #expect(settling["agreed"] as? Int == total("agreed") && settling["settled"] as? Int == total("settled"))
        #expect(settling["unsettled"] as? Int == total("unsettled") && total("unsettled") > 0)
        #expect(settling["overlap"] as? Double == 0.9 && settling["nearly_alike"] as? Int == 1)
        let decisions = try #require(settling["decisions"] as? [String: Int])
        #expect(decisions.filter { $0.value > 0 } == settled)
        let line = try cli.run("consensus", "--coders", "ana,ben", "--overlap", "0.9").stdout
        #expect(
            line.contains("settled by decision: 2 kept ana's, 1 kept ben's, 1 both (union), 1 common part, 1 neither"),
            "\(line)")

        // The assistant: proposals lists them; agree compares it with what each coder coded unaided.
        let assistants = try #require(report["assistants"] as? [Object])
        #expect(assistants.count == 1)
        let share = assistants[0]
        let proposals = try #require(try json("proposals", "--status", "all", "--format", "json") as? [Object])
        func count(_ status: String) -> Int { proposals.filter { $0["status"] as? String == status }.count }
        #expect(share["proposals"] as? Int == proposals.count && proposals.count == 3)
        #expect(share["accepted"] as? Int == count("accepted") && count("accepted") == 1)
        #expect(share["rejected"] as? Int == count("rejected") && share["pending"] as? Int == count("pending"))
        #expect(share["made_with"] as? [String] == ["Claude Desktop 1.2 (claude-sonnet-4)"])
        #expect(share["codes"] as? [String] == assistantCodes)
        for pair in try #require(share["agreement"] as? [Object]) {
            var own = try #require(pair["report"] as? Object)
            own.removeValue(forKey: "documents_compared")
            let arguments =
                ["agree", "--coders", "assistant:claude,\(pair["coder"] as! String)", "--exclude-assisted"]
                + assistantCodes.flatMap { ["--code", $0] } + ["--format", "json"]
            let printed = try #require(try Binary.json(cli.run(arguments).stdout) as? Object)
            #expect(NSDictionary(dictionary: own) == NSDictionary(dictionary: printed), "\(pair["coder"]!)")
        }
    }

    @Test(
        "the Markdown and HTML say each figure as the JSON holds it, with the references, and the HTML report carries it"
    )
    func theText() throws {
        let (cli, _, _) = try Self.study()
        let report = try #require(try Binary.json(cli.run("methods", "--format", "json").stdout) as? Object)
        let markdown = try cli.run("methods")
        #expect(markdown.status == 0 && markdown.stdout.hasPrefix("# Methods\n"), "\(markdown.stderr)")
        let text = markdown.stdout
        let corpus = report["corpus"] as! Object
        #expect(
            text.contains(
                "The data comprised 3 interview transcripts from 3 cases (BRW, DMF and RSL), \(Words.thousands(corpus["words"] as! Int)) words in all"
            ))
        #expect(text.contains("The codebook was revised twice during coding"))
        #expect(text.contains("added Inductive/Trust") && text.contains("Appendix A"))
        let agreement = report["agreement"] as! Object
        let summary = agreement["summary"] as! [String: Int]
        func none(_ count: Int) -> String { count == 0 ? "none" : String(count) }
        #expect(
            text.contains(
                "Of the \((agreement["codes"] as! [Any]).count) codes compared, \(none(summary["codes_reliable"]!)) reached .800, \(none(summary["codes_tentative"]!)) reached .667 only and \(none(summary["codes_unreliable"]!)) fell below .667"
            ), "\(text)")
        // Each code's row: its alpha, interval, kappa and AC1 as a paper prints them, † where few.
        func paper(_ value: Any?) -> String {
            guard let x = value as? Double else { return "n/a" }
            let rounded = (x * 1000).rounded() / 1000
            let digits = String(format: "%.3f", abs(rounded))
            return (rounded < 0 ? "−" : "") + (digits.hasPrefix("0.") ? String(digits.dropFirst()) : digits)
        }
        for code in agreement["codes"] as! [Object] {
            let interval = (code["bootstrap"] as! Object)["alpha_ci"] as! [Double]
            let few = code["few_units"] as! Bool
            let row =
                "| \(code["code"] as! String)\(few ? " †" : "") | \(paper(code["krippendorff_alpha"])) | [\(paper(interval[0])), \(paper(interval[1]))] | \(paper(code["cohen_kappa"])) | \(paper(code["gwet_ac1"])) |"
            #expect(text.contains(row), "\(row)")
        }
        let settling = report["settling"] as! Object
        #expect(
            text.contains(
                "Codings whose common part was at least 90% of their union counted as agreed (the rule MAXQDA applies)")
        )
        #expect(
            text.contains(
                "Of the \(settling["stretches"] as! Int) stretches, \(settling["agreed"] as! Int) were coded alike (1 of them nearly alike), \(settling["settled"] as! Int) were settled by discussion (2 by keeping ana's version, 1 by keeping ben's version, 1 by keeping both (their union), 1 by keeping their common part and 1 by judging that the code did not apply) and \(settling["unsettled"] as! Int) remained unsettled."
            ), "\(text)")
        #expect(
            text.contains("An AI assistant (claude), run with Claude Desktop 1.2 (claude-sonnet-4), proposed 3 codings")
        )
        #expect(text.contains("1 was accepted and 1 rejected; 1 had not been reviewed."))
        for reference in [
            "Krippendorff, K. (2011).", "Krippendorff, K., Mathet, Y., Bouvry, S., & Widlöcher, A. (2016).",
            "Hayes, A. F., & Krippendorff, K. (2007).", "Cohen, J. (1960).", "Gwet, K. L. (2008).",
        ] {
            #expect(text.contains(reference), "\(reference)")
        }
        // Third person, past tense: no command, option or second person.
        for jargon in ["intertwine", "`", " you ", "consensus coder"] { #expect(!text.contains(jargon), "\(jargon)") }
        #expect(text.range(of: #"--[a-z]"#, options: .regularExpression) == nil)
        // The HTML page, and the extract report, hold the same table.
        let html = try cli.run("methods", "--format", "html").stdout
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<section class=\"methods\">"))
        let export = try cli.run("export", "--format", "html", "-o", "report.html")
        #expect(export.status == 0, "\(export.stderr)")
        let page = try String(contentsOf: cli.folder.appendingPathComponent("report.html"), encoding: .utf8)
        let section = try #require(page.range(of: "<section class=\"methods\">"))
        let methods = try #require(html.range(of: "<section class=\"methods\">"))
        #expect(
            page[section.lowerBound...].hasPrefix(html[methods.lowerBound..<html.range(of: "</section>")!.upperBound]))
    }

    @Test("one coder: no agreement; blind coding on, too few coders or a pseudonymised report: as a researcher expects")
    func edges() throws {
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        let folder = cli.folder.appendingPathComponent("interviews")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "Interviewer: How did it start?\n\nRoger: My father started it in 1974.\n".write(
            to: folder.appendingPathComponent("brw.txt"), atomically: true, encoding: .utf8)
        #expect(try cli.run("import", folder.path).status == 0)
        #expect(try cli.run("code", "add", "--doc", "brw", "--code", "Processes/Intuiting", "--turn", "2").status == 0)
        let alone = try cli.run("methods")
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(
            alone.stdout.contains("1 interview transcript from 1 case (interviews), 10 words in all"), "\(alone.stdout)"
        )
        #expect(
            alone.stdout.contains("coded by one coder, ana")
                && alone.stdout.contains("no inter-coder agreement was computed"))
        #expect(!alone.stdout.contains("## Settling") && !alone.stdout.contains("References"))
        let json = try #require(try Binary.json(cli.run("methods", "--format", "json").stdout) as? Object)
        #expect(json["agreement"] is NSNull && json["settling"] is NSNull)

        let few = try cli.run("methods", "--coders", "ana")
        #expect(few.status != 0 && few.stderr.contains("--coders takes two or more coders"))
        #expect(try cli.run("blind", "on").status == 0)
        let hidden = try cli.run("methods")
        #expect(hidden.status != 0 && hidden.stderr.contains("blind coding is on"), "\(hidden.stderr)")
        #expect(try cli.run("blind", "off").status == 0)

        // Pseudonymised: the coder's name replaced in every part.
        #expect(try cli.run("pseudonym", "add", "ana", "Coder A").status == 0)
        let masked = try cli.run("methods", "--pseudonymise", "--format", "html")
        #expect(
            masked.status == 0 && masked.stdout.contains("Coder A")
                && masked.stdout.range(of: #"\bana\b"#, options: .regularExpression) == nil, "\(masked.stdout)")
    }
}
