import CodingEngine
import Testing
@testable import Workbench

/// A large project opens at once and reads the coder's share of each document and
/// counts per code after its first frame, on another thread.
@Suite("A large project opens before its counts are read")
struct BackgroundCountsTests {
    static func demo() throws -> Project {
        let project = try Project.inMemory(codebook: DemoProject.bundledCodebook())
        try DemoProject.populate(project)
        return project
    }

    @Test("counts read after the first frame are those read before it; the panes say they are coming")
    func sameCounts() throws {
        let project = try Self.demo()
        let before = Session(
            store: project, coder: "ana", projectName: "demo.db", width: 120, height: 40, countsInBackgroundAbove: .max)
        #expect(!before.state.countsPending)
        #expect(before.state.projectCounts.values.reduce(0, +) > 0)
        let after = Session(
            store: project, coder: "ana", projectName: "demo.db", width: 120, height: 40, countsInBackgroundAbove: 0)
        #expect(after.state.document?.name == before.state.document?.name)
        if after.state.countsPending {
            #expect(after.render().lines.contains { $0.contains("   …") })
        }
        after.waitForCounts()
        #expect(!after.state.countsPending)
        #expect(after.state.documents == before.state.documents)
        #expect(after.state.projectCounts == before.state.projectCounts)
        #expect(!after.render().lines.contains { $0.contains("   …") })
    }

    @Test("a coding made while the counts are read is in them")
    func writeInBetween() throws {
        let project = try Self.demo()
        let session = Session(
            store: project, coder: "cleo", projectName: "demo.db", width: 120, height: 40, countsInBackgroundAbove: 0)
        session.type("}1")
        session.waitForCounts()
        let fresh = Session(
            store: project, coder: "cleo", projectName: "demo.db", width: 120, height: 40, countsInBackgroundAbove: .max
        )
        #expect(fresh.state.projectCounts.values.reduce(0, +) == 1)
        #expect(session.state.projectCounts == fresh.state.projectCounts)
        #expect(session.state.documents == fresh.state.documents)
    }
}
