import Foundation

/// Runs the built `intertwine` binary as a researcher would, in a temporary folder.
struct Binary {
    /// What a run printed and how it exited.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built binary: beside the test bundle in SwiftPM's build folder.
    static let url: URL = {
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("intertwine"))
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("intertwine"))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/intertwine"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// The repository's root folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let folder: URL
    var environment: [String: String]

    /// A binary run in a fresh temporary folder, with a project and coder set through
    /// the environment, no terminal, and a private data folder for the demo.
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("intertwine-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        environment = ["PATH": "/usr/bin:/bin", "HOME": folder.path, "XDG_DATA_HOME": folder.appendingPathComponent("data").path,
                       "INTERTWINE_PROJECT": folder.appendingPathComponent("project.db").path, "INTERTWINE_CODER": "ana"]
    }

    var projectPath: String { environment["INTERTWINE_PROJECT"]! }

    @discardableResult
    func run(_ arguments: String...) throws -> Run { try run(arguments) }

    func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = Self.url
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Writes a file in the run's folder and returns its path.
    @discardableResult
    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    @discardableResult
    func write(_ text: String, _ name: String) throws -> String { try write(Array(text.utf8), name) }

    /// Parses JSON printed by a command.
    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// Everything the project holds, as its own listings show it, to prove that a
    /// refused command changed nothing.
    func projectContents() throws -> String {
        try [["documents"], ["cases"], ["codebook"], ["codings"]].map { command in
            try run(command + ["--format", "json"]).stdout
        }.joined(separator: "\n")
    }
}
