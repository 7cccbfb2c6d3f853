import Foundation
import Testing
import TestSupport

@Suite("The intertwine command, run as a researcher would")
struct CommandLineTests {
    @Test("init, import the demo interviews, code from the command line, list, count")
    func workflow() throws {
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        let imported = try cli.run("import", Binary.root.appendingPathComponent("transcripts").path)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("3 imported, 0 unchanged"))
        #expect(
            try cli.run("import", Binary.root.appendingPathComponent("transcripts/brw.txt").path).stdout.contains(
                "unchanged brw"))

        let documents = try #require(
            try Binary.json(cli.run("documents", "--format", "json").stdout) as? [[String: Any]])
        #expect(documents.map { $0["name"] as? String } == ["brw", "dmf", "rsl"])
        #expect(Set(documents[0].keys).isSuperset(of: ["name", "case", "length", "sha256", "turns", "speakers"]))
        #expect((documents[1]["speakers"] as? [String]) == ["Interviewer", "Martin Francis", "Gareth Williams"])

        let byTurn = try cli.run("code", "add", "--doc", "brw", "--turn", "2", "--code", "Processes/Intuiting")
        #expect(byTurn.status == 0)
        #expect(byTurn.stdout == "1\n")
        let byRange = try cli.run(
            "code", "add", "--doc", "brw", "--start", "10", "--end", "20", "--code", "Flows/Feedback",
            "--memo", "a memo", "--coder", "ben")
        #expect(byRange.stdout == "2\n")
        let byMatch = try cli.run(
            "code", "add", "--doc", "rsl", "--match", "(?i)knowledge transfer partnership",
            "--unit", "sentence", "--code", "Knowledge source/Knowledge Transfer Partnership")
        #expect(byMatch.status == 0)
        #expect(byMatch.stdout.hasSuffix("coded 1 passage\n"))

        let codings = try #require(try Binary.json(cli.run("codings", "--format", "json").stdout) as? [[String: Any]])
        #expect(codings.count == 3)
        #expect(
            Set(codings[0].keys) == [
                "id", "document", "case", "start", "end", "code", "coder", "memo", "text", "created_at", "origin",
            ])
        #expect(codings.allSatisfy { $0["origin"] is NSNull }) // people coded all of it unaided
        let turn = try #require(codings.first { $0["id"] as? Int == 1 })
        #expect((turn["text"] as? String)?.hasPrefix("My father started it in a railway arch") == true)
        #expect(turn["code"] as? String == "Processes/Intuiting")
        #expect(turn["coder"] as? String == "ana")
        let ben = try #require(
            try Binary.json(cli.run("codings", "--coder", "ben", "--format", "json").stdout) as? [[String: Any]])
        #expect(ben.map { $0["memo"] as? String } == ["a memo"])

        let stats = try #require(try Binary.json(cli.run("stats", "--format", "json").stdout) as? [String: Any])
        #expect(stats["by"] as? String == "case")
        let rows = try #require(stats["rows"] as? [[String: Any]])
        let intuiting = try #require(
            rows.first {
                $0["case"] as? String == "BRW" && $0["code"] as? String == "Processes/Intuiting"
                    && $0["coder"] as? String == "ana"
            })
        #expect(intuiting["codings"] as? Int == 1)
        let processes = try #require(
            rows.first {
                $0["case"] as? String == "BRW" && $0["code"] as? String == "Processes"
                    && $0["coder"] as? String == "ana"
            })
        #expect(processes["aggregate"] as? Bool == true)
        #expect(
            Set(intuiting.keys) == [
                "case", "coder", "code", "codings", "documents", "characters", "coverage", "aggregate",
            ])

        #expect(try cli.run("code", "remove", "2").stdout.contains("removed 2"))
        #expect(
            try cli.run("stats", "--format", "csv").stdout.hasPrefix(
                "case,coder,code,codings,documents,characters,coverage,aggregate\r\n"))
    }

    @Test(
        "bad input: one line on stderr, a non-zero exit, and the project exactly as it was",
        arguments: [
            ["import", "bad.txt"], ["import", "empty.txt"], ["import", "binary.txt"], ["import", "missing.txt"],
            ["import", "nothing-here"], ["import", "folder-with-one-bad-file"], ["import", "frontmatter.txt"],
            ["code", "add", "--doc", "brw", "--start", "5", "--end", "5", "--code", "Processes/Intuiting"],
            ["code", "add", "--doc", "brw", "--start", "5", "--end", "999999", "--code", "Processes/Intuiting"],
            ["code", "add", "--doc", "brw", "--start", "0", "--end", "9", "--code", "Processes"],
            ["code", "add", "--doc", "brw", "--start", "0", "--end", "9", "--code", "No/Such code"],
            ["code", "add", "--doc", "nope", "--turn", "1", "--code", "Processes/Intuiting"],
            ["code", "remove", "4242"],
            ["codebook", "import", "broken-codebook.yaml"],
            ["case", "set", "BRW", "employees:integer=many"],
            ["init"],
        ])
    func badInput(arguments: [String]) throws {
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        #expect(try cli.run("import", Binary.root.appendingPathComponent("transcripts/brw.txt").path).status == 0)
        try cli.write([0x48, 0x69, 0xC3, 0x28], "bad.txt")
        try cli.write([UInt8](), "empty.txt")
        try cli.write([0x48, 0x00, 0x69], "binary.txt")
        try FileManager.default.createDirectory(
            at: cli.folder.appendingPathComponent("nothing-here"), withIntermediateDirectories: true)
        try cli.write("A: fine", "folder-with-one-bad-file/a.txt")
        try cli.write([0xFF], "folder-with-one-bad-file/b.txt")
        try cli.write("---\ncase: [X\n---\nA: hi", "frontmatter.txt")
        try cli.write("codes:\n  - name: A\n    color: blue\n", "broken-codebook.yaml")
        let before = try cli.projectContents()
        #expect(before.contains("\"brw\""))
        let run = try cli.run(arguments)
        #expect(run.status != 0)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("intertwine: "), "\(run.stderr)")
        #expect(!run.stderr.contains("Fatal error"))
        #expect(try cli.projectContents() == before)
    }

    @Test("help lists every command and exits 0")
    func help() throws {
        let cli = try Binary()
        let help = try cli.run("--help")
        #expect(help.status == 0)
        for command in ["init", "import", "documents", "cases", "case", "codebook", "code", "codings", "stats", "demo"]
        {
            #expect(help.stdout.contains("  \(command) "), "\(command)")
        }
        #expect(try cli.run("help", "code", "add").stdout.contains("--unit"))
        #expect(try cli.run("init").status == 0)
        let table = try cli.run("codebook").stdout.split(separator: "\n")
        #expect(table.contains { $0.hasPrefix("  Intuiting ") && $0.contains("#e6194b") })
    }

    @Test("errors say what to do next")
    func helpfulErrors() throws {
        let cli = try Binary()
        let missing = try cli.run("documents")
        #expect(missing.stderr.contains("intertwine init"))
        #expect(try cli.run("init").status == 0)
        try cli.write([0x61, 0x62, 0xE2, 0x82], "cut.txt")
        #expect(
            try cli.run("import", "cut.txt").stderr
                == "intertwine: cut.txt: not valid UTF-8 at byte offset 2; save the file as UTF-8 and import it again\n"
        )
        var anonymous = cli
        anonymous.environment["INTERTWINE_CODER"] = nil
        anonymous.environment["USER"] = nil
        #expect(try anonymous.run("import", Binary.root.appendingPathComponent("transcripts/brw.txt").path).status == 0)
        #expect(
            try anonymous.run("code", "add", "--doc", "brw", "--turn", "1", "--code", "Processes/Intuiting").stderr
                .contains("--coder"))
    }

    @Test("demo without a terminal creates the demo in the data folder, prints a summary and exits 0")
    func demo() throws {
        let cli = try Binary()
        let first = try cli.run("demo")
        #expect(first.status == 0, "\(first.stderr)")
        let path = cli.folder.appendingPathComponent("data/intertwine/demo.db").path
        #expect(first.stdout.hasPrefix("created \(path)"))
        for expected in ["BRW", "RSL", "DMF", "ana: 44", "ben: 44", "30 codes"] {
            #expect(first.stdout.contains(expected), "\(expected)")
        }
        let second = try cli.run("demo")
        #expect(second.stdout.hasPrefix("opened \(path)"))
        let stats = try #require(
            try Binary.json(cli.run("stats", "--project", path, "--format", "json").stdout) as? [String: Any])
        #expect(((stats["rows"] as? [[String: Any]])?.count ?? 0) > 0)
    }

    @Test("codebook as YAML and JSON; codebook import merges; cases with typed attributes")
    func codebookAndCases() throws {
        let cli = try Binary()
        #expect(try cli.run("init", "--codebook", "4i").stdout.contains("4I organisational learning"))
        let yaml = try cli.run("codebook", "--format", "yaml").stdout
        #expect(yaml.contains("name: \"Intuiting\""))
        let tree = try #require(try Binary.json(cli.run("codebook", "--format", "json").stdout) as? [[String: Any]])
        #expect(tree.map { $0["name"] as? String } == ["Processes", "Flows"])
        let child = try #require((tree[0]["children"] as? [[String: Any]])?.first)
        #expect(Set(child.keys) == ["name", "path", "codable", "hotkey", "color", "description", "children"])
        #expect(child["path"] as? String == "Processes/Intuiting")
        let merge = try cli.run("codebook", "import", "5i")
        #expect(merge.stdout.contains("added Processes/Intertwining"))
        #expect(try cli.run("import", "--case", "Firm A", try cli.write("A: hello", "a.txt")).status == 0)
        #expect(try cli.run("case", "set", "Firm A", "employees=12", "founded=1999-01-31", "sector=Retail").status == 0)
        let cases = try #require(try Binary.json(cli.run("cases", "--format", "json").stdout) as? [[String: Any]])
        let attributes = try #require(cases.first?["attributes"] as? [String: Any])
        #expect(attributes["employees"] as? Int == 12)
        #expect(attributes["founded"] as? String == "1999-01-31")
    }
}

