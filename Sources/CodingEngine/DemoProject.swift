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
        return try CodebookFile.parse(yaml, file: path)
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

    /// Opens the demo project at `path`, creating it first when it is missing.
    /// Creation happens in a temporary file that is renamed into place when complete,
    /// so an interrupted run never leaves a half-built demo behind.
    public static func openOrCreate(at path: String) throws -> (project: Project, created: Bool) {
        if FileManager.default.fileExists(atPath: path) {
            return (try Project.open(at: path), false)
        }
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let partial = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            let project = try Project.inMemory(codebook: bundledCodebook())
            try populate(project)
            try project.saveCopy(to: partial)
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
        return (try Project.open(at: path), true)
    }

    /// Imports the demo interviews and codings into `project`.
    public static func populate(_ project: Project) throws {
        let transcripts = try transcriptPaths.map { path -> Transcript in
            guard let text = BundledFiles.contents[path] else { throw EngineError.fileMissing(path: path) }
            let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            return try Transcript.parse(bytes: Array(text.utf8), path: path, name: name, caseName: nil, folderName: nil)
        }
        try project.store(transcripts)
        guard let codings = BundledFiles.contents[codingsPath] else { throw EngineError.fileMissing(path: codingsPath) }
        try AnchoredCodings.parse(codings, file: codingsPath).apply(to: project, file: codingsPath)
    }
}
