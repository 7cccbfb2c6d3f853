import ArgumentParser
import CodingEngine
import Foundation
import NcursesTerminal
import TeamServer
import Workbench

/// `intertwine tui` (and `intertwine` alone): the workbench.
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the workbench on the project (the default command).",
        discussion: "Code at the keyboard; ? shows the keys. Every change is saved as it is made."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try Workbench.open(global.openProject(), path: global.projectPath, coder: global.coderName())
    }

    /// Opens the workbench in the terminal, or explains that it needs one.
    enum Workbench {
        static var hasTerminal: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

        static func open(_ project: Project, path: String, coder: String) throws {
            guard hasTerminal else {
                throw ValidationError(
                    "the workbench needs a terminal; run it in one, or use the listing commands (intertwine --help)")
            }
            let name = PathName.fileName(path)
            // A team project's server keeps its own backups; its replica is a copy already.
            let backups = project.isTeamProject ? nil : RollingBackup(project: project)
            if project.isTeamProject { TeamProject.startListening(project) }
            // The screen is the workbench's: the engine's progress notes (a command line's,
            // on standard error) would be drawn over it.
            ProgressNote.silence()
            let environment = ProcessInfo.processInfo.environment
            try TerminalApp.run(color: environment["NO_COLOR"] == nil) { width, height, colors in
                let session = Session(
                    store: project, coder: coder, projectName: name, width: width, height: height,
                    colors: colors > 0, colorCount: colors)
                session.afterWrite = { _ = try? backups?.backupIfDue() }
                // The recordings' player is looked for where the shell looks for programs.
                let searchPath = environment["PATH"] ?? ""
                session.play = { file, start, end throws(Recording.Problem) in
                    try Player.play(file: file, start: start, end: end, searchPath: searchPath)
                }
                return session
            }
        }
    }
}
