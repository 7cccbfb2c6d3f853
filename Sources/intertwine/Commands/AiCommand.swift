import ArgumentParser
import CodingEngine

/// `intertwine ai on|off`: whether AI assistants may work on the project.
struct AiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ai",
        abstract: "Let AI assistants work on the project (on) or not (off); without on or off, say which.",
        discussion: """
            Stored in the project, so it holds for everyone who opens it: while off, `intertwine mcp` refuses to \
            start and no proposal is stored. Proposals already made stay, to be reviewed or removed. A build \
            without the assistant (`swift build --disable-default-traits`) has no `mcp` command at all.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: Switch.help) var setting: Switch?

    func run() throws {
        let project = try global.openProject()
        if let setting { try project.setAssistantsAllowed(setting == .on) }
        let allowed = try project.assistantsAllowed()
        emit(
            allowed
                ? "AI assistants may propose codings in this project (\(McpAvailability.sentence))\n"
                : "AI assistants are switched off in this project: `intertwine mcp` refuses to start\n")
    }
}

/// Whether this build has the assistant's server, in words.
enum McpAvailability {
    #if AIAssistant
        static let sentence = "`intertwine mcp` serves it to them; `intertwine ai off` switches them off"
    #else
        static let sentence = "but this build of intertwine has no `mcp` command"
    #endif
}
