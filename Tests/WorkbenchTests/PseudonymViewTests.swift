import CodingEngine
import Testing
import TestSupport
import Workbench

@Suite("The workbench with :pseudonyms on: every name on screen replaced, coding on the stored words")
struct PseudonymViewTests {
    @Test(
        ":pseudonyms on lays the transcript out with pseudonyms and replaces names in every pane; a hotkey still codes the stored words; off shows them again"
    )
    func pseudonymsOn() throws {
        let (session, project) = try Support.demoSession(width: 120, height: 35)
        session.type(":pseudonyms on<Enter>")
        #expect(session.state.pseudonyms == nil && session.state.message?.contains("table is empty") == true)
        try project.addPseudonym(real: "Roger Watson", pseudonym: "OM-BRW", kind: .person, who: "ana")
        try project.addPseudonym(real: "Roger", pseudonym: "OM-BRW", kind: .person, who: "ana")
        #expect(session.render().lines.joined(separator: "\n").contains("Roger Watson:"))
        session.type(":pseudonyms on<Enter>")
        let screen = session.render().lines
        let shown = screen.joined(separator: "\n")
        #expect(!shown.contains("Roger") && shown.contains("OM-BRW: My father started it"))
        #expect(shown.contains("Thank you for making the time, OM-BRW."))
        #expect(screen.last?.contains("pseudonyms") == true)
        // The cursor moves over a pseudonym as over the name: offsets are the stored text's.
        let text = try #require(session.state.document?.text)
        session.type("1")
        let coded = try #require(try project.codings(CodingFilter(coders: ["cleo"])).first)
        #expect(text.slice(coded.start, coded.end).contains("making the time, Roger."))
        session.type("}")
        #expect(session.state.cursor == session.state.currentTurn?.speechStart)
        #expect(session.render().lines.contains { $0.contains("OM-BRW") })
        // The review of an assistant's proposals: a suggestion's lower-cased words too.
        _ = try project.propose(
            [
                ProposedCoding(
                    document: "brw", quote: "Thank you for making the time, Roger.", code: "Processes/Intuiting",
                    reason: "because: roger, time", confidence: 0.8)
            ],
            from: ProposalSource(
                assistant: "claude", requestedBy: "ana", client: "c", clientVersion: "1", model: nil,
                requestSHA256: String(repeating: "0", count: 64)))
        session.type("A")
        let review = session.render().lines.joined(separator: "\n")
        #expect(review.contains("because: OM-BRW, time") && !review.lowercased().contains("roger"), "\(review)")
        session.press([.escape])
        session.type(":pseudonyms off<Enter>")
        #expect(session.render().lines.joined(separator: "\n").contains("Roger Watson: My father"))
        #expect(session.state.message == "showing the real names")
    }
}
