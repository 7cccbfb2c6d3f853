import Foundation
import Testing
import TestSupport

@testable import intertwine_mcp

/// `intertwine-mcp`, the assistant's server that `intertwine mcp` hands over to: what it
/// reads from its command line, and what it says when started by hand or on a bad project.
@Suite("The assistant's server program: its hand-over arguments, and its refusals")
struct AssistantHandoverTests {
    @Test("reads --project, --coder and --as, in any order; anything else, a repeat or a missing value is refused")
    func arguments() throws {
        let full = try #require(Handover(["--coder", "cleo", "--project", "/p/study.db", "--as", "claude"]))
        #expect(full.project == "/p/study.db" && full.person == "cleo" && full.name == "claude")
        let unnamed = try #require(Handover(["--project", "study.db", "--coder", "ana"]))
        #expect(unnamed.name == nil)
        for wrong in [
            [], ["--project", "study.db"], ["--coder", "ana"], ["--project", "a.db", "--coder", "ana", "--force", "x"],
            ["--project", "a.db", "--project", "b.db", "--coder", "ana"], ["--project", "a.db", "--coder"],
            ["mcp", "--project", "a.db", "--coder", "ana"],
        ] {
            #expect(Handover(wrong) == nil, "\(wrong)")
        }
    }

    #if AIAssistant
        static var server: String {
            Binary.url.deletingLastPathComponent().appendingPathComponent("intertwine-mcp").path
        }

        @Test("started by hand it says how it is started; on a missing project it says so; each with status 1")
        func refusals() throws {
            let cli = try Binary()
            let byHand = try Binary.run(
                Self.server, [], environment: cli.environment, directory: cli.folder.path, timeout: 30)
            #expect(byHand.status == 1 && byHand.stdout.isEmpty)
            #expect(byHand.stderr.contains("started by `intertwine mcp`"))
            let missing = try Binary.run(
                Self.server, ["--project", "none.db", "--coder", "ana"], environment: cli.environment,
                directory: cli.folder.path, timeout: 30)
            #expect(missing.status == 1 && missing.stderr.hasPrefix("intertwine: no project at none.db"))
            #expect(!FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("none.db").path))
        }
    #endif
}
