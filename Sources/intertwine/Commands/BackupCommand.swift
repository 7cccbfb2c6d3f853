import ArgumentParser
import CodingEngine
import Foundation

/// `intertwine backup`: a consistent copy of the project, even while it is open.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract:
            "Write a consistent copy of the project (SQLite's online backup), safe while the workbench has it open.",
        discussion: """
            Without -o the copy goes beside the project as PROJECT.backup-YYYYMMDD-HHMMSS.db (with -2, -3, ... when \
            that name is taken). The copy is written under a temporary name and renamed when complete; nothing is \
            ever written over an existing file.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp("The file to write (refused if it exists).", valueName: "file"))
    var output: String?

    func run() throws {
        let project = try global.openProjectForReading()
        let path: String
        if let output {
            try project.saveCopy(to: output)
            path = output
        } else if global.isTeamProject {
            throw ValidationError("name the file for a team project's copy: intertwine backup -o FILE.db")
        } else {
            path = try saveBesideProject(project)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        emit(
            "backed up \(global.projectPath) to \(path) (\(size / 1024) KiB, \(try project.codings(CodingFilter(), includeText: false).count) codings)\n"
        )
    }

    /// Saves under the first free name of PROJECT.backup-STAMP.db, -2.db, -3.db, ...
    private func saveBesideProject(_ project: Project) throws -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let base = PathName.deletingExtension(global.projectPath) + ".backup-" + formatter.string(from: Date())
        for n in 1...999 {
            let candidate = base + (n == 1 ? "" : "-\(n)") + ".db"
            do {
                try project.saveCopy(to: candidate)
                return candidate
            } catch EngineError.outputExists, EngineError.outputRefused {
                continue
            }
        }
        throw EngineError.outputExists(path: base + ".db")
    }
}
