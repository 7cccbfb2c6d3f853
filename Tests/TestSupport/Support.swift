import CodingEngine
import Foundation
import Workbench

/// What every test target shares: the repository's folder, temporary folders and
/// files, the demo as a project and as a workbench session, and reading the screen.
public enum Support {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A fresh temporary folder, its name starting with `prefix`.
    public static func temporaryFolder(_ prefix: String = "intertwine-tests") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `bytes` to `name` in `folder` and returns the path.
    @discardableResult
    public static func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    @discardableResult
    public static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        try write(Array(text.utf8), name, in: folder)
    }

    /// An in-memory project with the bundled 5I codebook.
    public static func project() throws -> Project {
        try Project.inMemory(codebook: DemoProject.bundledCodebook())
    }

    /// An in-memory copy of the demo: three interviews, ana's and ben's codings.
    public static func demoProject() throws -> Project {
        let project = try project()
        try DemoProject.populate(project)
        return project
    }

    /// A workbench session on an in-memory copy of the demo.
    public static func demoSession(
        width: Int = 120, height: Int = 40, coder: String = "cleo", proposals: Bool = false
    ) throws -> (Session, Project) {
        let project = try demoProject()
        if proposals { try addDemoProposals(project) }
        return (Session(store: project, coder: coder, projectName: "demo.db", width: width, height: height), project)
    }

    /// Three codings of brw an AI assistant (assistant:claude) proposed, each by its quote:
    /// confidence 0.93, 0.71 and 0.35.
    public static func addDemoProposals(_ project: Project) throws {
        let source = ProposalSource(
            assistant: "claude", requestedBy: "ana", client: "claude-ai", clientVersion: "0.14",
            model: "claude-sonnet-4-5",
            requestSHA256: String(repeating: "0", count: 64))
        let outcome = try project.propose(
            [
                ProposedCoding(
                    document: "brw", quote: "I had a nagging feeling for a long time.", code: "Processes/Intuiting",
                    reason: "Roger senses a change before he can say what it is: the definition's 'I had a feeling'.",
                    confidence: 0.93),
                ProposedCoding(
                    document: "brw",
                    quote: "They stopped asking about price and started asking about capability, about our systems.",
                    code: "Knowledge source/Customer",
                    reason: "The customer's new questions are where the knowledge comes from.", confidence: 0.71),
                ProposedCoding(
                    document: "brw", quote: "My father started it in a railway arch in 1974 with two lathes",
                    code: "Processes/Intuiting", reason: "The firm's beginnings as a sensed opportunity.",
                    confidence: 0.35),
            ], from: source)
        guard outcome.refused.isEmpty else {
            throw NotOnScreen(description: "demo proposals refused: \(outcome.refused)")
        }
    }

    /// A small codebook for hand-computed examples.
    public static let smallCodebook = """
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

    /// Something looked for on the screen and not there.
    public struct NotOnScreen: Error, CustomStringConvertible {
        public var description: String
    }

    /// The column of `needle` on `row`, or an error that names them (not the whole screen).
    public static func column(_ screen: ScreenBuffer, _ needle: String, row: Int) throws -> Int {
        guard let x = screen.column(of: needle, row: row) else {
            throw NotOnScreen(description: "\"\(needle)\" is not on row \(row): \(screen.line(row))")
        }
        return x
    }

    /// The first row matching `test`, or an error listing the screen's text.
    public static func row(_ screen: ScreenBuffer, _ test: (String) -> Bool) throws -> Int {
        guard let y = screen.lines.firstIndex(where: test) else {
            throw NotOnScreen(description: "no such row on the screen:\n" + screen.lines.joined(separator: "\n"))
        }
        return y
    }
}
