import ArgumentParser
import CodingEngine
import Exchange
import Foundation
import TeamServer

/// `intertwine init`: create a project.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a project file with a codebook (the 5I codebook unless --codebook names another).",
        discussion: """
            Refuses to overwrite an existing file. With --project postgresql://HOST[:PORT]/DATABASE, creates a team project \
            in that (existing) database instead; you become its first lead (see `intertwine team --help`).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("A codebook YAML file, or a bundled one: 5i (default) or 4i.", valueName: "file"))
    var codebook: String?

    func run() throws {
        let file = try CodebookSource.load(codebook ?? "5i")
        let project =
            global.isTeamProject
            ? try TeamProject.create(global.teamAddress(), codebook: file, environment: global.environment)
            : try Project.create(at: global.projectPath, codebook: file) { project in
                if let coder = try? global.coderName() { try project.setCreator(coder) }
            }
        let codes = try project.codebook().codes
        emit("created \(global.projectPath) with the codebook \"\(file.name)\" (\(Words.count(codes.count, "code")))\n")
        emit("next: intertwine import FILES... --project \(global.projectPath)\n")
    }
}

/// Finds a codebook by file path or bundled name.
enum CodebookSource {
    static func load(_ nameOrPath: String) throws -> CodebookFile {
        if FileKind.of(nameOrPath) != .missing {
            if nameOrPath.lowercased().hasSuffix(".qdc") {
                return try QdcImport.read(path: nameOrPath)
            }
            let bytes = try FileKind.contents(nameOrPath)
            if let bad = StoredText.firstInvalidUTF8Offset(bytes) {
                throw EngineError.notUTF8(path: nameOrPath, byteOffset: bad)
            }
            return try CodebookFile.parse(String(decoding: bytes, as: UTF8.self), file: nameOrPath)
        }
        if ["4i", "5i"].contains(nameOrPath.lowercased()) {
            return try DemoProject.bundledCodebook(nameOrPath.lowercased())
        }
        throw EngineError.fileMissing(path: nameOrPath)
    }
}
