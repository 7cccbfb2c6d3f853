#if AIAssistant
    @testable import AssistantServer
    import CodingEngine
    import Foundation
    import MCP
    import Testing
    import TestSupport

    /// The assistant's tools answered in process, on an in-memory demo: what each gives
    /// the model, and what it refuses (the binary over standard input and output is
    /// EndToEndTests' AssistantServerTests).
    @Suite("The assistant's session: its tools' answers and refusals, in process")
    struct AssistantSessionTests {
        static func session(name: String? = nil) throws -> (AssistantSession, Project) {
            let project = try Support.demoProject()
            let session = AssistantSession(project: project, person: "cleo", name: name)
            session.connected(Client.Info(name: "Claude Desktop", version: "1.2"))
            return (session, project)
        }

        static func json(_ result: CallTool.Result) throws -> Any {
            guard case .text(let text, _, _)? = result.content.first else {
                throw ToolArguments.Problem(description: "no text")
            }
            return try JSONSerialization.jsonObject(with: Data(text.utf8))
        }

        static func text(_ result: CallTool.Result) -> String {
            guard case .text(let text, _, _)? = result.content.first else { return "" }
            return text
        }

        @Test("the assistant is named by --as, else by the client, as a safe coder name")
        func names() throws {
            #expect(try Self.session().0.assistant == "assistant:Claude-Desktop")
            #expect(try Self.session(name: "claude").0.assistant == "assistant:claude")
            #expect(
                AssistantSession.safeName("gpt 4o/mini") == "gpt-4o-mini"
                    && AssistantSession.safeName("") == "assistant")
        }

        @Test("every tool has a description and an object schema; propose_codings requires codings")
        func tools() throws {
            #expect(AssistantTools.all.count == 7)
            for tool in AssistantTools.all {
                #expect((tool.description ?? "").contains(" ") && tool.inputSchema.objectValue?["type"] == "object")
            }
            let propose = try #require(AssistantTools.all.first { $0.name == "propose_codings" })
            #expect(propose.inputSchema.objectValue?["required"] == .array(["codings"]))
        }

        @Test("reading tools: documents, a passage by turns with offsets, arguments checked")
        func reading() throws {
            let (session, project) = try Self.session()
            let documents = try #require(try Self.json(session.call("list_documents", nil)) as? [[String: Any]])
            #expect(documents.map { $0["name"] as? String } == ["brw", "dmf", "rsl"])
            let passage = try #require(
                try Self.json(session.call("read_passage", ["document": "dmf", "turn_from": 2, "turn_to": 3]))
                    as? [String: Any])
            let text = ScalarText(try project.document(named: "dmf").text)
            for turn in try #require(passage["turns"] as? [[String: Any]]) {
                #expect(text.slice(turn["start"] as! Int, turn["end"] as! Int) == turn["text"] as? String)
            }
            let bad = session.call("read_passage", ["document": "dmf", "start": "ten"])
            #expect(bad.isError == true && Self.text(bad).contains("start must be a whole number"))
            let beyond = session.call("read_passage", ["document": "dmf", "start": 5, "end": 99_999])
            #expect(beyond.isError == true && Self.text(beyond).contains("offsets 0–\(text.length)"))
            let nothing = session.call("search", [:])
            #expect(nothing.isError == true && Self.text(nothing) == "give words or a pattern")
        }

        @Test(
            "propose_codings: written as the assistant with provenance and the request's hash; a person's name refused")
        func propose() throws {
            let (session, project) = try Self.session(name: "claude")
            let arguments: [String: Value] = [
                "model": "sonnet",
                "codings": [
                    [
                        "document": "brw", "quote": "I had a nagging feeling for a long time.",
                        "code": "Processes/Intuiting", "reason": "a feeling", "confidence": 1,
                    ],
                    [
                        "document": "brw", "start": 0, "end": 5, "code": "Processes/Intuiting", "reason": "r",
                        "confidence": 0.5, "coder": "ana",
                    ],
                    "nonsense",
                ],
            ]
            let answer = try #require(try Self.json(session.call("propose_codings", arguments)) as? [String: Any])
            #expect((answer["written"] as? [[String: Any]])?.map { $0["index"] as? Int } == [0])
            #expect((answer["refused"] as? [[String: Any]])?.map { $0["index"] as? Int } == [1, 2])
            let stored = try #require(try project.proposals().first)
            #expect(stored.assistant == "assistant:claude" && stored.madeWith == "Claude Desktop 1.2 (sonnet)")
            #expect(stored.requestedBy == "cleo" && stored.confidence == 1)
            #expect(stored.requestSHA256 == StoredText.sha256(try AssistantSession.json(Value.object(arguments))))
            #expect(
                try project.codings(CodingFilter(coders: ["ana"])).count
                    == (try Support.demoProject().codings(CodingFilter(coders: ["ana"]))).count)
            let unknown = session.call("remove_coding", [:])
            #expect(unknown.isError == true && Self.text(unknown).contains("the tools are list_documents"))
        }
    }
#endif
