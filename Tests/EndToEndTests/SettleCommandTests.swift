import Foundation
import Testing
import ZIPFoundation
import TestSupport

/// Finishing a study from the command line: every disputed stretch settled with
/// `intertwine settle`, the consensus complete.
@Suite("settle: every disagreement decided from the command line, the consensus complete")
struct SettleCommandTests {
    @Test(
        "settle decides each disputed stretch (neither included) until consensus reports 0 unsettled; --undo takes one back"
    )
    func settleEverything() throws {
        let cli = try CodebookCommandTests.demo()
        let first = try cli.run("consensus", "--coders", "ana,ben")
        #expect(first.status == 0 && first.stdout.contains("still to settle"), "\(first.stderr)")
        let listed = try #require(
            try Binary.json(cli.run("disagreements", "--coders", "ana,ben", "--unsettled", "--format", "json").stdout)
                as? [String: Any])
        let disputes = try #require(listed["disagreements"] as? [[String: Any]])
        #expect(disputes.count > 20)
        let choices = ["neither", "ana", "ben", "both", "common"]
        for (index, dispute) in disputes.enumerated() {
            let keep = choices[index % choices.count]
            let settled = try cli.run(
                "settle", "--coders", "ana,ben", "--doc", dispute["document"] as! String, "--code",
                dispute["code"] as! String,
                "--at", String(dispute["start"] as! Int), "--keep", keep, "--why", "decided in the team meeting",
                "--coder", "lena")
            #expect(settled.status == 0, "\(settled.stderr)")
            #expect(
                settled.stdout.hasPrefix("settled \(dispute["code"] as! String) in \(dispute["document"] as! String)"))
        }
        let done = try cli.run("consensus", "--coders", "ana,ben")
        #expect(done.stdout.contains("nothing left to settle: the consensus is complete"), "\(done.stdout)")
        #expect(done.stdout.contains("settled by decision: "))
        let status = try cli.run("agree", "--coders", "ana,ben", "--bootstrap", "0")
        #expect(status.stdout.contains("consensus (consensus): complete"))
        // What neither decided holds no consensus coding; what kept ana's holds exactly hers.
        let codings = try #require(
            try Binary.json(cli.run("codings", "--coder", "consensus", "--format", "json").stdout) as? [[String: Any]])
        let neither = disputes[0]
        #expect(
            !codings.contains {
                ($0["document"] as? String) == neither["document"] as? String
                    && ($0["code"] as? String) == neither["code"] as? String
                    && ($0["start"] as! Int) < (neither["end"] as! Int)
                    && ($0["end"] as! Int) > (neither["start"] as! Int)
            })
        let kept = disputes[1]
        let anas = (kept["ana"] as! [[Int]]).map { [$0[0], $0[1]] }
        let held = codings.filter {
            ($0["document"] as? String) == kept["document"] as? String
                && ($0["code"] as? String) == kept["code"] as? String
                && ($0["start"] as! Int) >= (kept["start"] as! Int) && ($0["end"] as! Int) <= (kept["end"] as! Int)
        }
        #expect(held.map { [$0["start"] as! Int, $0["end"] as! Int] } == anas)
        // With the consensus complete, every table without --coder shows the consensus alone.
        let matrix = try #require(
            try Binary.json(cli.run("matrix", "--cols", "Learning type", "--format", "json").stdout) as? [String: Any])
        #expect(matrix["coders"] as? [String] == ["consensus"] && matrix["shown"] as? String == "consensus")
        let flows = try #require(try Binary.json(cli.run("flows", "--format", "json").stdout) as? [[String: Any]])
        #expect(!flows.isEmpty && flows.allSatisfy { $0["coder"] as? String == "consensus" })
        let pairs = try #require(try Binary.json(cli.run("cooccur", "--format", "json").stdout) as? [[String: Any]])
        #expect(pairs.allSatisfy { $0["coder"] as? String == "consensus" })
        let extracts = try #require(try Binary.json(cli.run("export", "--format", "json").stdout) as? [[String: Any]])
        #expect(extracts.count == codings.count && extracts.allSatisfy { $0["coder"] as? String == "consensus" })
        #expect(try cli.run("matrix", "--cols", "Learning type", "--coder", "ben").stdout.contains("Coded by ben."))
        // Settled twice: refused, nothing changed. Undo: the stretch is open again.
        let again = try cli.run(
            "settle", "--coders", "ana,ben", "--doc", kept["document"] as! String, "--code", kept["code"] as! String,
            "--at", String(kept["start"] as! Int), "--keep", "neither")
        #expect(again.status == 1 && again.stderr.contains("is settled already (kept ana's, by lena on "))
        let undone = try cli.run(
            "settle", "--coders", "ana,ben", "--doc", kept["document"] as! String, "--code", kept["code"] as! String,
            "--at", String(kept["start"] as! Int), "--undo")
        #expect(
            undone.status == 0 && undone.stdout.contains("undid the decision")
                && undone.stdout.contains("1 still to settle"), "\(undone.stdout)")
    }

    @Test("settle refuses a bad choice, an offset with nothing disputed and an unknown coder, each saying what to do")
    func refusals() throws {
        let cli = try CodebookCommandTests.demo()
        let before = try cli.projectContents()
        let choice = try cli.run(
            "settle", "--coders", "ana,ben", "--doc", "brw", "--code", "Processes/Intuiting", "--at", "10", "--keep",
            "cleo")
        #expect(choice.status == 2 && choice.stderr.contains("keep ana, ben, both, common or neither"))
        let nothing = try cli.run(
            "settle", "--coders", "ana,ben", "--doc", "brw", "--code", "Processes/Intuiting", "--at", "0", "--keep",
            "neither")
        #expect(
            nothing.status == 1 && nothing.stderr.contains("the nearest disputed stretch is ["), "\(nothing.stderr)")
        let coder = try cli.run(
            "settle", "--coders", "ana,zed", "--doc", "brw", "--code", "Processes/Intuiting", "--at", "0", "--keep",
            "neither")
        #expect(coder.status == 1 && coder.stderr.contains("no coder \"zed\""))
        let missing = try cli.run(
            "settle", "--coders", "ana,ben", "--doc", "brw", "--code", "Processes/Intuiting", "--at", "0")
        #expect(missing.status == 2 && missing.stderr.contains("--keep A|B|both|common|neither"))
        let turn = try cli.run(
            "settle", "--coders", "ana,ben", "--doc", "brw", "--code", "Processes/Intuiting", "--turn", "999", "--keep",
            "ana")
        #expect(turn.status == 1 && turn.stderr.contains("brw has no turn 999"))
        let both = try cli.run(
            "settle", "--coders", "ana,ben", "--doc", "brw", "--code", "Processes/Intuiting", "--turn", "3", "--at",
            "5", "--keep", "ana")
        #expect(both.status == 2 && both.stderr.contains("--at OFFSET (inside it) or --turn K"))
        #expect(try cli.projectContents() == before)
    }

    @Test(
        "extracts without --coder list a passage coded alike by both coders once, as theirs; --per-coder keeps a record per coding"
    )
    func extractsOnce() throws {
        let cli = try CodebookCommandTests.demo()
        #expect(
            try cli.run(
                "code", "add", "--doc", "brw", "--start", "10", "--end", "60", "--code", "Processes/Intuiting",
                "--coder", "ana"
            ).status == 0)
        #expect(
            try cli.run(
                "code", "add", "--doc", "brw", "--start", "10", "--end", "60", "--code", "Processes/Intuiting",
                "--coder", "ben"
            ).status == 0)
        let all = try #require(try Binary.json(cli.run("codings", "--format", "json").stdout) as? [[String: Any]])
        let study = try #require(try Binary.json(cli.run("export", "--format", "json").stdout) as? [[String: Any]])
        let perCoder = try #require(
            try Binary.json(cli.run("export", "--format", "json", "--per-coder").stdout) as? [[String: Any]])
        #expect(perCoder.count == all.count)
        let alike = study.filter {
            $0["document"] as? String == "brw" && $0["start"] as? Int == 10 && $0["end"] as? Int == 60
        }
        #expect(alike.count == 1 && alike[0]["coder"] as? String == "ana, ben")
        #expect(study.count < perCoder.count)
    }
}

