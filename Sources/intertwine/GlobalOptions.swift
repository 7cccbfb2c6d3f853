import ArgumentParser
import CodingEngine
import Foundation
import TeamServer

/// Options every command takes: which project, and who is coding.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The project file, or a team project's postgresql://HOST[:PORT]/DATABASE (else $INTERTWINE_PROJECT, else ./intertwine.db).",
            valueName: "path"))
    var project: String?

    @Option(name: .long, help: ArgumentHelp("Who is coding (else $INTERTWINE_CODER, else $USER).", valueName: "name"))
    var coder: String?

    @Flag(
        name: [.customShort("q"), .long],
        help: "No progress notes on standard error (they are shown only on a terminal anyway).")
    var quiet = false

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Print and write it pseudonymised: each real name of the pseudonym table replaced, offsets mapped (else the project's `intertwine pseudonym default`)."
        ))
    var pseudonymise: Bool?

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

    /// Whether the project is a team project on a server.
    var isTeamProject: Bool { TeamAddress.isAddress(projectPath) }

    /// The team project's address, with the connection settings of the environment.
    func teamAddress() throws -> TeamAddress { try TeamAddress(projectPath, environment: environment) }

    /// The coder the options and environment name; in a team project, after the
    /// options, the server role the connection uses.
    func coderName() throws -> String {
        // The address is read only when the options and environment name no one.
        let candidates: [() -> String?] = [
            { coder }, { environment["INTERTWINE_CODER"] },
            { isTeamProject ? (try? teamAddress())?.user : nil }, { environment["USER"] },
        ]
        for candidate in candidates {
            if let name = candidate()?.trimmingCharacters(in: .whitespaces), !name.isEmpty { return name }
        }
        throw EngineError.noCoder
    }

    /// Who is looking, when blind coding is on (they see only their own codings and
    /// others' of documents they marked done); nil when it is off.
    func viewer(_ project: Project) throws -> String? {
        guard try project.blindCoding() else { return nil }
        return try coderName()
    }

    /// Refuses, while blind coding is on, a command that shows every coder's codings side by side.
    func refuseWhileBlind(_ project: Project, _ what: String) throws {
        guard try project.blindCoding() else { return }
        throw ValidationError(
            "blind coding is on: \(what) would show other coders' codings; turn it off first (`intertwine blind off`)")
    }

    /// Opens the named project; a missing one is an error that says how to create it.
    /// It is looked at by the coder running the command (`Project.viewer`): while blind
    /// coding is on, every listing, count and export shows only what they may see.
    ///
    /// What the command prints is pseudonymised from here on when `--pseudonymise` (or
    /// the project's default) says so; `realNames` is for the commands that show the
    /// pseudonym table itself, which is never written pseudonymised.
    func openProject(realNames: Bool = false) throws -> Project {
        let project =
            isTeamProject
            ? try TeamProject.open(teamAddress(), environment: environment) : try Project.open(at: projectPath)
        project.viewer = (try? coderName()) ?? ""
        try choosePseudonyms(project, realNames: realNames)
        return project
    }

    /// Opens the named project for a command that only reads it: never waiting for
    /// another coder's write transaction. Looked at as `openProject` says.
    func openProjectForReading(realNames: Bool = false) throws -> Project {
        let project =
            isTeamProject
            ? try TeamProject.open(teamAddress(), environment: environment, forReading: true)
            : try Project.openForReading(at: projectPath)
        project.viewer = (try? coderName()) ?? ""
        try choosePseudonyms(project, realNames: realNames)
        return project
    }

    private func choosePseudonyms(_ project: Project, realNames: Bool) throws {
        guard realNames else {
            try OutputPseudonyms.choose(project, asked: pseudonymise)
            return
        }
        if pseudonymise == true {
            throw ValidationError(
                "the pseudonym table is shown only with its real names (and never inside a pseudonymised export): leave out --pseudonymise"
            )
        }
        OutputPseudonyms.current = nil
    }
}
