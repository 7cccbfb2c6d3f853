import Foundation

/// The bundled demo: three owner-manager interviews (BRW, RSL, DMF, after the cases
/// of Jones & Macpherson 2006), the 5I codebook, and two coders' codings.
public enum DemoProject {
    /// The transcripts of the demo, by their path in the repository.
    public static let transcriptPaths = ["transcripts/brw.txt", "transcripts/rsl.txt", "transcripts/dmf.md"]
    public static let codingsPath = "transcripts/demo-codings.yaml"

    /// The codebook bundled as `codebooks/NAME.yaml` (`5i`, the default, or `4i`).
    public static func bundledCodebook(_ name: String = "5i") throws -> CodebookFile {
        let path = "codebooks/\(name).yaml"
        guard let yaml = BundledFiles.contents[path] else { throw EngineError.fileMissing(path: path) }
        var file = try CodebookFile.parse(yaml, file: path)
        // Every project made from a bundled codebook names its codes with the same GUIDs
        // (from the codebook's name and each code's path), so a code keeps its identity
        // when a .qdpx of another such project is imported or merged.
        func named(_ codes: [CodeDefinition], under parent: String) -> [CodeDefinition] {
            codes.map { code in
                var code = code
                let path = parent.isEmpty ? code.name : parent + "/" + code.name
                code.guid =
                    code.guid ?? GUID.named(seed: "intertwine bundled codebook \(name)", kind: "code", key: path)
                code.children = named(code.children, under: path)
                return code
            }
        }
        file.codes = named(file.codes, under: "")
        return file
    }

    /// Where `intertwine demo` keeps the demo project:
    /// `$XDG_DATA_HOME/intertwine/demo.db`, else `~/.local/share/intertwine/demo.db`.
    public static func defaultPath(environment: [String: String]) -> String {
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            base = xdg
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return base + "/intertwine/demo.db"
    }

    /// Opens the demo project at `path`, creating it first when it is missing (built
    /// complete before it appears under its name; see `Project.create`).
    public static func openOrCreate(at path: String) throws -> (project: Project, created: Bool) {
        if FileKind.of(path) != .missing {
            return (try Project.open(at: path), false)
        }
        try FileManager.default.createDirectory(
            atPath: PathName.folderOrCurrent(path), withIntermediateDirectories: true)
        return (try Project.create(at: path, codebook: bundledCodebook(), populate: populate), true)
    }

    /// Imports the demo interviews and codings into `project`.
    public static func populate(_ project: Project) throws {
        let transcripts = try transcriptPaths.map { path -> Transcript in
            guard let text = BundledFiles.contents[path] else { throw EngineError.fileMissing(path: path) }
            let name = PathName.baseName(path)
            return try Transcript.parse(bytes: Array(text.utf8), path: path, name: name, caseName: nil, folderName: nil)
        }
        try project.store(transcripts)
        guard let codings = BundledFiles.contents[codingsPath] else { throw EngineError.fileMissing(path: codingsPath) }
        try AnchoredCodings.parse(codings, file: codingsPath).apply(to: project, file: codingsPath)
    }
}
