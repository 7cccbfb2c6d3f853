import ArgumentParser
import CodingEngine
import Exchange
import Foundation

/// `intertwine export`: the project in formats other tools read.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the project as REFI-QDA (qdpx), or its codebook (qdc).",
        discussion: "A .qdpx opens in NVivo, MAXQDA, ATLAS.ti and QualCoder; positions are Unicode code points."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case qdpx, qdc }

    @OptionGroup var global: GlobalOptions

    @Option(help: "qdpx (the whole project) or qdc (the codebook).")
    var format: Format

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The file to write.", valueName: "file"))
    var output: String?

    func run() throws {
        let project = try global.openProject()
        switch format {
        case .qdpx:
            guard let output else { throw ValidationError("name the file to write with -o FILE.qdpx") }
            let written = try RefiExport.writeProject(project, to: output)
            emit("wrote \(output): \(written.sources) sources, \(written.codings) codings\n")
        case .qdc:
            let text = try RefiExport.codebook(project)
            if let output {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                emit("wrote \(output): \(try project.codebook().codes.count) codes\n")
            } else {
                emit(text)
            }
        }
    }
}
