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
}