/// Who made a project, as REFI-QDA exports say it.
@Suite("The creating user of a project: who ran init, or who imported it into a new project")
struct CreatingUserTests {
    /// The project.qde of a .qdpx written by the binary.
    static func qde(_ cli: Binary, _ name: String) throws -> String {
        let path = cli.folder.appendingPathComponent(name).path
        let export = try cli.run("export", "--format", "qdpx", "-o", path)
        #expect(export.status == 0, "\(export.stderr)")
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        let entry = try #require(archive["project.qde"])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    /// The GUID of the user named `name` in a project.qde.
    static func userGUID(_ qde: String, _ name: String) -> String? {
        let pattern = #"<User guid="([^"]+)" name="\#(name)""#
        guard let match = qde.range(of: pattern, options: .regularExpression) else { return nil }
        return String(qde[match].split(separator: "\"")[1])
    }

    @Test(
        "init records its coder as the project's creating user; a .qdpx imported into a new project is the importing coder's"
    )
    func creatingUser() throws {
        var cli = try Binary()
        #expect(try cli.run("init", "--coder", "lena").status == 0)
        let file = try cli.write("---\ncase: F\n---\nA: We learnt it the hard way.\n", "f.txt")
        #expect(try cli.run("import", file).status == 0)
        #expect(
            try cli.run("code", "add", "--doc", "f", "--turn", "1", "--code", "Processes/Intuiting", "--coder", "ana")
                .status == 0)
        let first = try Self.qde(cli, "first.qdpx")
        let lena = try #require(Self.userGUID(first, "lena"), "lena is not among the users")
        #expect(first.contains("creatingUserGUID=\"\(lena)\""))
        cli.environment["INTERTWINE_PROJECT"] = cli.folder.appendingPathComponent("copy.db").path
        cli.environment["INTERTWINE_CODER"] = "ben"
        #expect(try cli.run("import", cli.folder.appendingPathComponent("first.qdpx").path).status == 0)
        let second = try Self.qde(cli, "second.qdpx")
        let ben = try #require(Self.userGUID(second, "ben"), "ben is not among the users")
        #expect(second.contains("creatingUserGUID=\"\(ben)\""))
    }
}