@Suite("Agreement from the command line")
struct AgreementCommandTests {
    /// A test folder with the demo project made, and the demo's path.
    static func demo() throws -> (Binary, String) {
        let cli = try Binary()
        #expect(try cli.run("demo").status == 0)
        return (cli, cli.folder.appendingPathComponent("data/intertwine/demo.db").path)
    }

    @Test("agree --format json has the documented shape, with null for undefined figures")
    func agreeJSON() throws {
        let (cli, demo) = try Self.demo()
        let run = try cli.run("agree", "--project", demo, "--coders", "ana,ben", "--format", "json")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try Binary.json(run.stdout) as? [String: Any])
        #expect(json["coders"] as? [String] == ["ana", "ben"])
        #expect(json["unit"] as? String == "character")
        #expect(json["documents"] as? Int == 3)
        let codes = try #require(json["codes"] as? [[String: Any]])
        #expect(codes.count > 10)
        let first = codes[0]
        for key in [
            "code", "coverage", "segments", "table", "percent_agreement", "jaccard", "cohen_kappa", "fleiss_kappa",
            "krippendorff_alpha", "gwet_ac1",
        ] {
            #expect(first[key] != nil, "\(key)")
        }
        #expect(first["fleiss_kappa"] is NSNull) // two coders: Cohen's kappa, not Fleiss'
        let frequency = try #require(first["frequency_level"] as? [String: Any])
        for key in [
            "documents", "same_count", "percent_agreement", "documents_coded", "same_count_coded",
            "percent_agreement_coded",
        ] {
            #expect(frequency[key] != nil, "frequency_level.\(key)")
        }
        #expect(frequency["documents"] as? Int == 3)
        let table = try #require(first["table"] as? [String: Int])
        #expect(Set(table.keys) == ["both", "a_only", "b_only", "neither"])
        #expect(table.values.reduce(0, +) == json["characters"] as? Int)
        let summary = try #require(json["summary"] as? [String: Int])
        #expect(
            summary["codes_reliable"]! + summary["codes_tentative"]! + summary["codes_unreliable"]! + summary[
                "codes_undefined"]! == codes.count)
        let table3 = try cli.run(
            "agree", "--project", demo, "--coders", "ana,ben", "--code", "Processes", "--by", "document")
        #expect(table3.stdout.contains("Processes/Intuiting"))
        #expect(table3.stdout.contains("  brw"))
        let bad = try cli.run("agree", "--project", demo, "--coders", "ana,zed")
        #expect(
            bad.status != 0 && bad.stderr == "intertwine: no coder \"zed\" in this project; its coders are ana, ben\n")
    }

    @Test("agree --unitizing and --domain add the unitizing alphas to the table and to JSON, null where undefined")
    func agreeUnitizing() throws {
        let (cli, demo) = try Self.demo()
        let run = try cli.run(
            "agree", "--project", demo, "--coders", "ana,ben", "--domain", "Processes", "--domain", "Knowledge source",
            "--format", "json")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try Binary.json(run.stdout) as? [String: Any])
        let codes = try #require(json["codes"] as? [[String: Any]])
        for code in codes {
            #expect(code["u_alpha_binary"] != nil && code["u_alpha_2004"] != nil, "\(code["code"] ?? "?")")
        }
        let domains = try #require(json["domains"] as? [[String: Any]])
        #expect(domains.map { $0["domain"] as? String } == ["Processes", "Knowledge source"])
        for domain in domains {
            for key in [
                "values", "u_alpha", "u_alpha_binary", "cu_alpha", "cu_coverage", "ku_alpha", "ku_coverage",
                "u_alpha_2004",
                "overlaps_resolved",
            ] {
                #expect(domain[key] != nil, "\(key)")
            }
            let values = try #require(domain["values"] as? [String])
            let ku = try #require(domain["ku_alpha"] as? [String: Any])
            #expect(Set(ku.keys) == Set(values))
        }
        // No coder used Supplier: its (k)uα is undefined, null.
        let sources = try #require(domains[1]["ku_alpha"] as? [String: Any])
        #expect(sources["Knowledge source/Supplier"] is NSNull)
        #expect(json["Cu_alpha"] is Double)
        let table = try cli.run("agree", "--project", demo, "--coders", "ana,ben", "--domain", "Processes")
        #expect(table.status == 0)
        #expect(table.stdout.contains("Semantic domain Processes (7 codes): uα "))
        #expect(table.stdout.contains("|uα") && table.stdout.contains("(k)uα"))
        let plain = try cli.run("agree", "--project", demo, "--coders", "ana,ben", "--unitizing", "--format", "csv")
        #expect(
            plain.stdout.split(whereSeparator: \.isNewline).first?.hasSuffix(
                "gwet_ac1,documents_same_count,frequency_agreement,alpha_low,alpha_high,p_alpha_below_0_800,p_alpha_below_0_667,kappa_se,u_alpha_binary,u_alpha_2004"
            ) == true)
        let leaf = try cli.run("agree", "--project", demo, "--coders", "ana,ben", "--domain", "Flows/Feedback")
        #expect(leaf.status != 0 && leaf.stderr.contains("Flows/Feedback has no codes below it"))
    }

    @Test(
        "agree resamples alpha and kappa by default: the same seed gives the same intervals; --bootstrap 0 none; html draws them"
    )
    func agreeBootstrap() throws {
        let (cli, demo) = try Self.demo()
        func json(_ extra: String...) throws -> [String: Any] {
            let run = try cli.run(["agree", "--project", demo, "--coders", "ana,ben", "--format", "json"] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            return try #require(try Binary.json(run.stdout) as? [String: Any])
        }
        let first = try json("--seed", "7"), again = try json("--seed", "7"), other = try json("--seed", "8")
        let top = try #require(first["bootstrap"] as? [String: Any])
        #expect(top["draws"] as? Int == 1000 && top["seed"] as? String == "7")
        let codes = try #require(first["codes"] as? [[String: Any]])
        let bootstrap = try #require(codes[0]["bootstrap"] as? [String: Any])
        for key in [
            "alpha_ci", "alpha_se", "p_alpha_below_0_800", "p_alpha_below_0_667", "kappa_se", "kappa_ci", "draws",
            "undefined_draws",
        ] {
            #expect(bootstrap[key] != nil, "\(key)")
        }
        let interval = try #require(bootstrap["alpha_ci"] as? [Double])
        #expect(interval.count == 2 && interval[0] <= interval[1])
        #expect(
            NSArray(array: codes.map { $0["bootstrap"] ?? NSNull() })
                == NSArray(array: (again["codes"] as? [[String: Any]] ?? []).map { $0["bootstrap"] ?? NSNull() }))
        #expect(
            NSArray(array: codes.map { $0["bootstrap"] ?? NSNull() })
                != NSArray(array: (other["codes"] as? [[String: Any]] ?? []).map { $0["bootstrap"] ?? NSNull() }))
        let none = try json("--bootstrap", "0")
        #expect(none["bootstrap"] == nil && (none["codes"] as? [[String: Any]])?.first?["bootstrap"] == nil)
        let table = try cli.run("agree", "--project", demo, "--coders", "ana,ben")
        #expect(
            table.stdout.contains("95% CI") && table.stdout.contains("P(α<.800)")
                && table.stdout.contains("1000 resamples"))
        let html = try cli.run(
            "agree", "--project", demo, "--coders", "ana,ben", "--format", "html", "--domain", "Processes")
        #expect(html.status == 0)
        #expect(
            html.stdout.hasPrefix("<!DOCTYPE html>") && html.stdout.contains("<svg")
                && html.stdout.contains("P(α&lt;.800)"))
        #expect(html.stdout.contains("Semantic domain Processes"))
        // A code each coder coded fewer than 5 times is not called reliable, whatever its alpha.
        let agreement = try json()
        let few = (agreement["codes"] as? [[String: Any]] ?? []).filter { $0["few_units"] as? Bool == true }
        #expect(
            !few.isEmpty && html.stdout.contains("⚠ too few: ana ")
                && html.stdout.contains("rest on fewer than 5 codings"))
        let agency = try #require(
            (agreement["codes"] as? [[String: Any]])?.first {
                $0["code"] as? String == "Knowledge source/Development agency"
            })
        #expect(agency["krippendorff_alpha"] as? Double == 1 && agency["few_units"] as? Bool == true)
        let bad = try cli.run("agree", "--project", demo, "--coders", "ana,ben", "--bootstrap", "-5")
        #expect(bad.status != 0 && bad.stderr.contains("--bootstrap"))
    }

    @Test(
        "blind coding from the command line: each coder lists only their own codings until done; agree counts the blind ones"
    )
    func blindCoding() throws {
        var cli = try Binary()
        #expect(try cli.run("init").status == 0)
        #expect(try cli.run("import", Binary.root.appendingPathComponent("transcripts").path).status == 0)
        #expect(try cli.run("blind").stdout.hasPrefix("blind coding is off"))
        #expect(try cli.run("blind", "on").stdout.hasPrefix("blind coding is on"))
        for (coder, turn) in [("ana", "3"), ("ben", "3"), ("ben", "5")] {
            #expect(
                try cli.run(
                    "code", "add", "--doc", "brw", "--turn", turn, "--code", "Processes/Intuiting", "--coder", coder
                ).status == 0)
        }
        func listed(_ coder: String) throws -> [String] {
            let run = try cli.run("codings", "--format", "json", "--coder", coder)
            let rows = try #require(try Binary.json(run.stdout) as? [[String: Any]])
            return rows.compactMap { $0["coder"] as? String }
        }
        // --coder both names who is looking and narrows to them; through the environment only who is looking.
        #expect(try listed("ana") == ["ana"])
        cli.environment["INTERTWINE_CODER"] = "ana"
        let asAna = try cli.run("codings", "--format", "json")
        #expect((try Binary.json(asAna.stdout) as? [[String: Any]])?.count == 1)
        #expect(try cli.run("document", "done", "brw", "--coder", "ana").stdout.contains("now show"))
        let done = try cli.run("codings", "--format", "json")
        #expect((try Binary.json(done.stdout) as? [[String: Any]])?.count == 3)
        let refused = try cli.run("disagreements", "--coders", "ana,ben")
        #expect(refused.status != 0 && refused.stderr.contains("blind coding is on"))
        let export = try cli.run("export", "--format", "qdpx", "-o", "all.qdpx")
        #expect(export.status != 0 && export.stderr.contains("blind coding is on"))
        let agree = try cli.run("agree", "--coders", "ana,ben", "--format", "json", "--bootstrap", "0")
        let independence = try #require(
            (try Binary.json(agree.stdout) as? [String: Any])?["independence"] as? [String: Int])
        // ben's first coding came while ana's could not be seen (blind coding): all three blind.
        #expect(independence == ["independent": 3, "seeing_others": 0, "unknown": 0, "left_out": 0])
        #expect(
            try cli.run("agree", "--coders", "ana,ben", "--bootstrap", "0").stdout.contains(
                "Blind coding: 3 of the 3 codings compared"))
        // Brought in from a REFI-QDA project, nobody knows: agree says so.
        #expect(try cli.run("blind", "off").status == 0)
        #expect(try cli.run("export", "--format", "qdpx", "-o", "all.qdpx").status == 0)
        #expect(try cli.run("init", "--project", "copy.db").status == 0)
        #expect(try cli.run("import", "--project", "copy.db", "all.qdpx").status == 0)
        let copied = try cli.run(
            "agree", "--project", "copy.db", "--coders", "ana,ben", "--independent", "--format", "json", "--bootstrap",
            "0")
        let unknown = try #require(
            (try Binary.json(copied.stdout) as? [String: Any])?["independence"] as? [String: Int])
        #expect(unknown == ["independent": 0, "seeing_others": 0, "unknown": 0, "left_out": 3])
    }

    @Test("disagreements list the disputed stretches; merge twice changes nothing the second time")
    func disagreementsAndMerge() throws {
        let (cli, demo) = try Self.demo()
        let json = try #require(
            try Binary.json(
                cli.run("disagreements", "--project", demo, "--coders", "ana,ben", "--format", "json").stdout)
                as? [String: Any])
        let list = try #require(json["disagreements"] as? [[String: Any]])
        #expect(!list.isEmpty)
        let disputed = list.compactMap { $0["disputed"] as? Int }
        #expect(disputed == disputed.sorted(by: >))
        #expect(Set(list.compactMap { $0["kind"] as? String }).isSubset(of: ["partial", "a_only", "b_only"]))
        // A second coder's project with the same interviews.
        #expect(try cli.run("init", "--project", "cleo.db").status == 0)
        #expect(
            try cli.run("import", "--project", "cleo.db", Binary.root.appendingPathComponent("transcripts").path).status
                == 0)
        #expect(
            try cli.run(
                "code", "add", "--project", "cleo.db", "--coder", "cleo", "--doc", "brw", "--turn", "2", "--code",
                "Processes/Intuiting"
            ).status == 0)
        let merged = try cli.run("merge", "--project", demo, "cleo.db")
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("coder added: cleo"))
        #expect(merged.stdout.contains("3 documents matched, 0 not; 1 coding added, 0 already here"))
        let again = try cli.run("merge", "--project", demo, "cleo.db")
        #expect(again.stdout.contains("0 codings added, 1 already here"))
        let three = try cli.run(
            "agree", "--project", demo, "--coders", "ana,ben,cleo", "--code", "Processes/Intuiting", "--format", "json")
        let code = try #require(
            ((try Binary.json(three.stdout) as? [String: Any])?["codes"] as? [[String: Any]])?.first)
        #expect(code["fleiss_kappa"] is NSNumber && code["cohen_kappa"] is NSNull)
    }
}

