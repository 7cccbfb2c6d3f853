import ArgumentParser
import CodingEngine
import Foundation

/// `intertwine demo`: the bundled demo project.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Open the demo project (three interviews, the 5I codebook, codings by ana and ben), creating it if missing.",
        discussion: """
            The demo lives in $XDG_DATA_HOME/intertwine/demo.db, else ~/.local/share/intertwine/demo.db; \
            --project puts it elsewhere. In a terminal it opens the workbench; without one it prints a summary.
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let path = global.project ?? DemoProject.defaultPath(environment: global.environment)
        let (project, created) = try DemoProject.openOrCreate(at: path)
        guard TUICommand.Workbench.hasTerminal else {
            emit(try ProjectSummary.text(project, path: path, created: created))
            return
        }
        try TUICommand.Workbench.open(project, path: path, coder: (try? global.coderName()) ?? "you")
    }
}

/// What `intertwine demo` prints: where the project is and what it holds.
enum ProjectSummary {
    static func text(_ project: Project, path: String, created: Bool) throws -> String {
        let cases = try project.cases()
        let documents = try project.documents()
        let codebook = try project.codebook()
        let spans = try project.codingSpans(coder: nil)
        let coderNames = try project.coderNames()
        var out = "\(created ? "created" : "opened") \(path)\n\n"
        out += "cases (\(cases.count)):\n"
        for item in cases {
            let learning = item.attributes.first { $0.key == "learning_type" }.map { ", \($0.value) learning" } ?? ""
            out += "  \(item.name): \(item.documents.joined(separator: ", "))\(learning)\n"
        }
        out += "\ndocuments (\(documents.count)):\n"
        for document in documents {
            let title = document.properties.first { $0.key == "title" }.map { " \"\($0.value)\"" } ?? ""
            out +=
                "  \(document.name) [\(document.caseName)]\(title): \(document.turnCount) turns, \(document.length) characters, speakers \(document.speakers.joined(separator: ", "))\n"
        }
        out +=
            "\ncodebook: \"\(try project.info("codebook") ?? "")\", \(codebook.codes.count) codes (\(codebook.codes.filter(\.codable).count) codable)\n"
        out += "\ncodings per coder:\n"
        let perCoder = Dictionary(grouping: spans, by: \.coderID)
        for (id, name) in coderNames.sorted(by: { $0.value < $1.value }) {
            out += "  \(name): \(perCoder[id]?.count ?? 0)\n"
        }
        out += "\nnext: intertwine stats --project \(path)\n"
        return out
    }
}
