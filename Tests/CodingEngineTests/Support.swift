import CodingEngine
import Foundation

/// Helpers shared by the engine's tests.
enum Support {
    /// The repository's root folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("intertwine-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `bytes` to `name` in `folder` and returns the path.
    @discardableResult
    static func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    @discardableResult
    static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        try write(Array(text.utf8), name, in: folder)
    }

    /// An in-memory project with the bundled 5I codebook.
    static func project() throws -> Project {
        try Project.inMemory(codebook: DemoProject.bundledCodebook())
    }

    /// A small codebook for hand-computed examples.
    static let smallCodebook = """
        name: Small
        codes:
          - name: Processes
            codable: false
            color: "#4363d8"
            children:
              - {name: Intuiting, hotkey: "1", color: "#e6194b"}
              - {name: Interpreting, hotkey: "2", color: "#f58231"}
          - {name: Customer, color: "#000000"}
        """
}
