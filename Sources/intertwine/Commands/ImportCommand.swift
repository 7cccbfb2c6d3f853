import ArgumentParser
import CodingEngine
import Exchange
import Foundation
import TeamServer

/// `intertwine import`: bring transcripts into the project.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import transcripts (.txt, .md, .docx, .vtt, .srt) or a REFI-QDA project (.qdpx).",
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
        let projects = paths.filter { $0.lowercased().hasSuffix(".qdpx") }
        if !projects.isEmpty {
            guard projects.count == paths.count else {
                throw ValidationError("import .qdpx projects on their own, not with transcripts")
            }
            for path in projects { try importProject(path) }
            return
        }
        let project = try global.openProject()
        ProgressNote.show("reading and storing transcripts…")
        defer { ProgressNote.clear() }
        let report = try project.importTranscripts(
            paths, caseName: `case`, extensions: TranscriptFormats.extensions,
            reader: TranscriptFormats.read)
        for document in report.imported {
            emit(
                "imported \(document.name) (case \(document.caseName), \(document.turns) turns, \(document.length) characters)\n"
            )
        }
        for name in report.unchanged {
            emit("unchanged \(name): already in the project with the same text\n")
        }
        emit("\(report.imported.count) imported, \(report.unchanged.count) unchanged\n")
    }

    /// Imports a REFI-QDA project into the project, creating it when it is missing.
    func importProject(_ path: String) throws {
        ProgressNote.show("reading \(path)…")
        defer { ProgressNote.clear() }
        let target = global.projectPath
        var created = FileKind.of(target, followingLinks: false) == .missing
        var imported: (report: RefiImport.Report, stored: BundleReport)?
        if global.isTeamProject {
            let address = try global.teamAddress()
            do {
                imported = try RefiImport.store(path, into: TeamProject.open(address, environment: global.environment))
                created = false
            } catch TeamError.teamProjectMissing {
                _ = try TeamProject.create(
                    address, codebook: CodebookFile(name: PathName.fileName(path), codes: []),
                    environment: global.environment
                ) { project in
                    imported = try RefiImport.store(path, into: project)
                }
                created = true
            }
        } else if created {
            // Built complete in its hidden file, then renamed into place: a failure or a
            // kill leaves no project behind.
            _ = try Project.create(at: target, codebook: CodebookFile(name: PathName.fileName(path), codes: [])) {
                project in
                imported = try RefiImport.store(path, into: project)
                // The project is the importing coder's: the creating user of its exports.
                if let coder = try? global.coderName() { try project.setCreator(coder) }
            }
        } else {
            imported = try RefiImport.store(path, into: Project.open(at: target))
        }
        // Safe: every branch above stores the file (setting `imported`) or throws.
        let (r, stored) = imported!
        emit(
            "imported \(path) into \(target)\(created ? " (new)" : ""): \(r.sources) sources (\(stored.documentsAdded) new, "
        )
        emit(
            "\(stored.documentsUnchanged) already here), \(r.codes) codes (\(stored.codesAdded) new), \(r.codings) codings "
        )
        emit(
            "(\(stored.codingsAdded) new), \(r.coders) coders, \(r.memos) memos, \(r.cases) cases"
                + (r.queries == 0
                    ? ""
                    : ", \(Words.count(r.queries, "saved query", plural: "saved queries")) (\(stored.queriesAdded) new)")
                + (stored.settlementsAdded == 0
                    ? "" : ", \(Words.count(stored.settlementsAdded, "settling decision")) new")
                + "; positions in \(r.positions)\n")
        for skipped in r.skipped { emit("skipped \(skipped)\n") }
    }
}
