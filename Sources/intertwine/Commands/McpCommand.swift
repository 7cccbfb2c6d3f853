#if AIAssistant
    import ArgumentParser
    import CodingEngine
    import Foundation

    /// `intertwine mcp`: serves the project to an AI assistant over the Model Context Protocol.
    struct McpCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mcp",
            abstract: "Serve the project to an AI assistant (Model Context Protocol on standard input and output).",
            discussion: """
                Started by an MCP client (Claude Desktop, an editor, a local model's client), never by hand: it reads \
                JSON-RPC messages on standard input and answers on standard output until the client closes it. The \
                assistant may read the documents, the codebook, the codings it may see (none of another coder's while \
                blind coding is on), search and run queries, and propose codings: each is checked and stored as the \
                coder assistant:NAME with the client, model, reason, confidence, time and a SHA-256 of the request, \
                for you to accept or reject (`intertwine proposals`, or S in the workbench). It can change nothing \
                else. NAME is --as, else the client's own name. `intertwine ai off` stops it from starting.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Option(
            name: .customLong("as"),
            help: ArgumentHelp("The assistant's name (coder assistant:NAME).", valueName: "name"))
        var name: String?

        func run() throws {
            guard !global.isTeamProject else {
                throw ValidationError(
                    "an assistant works on a project file, not a team project: pull a copy (`intertwine pull`), serve that, review the proposals, and sync it back"
                )
            }
            let project = try global.openProject()
            let allowed = try project.assistantsAllowed()
            // Closed before the hand-over: the server opens it afresh, and no lock or file of
            // this process's outlives it.
            try project.close()
            guard allowed else { throw EngineError.assistantSwitchedOff(path: global.projectPath) }
            let person = try global.coderName()
            guard !Assistant.isAssistant(person) else {
                throw ValidationError(
                    "run the assistant as yourself (--coder or $INTERTWINE_CODER names a person), not as \(person)")
            }
            let path = try AssistantProgram.path()
            var arguments = [path, "--project", global.projectPath, "--coder", person]
            if let name { arguments += ["--as", name] }
            StandardOutput.flush()
            try AssistantProgram.exec(arguments)
        }
    }
#endif
