import ArgumentParser
import CodingEngine
import Foundation
import Exchange
import GRDB

/// `intertwine`: code interview transcripts with the 4I/5I framework.
@main
struct Intertwine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intertwine",
        abstract: "Code interview transcripts with a codebook such as the 4I/5I learning framework.",
        discussion: """
            With no command, opens the workbench on the project (see `intertwine help tui`).
            Offsets are Unicode scalars of the stored text, counted from 0, end exclusive.
            Every command takes --project PATH, --coder NAME and --quiet (no progress notes).
            """,
        subcommands: [
            InitCommand.self, ImportCommand.self, DocumentsCommand.self, DocumentCommand.self, CasesCommand.self,
            CaseCommand.self,
            CodebookCommand.self, CodeCommand.self, RecodeCommand.self, QueryCommand.self, SearchCommand.self,
            MemoCommand.self, CodingsCommand.self, StatsCommand.self, DemoCommand.self,
            AgreeCommand.self, BlindCommand.self, DisagreementsCommand.self, ConsensusCommand.self, SettleCommand.self,
            MergeCommand.self, ExportCommand.self,
            CooccurCommand.self, MatrixCommand.self, FlowsCommand.self, CompareCommand.self, BackupCommand.self,
            PushCommand.self, PullCommand.self, SyncCommand.self, TeamCommand.self, AiCommand.self,
            ProposalsCommand.self, SuggestCommand.self, PseudonymCommand.self, MethodsCommand.self, TUICommand.self,
        ] + assistantCommands,
        defaultSubcommand: TUICommand.self
    )

    /// The assistant's server, in a build that has it.
    #if AIAssistant
        static let assistantCommands: [ParsableCommand.Type] = [McpCommand.self]
    #else
        static let assistantCommands: [ParsableCommand.Type] = []
    #endif

    /// Runs a command; errors print as one line on stderr with a non-zero exit.
    static func main() {
        StandardOutput.prepare()
        let arguments = Array(CommandLine.arguments.dropFirst())
        // ArgumentParser's time grows with the square of a list's length (60,000 ids: over
        // two minutes), so a longer command line is refused at once, saying what to do.
        if arguments.count > maximumArguments {
            fail(
                "\(Words.thousands(arguments.count)) arguments are more than the \(Words.thousands(maximumArguments)) a command takes; "
                    + "name a folder rather than its files (import), or write the ids in a file for --ids-from (recode)",
                status: .usage)
        }
        #if !AIAssistant
            if arguments.first == "mcp" {
                fail(
                    "this intertwine was built without the AI assistant (swift build --disable-default-traits): it has no mcp command",
                    status: .usage)
            }
        #endif
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            refuseArguments(error, arguments)
        }
        do {
            WorkProgress.shower = ProgressNote.shower
            try command.run()
            ProgressNote.clear()
            StandardOutput.flush()
        } catch {
            StandardOutput.flush()
            if exitCode(for: error) == .success || error is CleanExit { exit(withError: error) }
            fail(ErrorMessage.describe(error), status: ExitStatus.of(error))
        }
    }

    /// The most arguments a command line may have.
    static let maximumArguments = 1_000

    /// Help and version print as ArgumentParser does; a mistake in the arguments is
    /// one line that says where to look.
    private static func refuseArguments(_ error: Error, _ arguments: [String]) -> Never {
        if exitCode(for: error) == .success { exit(withError: error) }
        let beforeSeparator = arguments.prefix { $0 != "--" }
        if let file = beforeSeparator.first(where: { $0.count > 1 && $0.hasPrefix("-") && FileKind.of($0) != .missing })
        {
            fail(
                "\(file) is read as an option; to name a file that starts with -, put -- before it: intertwine \(arguments.first ?? "import") -- \(file)",
                status: .usage)
        }
        var message = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
        // "12 unexpected arguments: 'a', 'b', …": the first few, not a screenful.
        if message.count > 300 { message = String(message.prefix(280)) + " …" }
        let subcommand = arguments.first { !$0.hasPrefix("-") }.flatMap { name in
            configuration.subcommands.first { $0.configuration.commandName == name }.map { _ in name }
        }
        let help = subcommand.map { "intertwine \($0) --help" } ?? "intertwine --help"
        fail(message.replacingOccurrences(of: "Error: ", with: "") + " (see `\(help)`)", status: .usage)
    }

    private static func fail(_ message: String, status: ExitStatus) -> Never {
        StandardOutput.error("intertwine: " + message)
        Foundation.exit(status == .done ? ExitStatus.refused.rawValue : status.rawValue)
    }
}

/// Writes `text` to standard output through the checked writer. Messages and
/// tables (`data: false`) always show control characters as escapes; data (CSV,
/// JSON, Markdown, HTML, YAML; `data: true`) is written exactly, except on a
/// terminal, where its controls are shown as escapes too.
func emit(_ text: String, data: Bool = false) {
    StandardOutput.write(OutputPseudonyms.text(text), exact: data)
}
