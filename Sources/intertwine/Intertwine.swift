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
            Every command takes --project PATH and --coder NAME.
            """,
        subcommands: [
            InitCommand.self, ImportCommand.self, DocumentsCommand.self, CasesCommand.self, CaseCommand.self,
            CodebookCommand.self, CodeCommand.self, CodingsCommand.self, StatsCommand.self, DemoCommand.self,
            AgreeCommand.self, DisagreementsCommand.self, MergeCommand.self, ExportCommand.self,
            CooccurCommand.self, MatrixCommand.self, FlowsCommand.self, CompareCommand.self, BackupCommand.self, TUICommand.self,
        ],
        defaultSubcommand: TUICommand.self
    )

    /// Runs a command; errors print as one line on stderr with a non-zero exit.
    static func main() {
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch let error as EngineError {
            fail("\(error)")
        } catch let error as ExchangeError {
            fail("\(error)")
        } catch let error as DatabaseError {
            fail("the project could not be read or written: \(error.message ?? error.resultCode.description)")
        } catch let error as CocoaError {
            fail(error.localizedDescription)
        } catch {
            // ArgumentParser's own errors, help and exit codes.
            exit(withError: error)
        }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data(("intertwine: " + message + "\n").utf8))
        Foundation.exit(1)
    }
}

/// Writes `text` to standard output as it is.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
