import CodingEngine
import Workbench

/// Helpers shared by the workbench's tests.
enum Support {
    /// A session on an in-memory copy of the demo (three interviews, ana's and ben's codings).
    static func demoSession(width: Int = 120, height: Int = 40, coder: String = "cleo") throws -> (Session, Project) {
        let project = try Project.inMemory(codebook: DemoProject.bundledCodebook())
        try DemoProject.populate(project)
        return (Session(store: project, coder: coder, projectName: "demo.db", width: width, height: height), project)
    }

    struct NotOnScreen: Error, CustomStringConvertible {
        var description: String
    }

    /// The column of `needle` on `row`, or an error that names them (not the whole screen).
    static func column(_ screen: ScreenBuffer, _ needle: String, row: Int) throws -> Int {
        guard let x = screen.column(of: needle, row: row) else {
            throw NotOnScreen(description: "\"\(needle)\" is not on row \(row): \(screen.line(row))")
        }
        return x
    }

    /// The first row matching `test`, or an error listing the screen's text.
    static func row(_ screen: ScreenBuffer, _ test: (String) -> Bool) throws -> Int {
        guard let y = screen.lines.firstIndex(where: test) else {
            throw NotOnScreen(description: "no such row on the screen:\n" + screen.lines.joined(separator: "\n"))
        }
        return y
    }
}