@Suite("Exchange from the command line")
struct ExchangeCommandTests {
    @Test("export qdpx, import it into a new project: the same codings; a bad file changes nothing and creates nothing")
    func qdpxRoundTrip() throws {
        let cli = try Binary()
        let demo = cli.folder.appendingPathComponent("data/intertwine/demo.db").path
        #expect(try cli.run("demo").status == 0)
        let exported = try cli.run("export", "--project", demo, "--format", "qdpx", "-o", "demo.qdpx")
        #expect(exported.status == 0 && exported.stdout.contains("3 sources, 88 codings"), "\(exported.stderr)")
        let imported = try cli.run("import", "--project", "copy.db", "demo.qdpx")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("(new): 3 sources") && imported.stdout.contains("88 codings (88 new)"))
        let a = try cli.run("codings", "--project", demo, "--format", "csv").stdout
        let b = try cli.run("codings", "--project", "copy.db", "--format", "csv").stdout
        func keyed(_ csv: String) -> [String] {
            csv.components(separatedBy: "\r\n").dropFirst().map {
                $0.components(separatedBy: ",").dropFirst().prefix(6).joined(separator: ",")
            }.sorted()
        }
        #expect(keyed(a) == keyed(b))
        #expect(try cli.run("import", "--project", "copy.db", "demo.qdpx").stdout.contains("88 codings (0 new)"))
        // A file that is not a qdpx: a clear error, no new project file.
        try cli.write("not a zip", "broken.qdpx")
        let bad = try cli.run("import", "--project", "fresh.db", "broken.qdpx")
        #expect(bad.status != 0 && bad.stderr.hasPrefix("intertwine: broken.qdpx: not a QDPX file"))
        #expect(!FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("fresh.db").path))
    }

    @Test("extracts to files and standard output; codebook as qdc; Word and subtitle transcripts import")
    func extractsAndFormats() throws {
        let cli = try Binary()
        let demo = cli.folder.appendingPathComponent("data/intertwine/demo.db").path
        #expect(try cli.run("demo").status == 0)
        for format in ["csv", "md", "html", "json", "matrix-csv", "binary-csv", "qdc"] {
            let run = try cli.run("export", "--project", demo, "--format", format, "-o", "out.\(format)")
            #expect(run.status == 0 && run.stdout.hasPrefix("wrote out.\(format)"), "\(format): \(run.stderr)")
        }
        let ben = try cli.run("export", "--project", demo, "--format", "json", "--coder", "ben", "--case", "RSL")
        let records = try #require(try Binary.json(ben.stdout) as? [[String: Any]])
        #expect(
            !records.isEmpty && records.allSatisfy { $0["coder"] as? String == "ben" && $0["case"] as? String == "RSL" }
        )
        let html = try String(contentsOf: cli.folder.appendingPathComponent("out.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg"))
        #expect(
            try cli.run(
                "init", "--project", "other.db", "--codebook", cli.folder.appendingPathComponent("out.qdc").path
            ).status == 0)
        #expect(try cli.run("codebook", "--project", "other.db").stdout.contains("Processes/Intuiting"))
        try cli.write("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>Hello there.\n", "K/talk.vtt")
        let vtt = try cli.run("import", "--project", "other.db", "K")
        #expect(vtt.status == 0 && vtt.stdout.contains("imported talk (case K, 1 turns"), "\(vtt.stderr)")
    }
}

