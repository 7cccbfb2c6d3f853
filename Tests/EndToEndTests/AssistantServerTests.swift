#if AIAssistant
    import Foundation
    import Testing
    import TestSupport

    /// `intertwine mcp` driven as an MCP client drives it: a scripted client over standard
    /// input and output, against the demo as a project file.
    @Suite("An AI assistant over MCP: the server, its tools, proposals refused item by item, blind coding, ai off")
    struct AssistantServerTests {
        static func demo() throws -> Binary {
            var cli = try CodebookCommandTests.demo()
            cli.environment["INTERTWINE_CODER"] = "cleo"
            return cli
        }

        @Test(
            "initialize negotiates 2025-06-18; tools/list gives seven tools, each with a description and a JSON schema")
        func handshake() throws {
            let client = try ScriptedMCPClient(try Self.demo(), ["mcp"])
            let answer = try client.initialize()
            let result = try #require(answer["result"] as? [String: Any])
            #expect(result["protocolVersion"] as? String == "2025-06-18")
            #expect((result["serverInfo"] as? [String: Any])?["name"] as? String == "intertwine")
            #expect((result["instructions"] as? String)?.contains("Unicode scalar") == true)
            let tools = try #require(
                (client.request("tools/list")["result"] as? [String: Any])?["tools"] as? [[String: Any]])
            #expect(
                tools.map { $0["name"] as? String } == [
                    "list_documents", "list_codebook", "read_passage", "search", "list_codings", "run_query",
                    "propose_codings",
                ])
            for tool in tools {
                #expect(((tool["description"] as? String)?.count ?? 0) > 80)
                #expect((tool["inputSchema"] as? [String: Any])?["type"] as? String == "object")
            }
            // An older protocol version the SDK supports is kept.
            let old = try ScriptedMCPClient(try Self.demo(), ["mcp"])
            let older = try old.request(
                "initialize",
                [
                    "protocolVersion": "2025-03-26", "capabilities": [:] as [String: Any],
                    "clientInfo": ["name": "x", "version": "1"],
                ])
            #expect((older["result"] as? [String: Any])?["protocolVersion"] as? String == "2025-03-26")
            #expect(try client.close().status == 0)
        }

        @Test("the reading tools answer with names, offsets and text that agree with the project")
        func readingTools() throws {
            let cli = try Self.demo()
            let client = try ScriptedMCPClient(cli, ["mcp"])
            try client.initialize()
            let documents =
                try JSONSerialization.jsonObject(with: Data(client.call("list_documents").text.utf8))
                as? [[String: Any]]
            #expect(documents?.map { $0["name"] as? String } == ["brw", "dmf", "rsl"])
            #expect((documents?[0]["attributes"] as? [String: String])?["sector"] == "Aerospace")
            let codebook = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(client.call("list_codebook", ["examples_from": "ana"]).text.utf8))
                    as? [[String: Any]])
            let intuiting = try #require(codebook.first { $0["path"] as? String == "Processes/Intuiting" })
            #expect((intuiting["definition"] as? String)?.isEmpty == false)
            let example = try #require((intuiting["examples"] as? [[String: Any]])?.first)
            // The turns read come with offsets that cut the same text from the document.
            let passage = try client.callJSON("read_passage", ["document": "brw", "turn_from": 3, "turn_to": 4])
            let turns = try #require(passage["turns"] as? [[String: Any]])
            #expect(turns.map { $0["turn"] as? Int } == [3, 4])
            // The document's text, as its resource: what the offsets count in.
            let resources = try #require(
                (client.request("resources/list")["result"] as? [String: Any])?["resources"] as? [[String: Any]])
            #expect(
                resources.map { $0["uri"] as? String } == [
                    "intertwine://document/brw", "intertwine://document/dmf", "intertwine://document/rsl",
                ])
            let read = try client.request("resources/read", ["uri": "intertwine://document/brw"])
            let contents = try #require((read["result"] as? [String: Any])?["contents"] as? [[String: Any]])
            let text = try #require(contents.first?["text"] as? String)
            #expect(text.unicodeScalars.count == documents?[0]["length"] as? Int)
            let scalars = Array(text.unicodeScalars)
            func slice(_ start: Int, _ end: Int) -> String { String(String.UnicodeScalarView(scalars[start..<end])) }
            for turn in turns {
                #expect(slice(turn["start"] as! Int, turn["end"] as! Int) == turn["text"] as? String)
                #expect(turn["speaker"] as? String != nil)
            }
            if example["document"] as? String == "brw" {
                #expect(slice(example["start"] as! Int, example["end"] as! Int) == example["text"] as? String)
            }
            let hits = try client.callJSON("search", ["words": "new product"])
            #expect((hits["total"] as? Int ?? 0) >= 2)
            let hit = try #require((hits["hits"] as? [[String: Any]])?.first)
            #expect((hit["match"] as? String)?.lowercased() == "new product")
            let query = try client.callJSON("run_query", ["query": "coder:ana and Processes/Intuiting"])
            #expect((query["total"] as? Int ?? 0) > 0)
            let codings = try client.callJSON("list_codings", ["coder": "ana", "code": "Processes/Intuiting"])
            #expect(codings["total"] as? Int == query["total"] as? Int)
            // Mistakes come back as the tool's errors, saying what to do.
            let bad = try client.call("read_passage", ["document": "nobody"])
            #expect(bad.isError && bad.text.contains("nobody"))
            let badQuery = try client.call("run_query", ["query": "Processes/Intuiting and"])
            #expect(badQuery.isError && badQuery.text.contains("column"))
            let noTool = try client.call("remove_coding", ["id": 1])
            #expect(noTool.isError && noTool.text.contains("no tool named remove_coding"))
            let prompt = try client.request(
                "prompts/get", ["name": "code_interview", "arguments": ["document": "dmf"]])
            #expect("\(prompt)".contains("propose_codings"))
            #expect(try client.close().status == 0)
        }

        @Test(
            "proposals: the good ones stored as assistant:NAME with provenance, each bad one refused with its problem; a person's name refused; decisions seen by the assistant"
        )
        func proposals() throws {
            let cli = try Self.demo()
            let client = try ScriptedMCPClient(cli, ["mcp", "--as", "claude"])
            try client.initialize(name: "Claude Desktop", version: "1.2")
            let passage = try client.callJSON("read_passage", ["document": "dmf", "turn_from": 2, "turn_to": 2])
            let turn = try #require((passage["turns"] as? [[String: Any]])?.first)
            let start = turn["start"] as! Int, end = turn["end"] as! Int, quote = turn["text"] as! String
            let answer = try client.callJSON(
                "propose_codings",
                [
                    "model": "claude-sonnet-4",
                    "codings": [
                        [
                            "document": "dmf", "start": start, "end": end, "quote": quote,
                            "code": "Processes/Intuiting",
                            "reason": "The founder senses an opening", "confidence": 0.82,
                        ],
                        [
                            "document": "dmf", "quote": quote, "code": "Knowledge source/Customer", "reason": "LCL",
                            "confidence": 0.6,
                        ],
                        [
                            "document": "dmf", "start": start, "end": end, "code": "Processes/Dreaming", "reason": "r",
                            "confidence": 0.5,
                        ],
                        [
                            "document": "dmf", "start": start, "end": end, "code": "Processes", "reason": "r",
                            "confidence": 0.5,
                        ],
                        [
                            "document": "dmf", "start": end, "end": start, "code": "Processes/Intuiting", "reason": "r",
                            "confidence": 0.5,
                        ],
                        [
                            "document": "dmf", "quote": "words nobody said", "code": "Processes/Intuiting",
                            "reason": "r", "confidence": 0.5,
                        ],
                        [
                            "document": "dmf", "start": start, "end": end, "code": "Processes/Interpreting",
                            "reason": "r", "confidence": 3,
                        ],
                        [
                            "document": "dmf", "start": start, "end": end, "code": "Processes/Interpreting",
                            "reason": "r", "confidence": 0.5, "coder": "ana",
                        ],
                        "not an object",
                    ] as [Any],
                ])
            let written = try #require(answer["written"] as? [[String: Any]])
            let refused = try #require(answer["refused"] as? [[String: Any]])
            #expect(written.map { $0["index"] as? Int } == [0, 1])
            #expect(refused.map { $0["index"] as? Int } == [2, 3, 4, 5, 6, 7, 8])
            let problems = refused.map { $0["problem"] as? String ?? "" }
            #expect(problems[0].contains("no code \"Processes/Dreaming\""))
            #expect(problems[1].contains("folder") && problems[2].contains("empty"))
            #expect(problems[3].contains("not in the document") && problems[4].contains("from 0 to 1"))
            #expect(problems[5].contains("cannot be written as ana") && problems[6].contains("object"))
            #expect(written[1]["start"] as? Int == start && written[1]["note"] as? String == "located by its quote")
            // Stored as the assistant's codings, with where they came from.
            let listed = try #require(
                try Binary.json(cli.run("proposals", "--format", "json").stdout) as? [[String: Any]])
            #expect(listed.map { $0["assistant"] as? String } == ["assistant:claude", "assistant:claude"])
            #expect(listed[0]["confidence"] as? Double == 0.82 && listed[0]["code"] as? String == "Processes/Intuiting")
            #expect(listed[0]["made_with"] as? String == "Claude Desktop 1.2 (claude-sonnet-4)")
            // The table shows the confidence as the review does.
            #expect(try cli.run("proposals").stdout.contains("82%"))
            #expect(
                listed[0]["requested_by"] as? String == "cleo"
                    && listed[0]["reason"] as? String == "The founder senses an opening")
            #expect((listed[0]["request_sha256"] as? String)?.count == 64)
            #expect((listed[0]["proposed_at"] as? String)?.hasPrefix("20") == true)
            // Nothing of a person's changed: cleo has no codings, ana's and ben's are as they were.
            #expect(
                (try Binary.json(cli.run("codings", "--coder", "cleo", "--format", "json").stdout) as? [Any])?.isEmpty
                    == true)
            // cleo decides; the assistant sees the decisions through list_codings.
            let first = listed[0]["id"] as! Int, second = listed[1]["id"] as! Int
            #expect(try cli.run("proposals", "accept", String(first)).status == 0)
            #expect(
                try cli.run("proposals", "reject", String(second), "--why", "LCL is the customer, not a source here")
                    .status == 0)
            #expect(
                (try Binary.json(cli.run("codings", "--coder", "cleo", "--format", "json").stdout) as? [Any])?.count
                    == 1)
            let own = try client.callJSON("list_codings", ["coder": "assistant:claude"])
            let states = (own["codings"] as? [[String: Any]])?.compactMap { $0["proposal"] as? [String: Any] }
            #expect(Set(states?.compactMap { $0["status"] as? String } ?? []) == ["accepted", "rejected"])
            #expect(states?.contains { $0["why"] as? String == "LCL is the customer, not a source here" } == true)
            // A rejected code is not proposed again for that passage.
            let again = try client.callJSON(
                "propose_codings",
                [
                    "codings": [
                        [
                            "document": "dmf", "quote": quote, "code": "Knowledge source/Customer", "reason": "again",
                            "confidence": 0.9,
                        ]
                    ]
                ])
            #expect(
                ((again["refused"] as? [[String: Any]])?.first?["problem"] as? String)?.contains("cleo rejected")
                    == true)
            #expect(try client.close().status == 0)
            // Every coding carries its origin: the listing, the extracts, the REFI-QDA project (a note).
            let mine = try #require(
                try Binary.json(cli.run("codings", "--coder", "cleo", "--format", "json").stdout) as? [[String: Any]])
            #expect(
                (mine[0]["origin"] as? String)?.hasPrefix(
                    "accepted by cleo from assistant:claude's proposal, made with Claude Desktop 1.2 (claude-sonnet-4)")
                    == true)
            let csv = try cli.run("export", "--format", "csv", "--code", "Knowledge source/Customer").stdout
            #expect(csv.contains("rejected by cleo (LCL is the customer, not a source here)"))
            #expect(
                try CreatingUserTests.qde(cli, "p.qdpx").contains("Origin: accepted by cleo from assistant:claude"))
            // The assistant audited as a coder; what people coded unaided.
            let audit = try cli.run("agree", "--coders", "cleo,assistant:claude", "--all-documents")
            #expect(audit.status == 0 && audit.stdout.contains("AI assistance: 1 of the"))
            let unaided = try cli.run("agree", "--coders", "ana,cleo", "--all-documents", "--exclude-assisted")
            #expect(unaided.stdout.contains("--exclude-assisted left out 1 codings"))
        }

        @Test("with blind coding on the assistant sees no person's codings; with ai off the server does not start")
        func blindAndOff() throws {
            let cli = try Self.demo()
            #expect(try cli.run("blind", "on").status == 0)
            let client = try ScriptedMCPClient(cli, ["mcp"])
            try client.initialize()
            let codings = try client.callJSON("list_codings")
            #expect(codings["total"] as? Int == 0 && codings["blind_coding"] as? Bool == true)
            let query = try client.callJSON("run_query", ["query": "Processes"])
            #expect(query["total"] as? Int == 0)
            let codebook = try client.call("list_codebook", ["examples_from": "ana"])
            #expect(!codebook.text.contains("\"examples\":[{"))
            #expect(try client.close().status == 0)
            #expect(try cli.run("ai", "off").stdout.contains("switched off"))
            let refused = try cli.run(["mcp"], timeout: 30)
            #expect(refused.status != 0 && refused.stdout.isEmpty)
            #expect(refused.stderr.contains("switched off") && refused.stderr.contains("intertwine ai on"))
            #expect(try cli.run("ai", "on").stdout.contains("may propose"))
            // A team project is not served: a pulled copy is.
            let team = try cli.run(["mcp", "--project", "postgresql://ana@127.0.0.1:1/study"], timeout: 30)
            #expect(team.status != 0 && team.stderr.contains("not a team project") && team.stderr.contains("pull"))
            // The assistant is never run as an assistant's coder name.
            let asAssistant = try cli.run(["mcp", "--coder", "assistant:x"], timeout: 30)
            #expect(asAssistant.status != 0 && asAssistant.stderr.contains("as yourself"))
        }

        @Test(
            "pseudonymised by default: the assistant reads no real name, offsets count in the text it reads, and its proposals land on the stored text"
        )
        func pseudonymised() throws {
            let cli = try Self.demo()
            for (real, pseudonym) in [("Roger Watson", "OM-BRW"), ("Roger", "OM-BRW"), ("LCL", "Customer B")] {
                #expect(try cli.run("pseudonym", "add", real, pseudonym).status == 0)
            }
            #expect(try cli.run("pseudonym", "default", "on").status == 0)
            let client = try ScriptedMCPClient(cli, ["mcp", "--as", "claude"])
            try client.initialize()
            var answers: [String] = []
            func read(_ tool: String, _ arguments: [String: Any] = [:]) throws -> [String: Any] {
                let text = try client.call(tool, arguments).text
                answers.append(text)
                return try #require(
                    try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(tool): \(text)")
            }
            let documents = try client.call("list_documents").text
            answers.append(documents)
            let resource = try client.request("resources/read", ["uri": "intertwine://document/brw"])
            let contents = try #require((resource["result"] as? [String: Any])?["contents"] as? [[String: Any]])
            let shown = try #require(contents.first?["text"] as? String)
            answers.append(shown)
            #expect(shown.contains("OM-BRW: My father started it"))
            let listed = try #require(
                try JSONSerialization.jsonObject(with: Data(documents.utf8)) as? [[String: Any]])
            #expect(listed.first { $0["name"] as? String == "brw" }?["length"] as? Int == shown.unicodeScalars.count)
            // The turns' offsets cut their text from the text the assistant reads.
            let passage = try read("read_passage", ["document": "brw", "turn_from": 2, "turn_to": 3])
            let scalars = Array(shown.unicodeScalars)
            for turn in passage["turns"] as? [[String: Any]] ?? [] {
                let start = turn["start"] as! Int, end = turn["end"] as! Int
                #expect(String(String.UnicodeScalarView(scalars[start..<end])) == turn["text"] as? String)
            }
            let hits = try read("search", ["words": "Roger"])
            let hit = try #require((hits["hits"] as? [[String: Any]])?.first)
            let (start, end) = (hit["start"] as! Int, hit["end"] as! Int)
            #expect(hit["match"] as? String == "OM-BRW")
            #expect(String(String.UnicodeScalarView(scalars[start..<end])) == "OM-BRW")
            _ = try read("list_codings", ["document": "dmf"])
            _ = try read("run_query", ["query": "Processes"])
            answers.append(try client.call("list_codebook", ["examples_from": "ana", "examples": 5]).text)
            // A proposal quoting the pseudonymised text lands on the stored text's words.
            let sentence = "Thank you for making the time, OM-BRW."
            let proposed = try read(
                "propose_codings",
                [
                    "codings": [
                        [
                            "document": "brw", "quote": sentence, "code": "Processes/Intuiting",
                            "reason": "because: roger, time", "confidence": 0.7,
                        ]
                    ]
                ])
            let written = try #require((proposed["written"] as? [[String: Any]])?.first, "\(proposed)")
            let at = written["start"] as! Int
            #expect(String(String.UnicodeScalarView(scalars[at..<(written["end"] as! Int)])) == sentence)
            // A reason's lower-cased words are matched in any case, for the assistant and in listings.
            let own = try client.call("list_codings", ["coder": "assistant:claude"]).text
            #expect(own.contains("because: OM-BRW, time") && !own.lowercased().contains("roger"))
            let reviewed = try cli.run("proposals", "--format", "json").stdout
            #expect(reviewed.contains("because: OM-BRW, time") && !reviewed.lowercased().contains("roger"))
            #expect(try client.close().status == 0)
            let stored = try #require(
                try Binary.json(
                    cli.run("codings", "--coder", "assistant:claude", "--format", "json", "--no-pseudonymise").stdout)
                    as? [[String: Any]])
            #expect(stored.first?["text"] as? String == "Thank you for making the time, Roger.")
            // Nothing the assistant read held a real name of the table.
            for answer in answers {
                #expect(
                    !answer.contains("Roger") && !answer.contains("Watson") && !answer.contains("LCL"), "\(answer)")
            }
        }

        @Test(
            "the server is a program of its own: intertwine loads no networking library, and without intertwine-mcp beside it mcp says how to install it"
        )
        func handover() throws {
            let libraries = try Binary.run("/usr/bin/ldd", [Binary.url.path], environment: [:], directory: "/")
            #expect(libraries.status == 0 && libraries.stdout.contains("libsqlite3"))
            #expect(!libraries.stdout.contains("libcurl"))
            let server = Binary.url.deletingLastPathComponent().appendingPathComponent("intertwine-mcp")
            let serverLibraries = try Binary.run("/usr/bin/ldd", [server.path], environment: [:], directory: "/")
            #expect(serverLibraries.stdout.contains("libcurl"))
            // intertwine alone in a folder: mcp refuses at once, naming what is missing.
            let cli = try Self.demo()
            let alone = cli.folder.appendingPathComponent("alone")
            try FileManager.default.createDirectory(at: alone, withIntermediateDirectories: true)
            let copy = alone.appendingPathComponent("intertwine")
            try FileManager.default.copyItem(at: Binary.url, to: copy)
            let missing = try Binary.run(
                copy.path, ["mcp"], environment: cli.environment, directory: cli.folder.path, timeout: 30)
            #expect(missing.status != 0 && missing.stdout.isEmpty)
            #expect(missing.stderr.contains("intertwine-mcp is missing") && missing.stderr.contains("scripts/install"))
        }
    }
#endif
