#if AIAssistant
    import CodingEngine
    import Foundation
    import MCP

    /// Serves a project to an AI assistant over the Model Context Protocol on standard
    /// input and output (JSON-RPC 2.0, one message a line): the tools of
    /// `AssistantTools`, each document's text as a resource, and a prompt to code an
    /// interview with the codebook. It returns when the client closes its input.
    public enum AssistantServer {
        /// intertwine's own version, as the server names itself in `initialize`.
        public static let version = "1.0"

        /// Serves `project` for `person` until the client goes; `name` (`--as`) names
        /// the assistant, else the client's own name does.
        public static func serve(project: Project, person: String, name: String?) async throws {
            let session = AssistantSession(project: project, person: person, name: name)
            let server = Server(
                name: "intertwine", version: version, title: "intertwine: qualitative coding",
                instructions: instructions,
                capabilities: .init(
                    prompts: .init(listChanged: false), resources: .init(listChanged: false),
                    tools: .init(listChanged: false)))
            await server.withMethodHandler(ListTools.self) { _ in .init(tools: AssistantTools.all) }
            await server.withMethodHandler(CallTool.self) { params in session.call(params.name, params.arguments) }
            await server.withMethodHandler(ListResources.self) { _ in
                .init(resources: try session.resources(), nextCursor: nil)
            }
            await server.withMethodHandler(ReadResource.self) { params in
                .init(contents: [try session.resource(params.uri)])
            }
            await server.withMethodHandler(ListPrompts.self) { _ in .init(prompts: AssistantPrompt.all, nextCursor: nil)
            }
            await server.withMethodHandler(GetPrompt.self) { params in
                try session.prompt(params.name, params.arguments)
            }
            try await server.start(transport: StdioTransport()) { client, _ in session.connected(client) }
            await server.waitUntilCompleted()
            await server.stop()
        }

        static let instructions = """
            This server is a qualitative research project in intertwine: interview transcripts \
            (documents, grouped in cases) and a codebook. You may read everything you are \
            shown and propose codings; a researcher accepts or rejects each proposal, and \
            nothing you propose becomes their coding until they do. Use only the codebook's \
            codes, quote passages exactly, give a reason and a confidence for each proposal, \
            and never propose again a code the researcher rejected for a passage. Offsets are \
            Unicode scalar positions in the stored text, end-exclusive.
            """
    }
#endif