@Suite("Framework analyses from the command line")
struct AnalysisCommandTests {
    @Test("cooccur, matrix (with a summary, as Markdown and HTML), flows and compare on the demo")
    func analyses() throws {
        let cli = try Binary()
        let demo = cli.folder.appendingPathComponent("data/intertwine/demo.db").path
        #expect(try cli.run("demo").status == 0)
        let cooccur = try #require(
            try Binary.json(cli.run("cooccur", "--project", demo, "--coder", "ben", "--format", "json").stdout)
                as? [[String: Any]])
        #expect(
            cooccur.contains {
                $0["code_a"] as? String == "Knowledge source/Customer"
                    && $0["code_b"] as? String == "Knowledge source/Recruited manager" && $0["c"] as? Double == 0.25
            })
        #expect(
            try cli.run(
                "matrix", "summarize", "--project", demo, "--case", "RSL", "--code", "Learning type/Mimetic",
                "Copies the leaders"
            ).status == 0)
        let matrix = try #require(
            try Binary.json(cli.run("matrix", "--project", demo, "--cols", "Learning type", "--format", "json").stdout)
                as? [String: Any])
        let cells = try #require(matrix["cells"] as? [[String: Any]])
        // Each coder apart (no consensus yet): ana coded RSL as mimetic once, ben twice; never a sum of 3.
        #expect(matrix["coders"] as? [String] == ["ana", "ben"] && matrix["shown"] as? String == "each")
        #expect(
            cells.contains {
                $0["case"] as? String == "RSL" && $0["coder"] as? String == "ana"
                    && $0["summary"] as? String == "Copies the leaders" && $0["count"] as? Int == 1
            })
        #expect(
            cells.contains {
                $0["case"] as? String == "RSL" && $0["coder"] as? String == "ben" && $0["count"] as? Int == 2
            })
        #expect(!cells.contains { $0["count"] as? Int == 3 })
        let markdown = try cli.run("matrix", "--project", demo, "--cols", "Learning type", "--format", "md").stdout
        #expect(
            markdown.contains("| RSL · ben |  | 2: Copies the leaders |")
                && markdown.contains("Each coder apart (ana and ben)"))
        #expect(
            try cli.run("matrix", "--project", demo, "--cols", "Learning type", "--coder", "ben", "--format", "md")
                .stdout.contains("| RSL |  | 2: Copies the leaders |"))
        #expect(
            try cli.run("matrix", "--project", demo, "--cols", "Learning type", "--format", "html", "-o", "m.html")
                .status == 0)
        let flows = try #require(
            try Binary.json(cli.run("flows", "--project", demo, "--format", "json").stdout) as? [[String: Any]])
        #expect(flows.count == 6 && flows.allSatisfy { ($0["feed_forward"] as? Int ?? -1) >= 0 })
        let compare = try cli.run("compare", "--project", demo, "--by", "learning_type", "--format", "csv")
        #expect(compare.stdout.hasPrefix("group,cases,code,coder,codings,documents,characters,coverage,aggregate\r\n"))
        #expect(compare.stdout.contains("Mimetic,RSL,Learning type/Mimetic,ana,1,1,"))
        let bad = try cli.run("compare", "--project", demo, "--by", "colour")
        #expect(bad.status != 0 && bad.stderr.contains("no case has the attribute \"colour\""))
    }
}
