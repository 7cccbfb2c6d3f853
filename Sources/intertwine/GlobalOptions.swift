import ArgumentParser
import CodingEngine
import Foundation

/// Options every command takes: which project, and who is coding.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The project file (else $INTERTWINE_PROJECT, else ./intertwine.db).", valueName: "path"))
    var project: String?

    @Option(name: .long, help: ArgumentHelp("Who is coding (else $INTERTWINE_CODER, else $USER).", valueName: "name"))
    var coder: String?

    @Flag(name: [.customShort("q"), .long], help: "No progress notes on standard error (they are shown only on a terminal anyway).")
    var quiet = false

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    func validate() throws {
        if quiet { ProgressNote.silence() }
    }

    /// The project path the options and environment name.
    var projectPath: String {
        if let project, !project.isEmpty { return project }
        if let path = environment["INTERTWINE_PROJECT"], !path.isEmpty { return path }
        return "intertwine.db"
    }

    /// The coder the options and environment name.
    func coderName() throws -> String {
        for candidate in [coder, environment["INTERTWINE_CODER"], environment["USER"]] {
            if let name = candidate?.trimmingCharacters(in: .whitespaces), !name.isEmpty { return name }
        }
        throw EngineError.noCoder
    }

    /// Opens the named project; a missing one is an error that says how to create it.
    func openProject() throws -> Project {
        try Project.open(at: projectPath)
    }

    /// Opens the named project for a command that only reads it: never waiting for
    /// another coder's write transaction.
    func openProjectForReading() throws -> Project {
        try Project.openForReading(at: projectPath)
    }
}
