import CodingEngine
import Foundation
import Testing
@testable import Workbench

@Suite("Blind coding in the workbench: two coders through key scripts")
struct BlindCodingScreenTests {
    @Test("with blind coding on, ben does not see ana's codings, `o` says why, and :done shows them")
    func twoCoders() throws {
        let path = try TwoCodersTests.demoFile()
        let setup = try Project.open(at: path)
        try setup.setBlindCoding(true)
        let before = Set(try setup.codingSpans(coder: nil))
        let ana = Session(
            store: try Project.open(at: path), coder: "ana", projectName: "demo.db", width: 120, height: 40)
        let ben = Session(
            store: try Project.open(at: path), coder: "ben", projectName: "demo.db", width: 120, height: 40)
        // The demo has codings by ana and ben of every document: each sees only their own.
        #expect(ben.state.blind && ben.state.document != nil)
        #expect(ben.state.document!.codings.allSatisfy { $0.coder == "ben" })
        #expect(ana.state.document!.codings.allSatisfy { $0.coder == "ana" })
        // ana codes the next turn; ben, at his next tick, still does not see it.
        ana.type("}1")
        let anaCoding = try #require(ana.state.document!.codings.last { $0.coder == "ana" })
        ben.dispatch(.tick)
        #expect(!ben.state.document!.codings.contains { $0.coder == "ana" })
        ben.type("o")
        #expect(ben.state.message?.contains("blind") == true && ben.state.message?.contains(":done") == true)
        #expect(ben.state.showOthers) // the toggle did not change
        #expect(ben.render().lines.contains { $0.contains("others' codings show after :done") })
        #expect(ben.render().lines.last?.contains("│ blind │") == true)
        ben.type(":agree ana,ben<Enter>")
        #expect(ben.state.message?.contains("blind off") == true)
        // ben's coding now was made blind.
        ben.type("}2")
        let document = try #require(ben.state.document?.name)
        ben.type(":done<Enter>")
        #expect(ben.state.doneDocuments.contains(document))
        #expect(ben.render().lines.last?.contains("│ blind: done │") == true)
        #expect(ben.state.message?.contains("is done") == true)
        #expect(ben.state.document!.codings.contains { $0.coder == "ana" && $0.range == anaCoding.range })
        ben.type("o")
        #expect(ben.state.message == "showing only your codings (ben)")
        // Made blind or not, as recorded: ana's and ben's new codings blind; ben's after :done not.
        ben.type("o}3")
        let flags = try setup.independence()
        let spans = try setup.codingSpans(coder: nil)
        let names = try setup.coderNames()
        let recorded = spans.filter { !before.contains($0) }.map {
            "\(names[$0.coderID]!) \(flags[$0].map(String.init) ?? "unknown")"
        }
        #expect(recorded.sorted() == ["ana true", "ben false", "ben true"])
    }
}
