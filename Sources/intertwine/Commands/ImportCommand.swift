import ArgumentParser
import CodingEngine

/// `intertwine import`: bring transcripts into the project.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import transcripts (.txt, .md): files, or folders searched with their subfolders.",
        discussion: """
            The case of each transcript comes from `case:` in its front matter, else --case, else the name \
            of its folder. All files are checked before anything is stored; one bad file stops the import \
            and leaves the project as it was.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The case for transcripts whose front matter names none.", valueName: "name"))
    var `case`: String?

    @Argument(help: ArgumentHelp("Transcript files or folders.", valueName: "path"))
    var paths: [String]

    func run() throws {
        let project = try global.openProject()
        let report = try project.importTranscripts(paths, caseName: `case`)
        for document in report.imported {
            emit("imported \(document.name) (case \(document.caseName), \(document.turns) turns, \(document.length) characters)\n")
        }
        for name in report.unchanged {
            emit("unchanged \(name): already in the project with the same text\n")
        }
        emit("\(report.imported.count) imported, \(report.unchanged.count) unchanged\n")
    }
}
