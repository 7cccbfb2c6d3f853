import ArgumentParser
import CodingEngine
import Foundation

/// `intertwine backup`: a consistent copy of the project, even while it is open.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the project (SQLite's online backup), safe while the workbench has it open.",
        discussion: "Without -o the copy goes beside the project as PROJECT.backup-YYYYMMDD-HHMMSS.db."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The file to write (refused if it exists).", valueName: "file"))
    var output: String?

    func run() throws {
        let project = try global.openProject()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let path = output ?? (global.projectPath as NSString).deletingPathExtension + ".backup-" + formatter.string(from: Date()) + ".db"
        try project.saveCopy(to: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        emit("backed up \(global.projectPath) to \(path) (\(size / 1024) KiB, \(try project.codings(CodingFilter(), includeText: false).count) codings)\n")
    }
}
