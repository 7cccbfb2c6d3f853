import CodingEngine
import Testing
@testable import Workbench
import TestSupport

@Suite("Reviewing agreement in the workbench and settling disagreements")
struct AgreementScreenTests {
    /// `a`, down to `code`'s row, Enter: the review of its disagreements.
    static func openReview(_ session: Session, of code: String) throws {
        session.type("a")
        let table = try #require(
            session.state.mode.as(AgreementScreen.self), "unexpected screen: \(session.state.mode)")
        let index = try #require(table.rows.firstIndex { $0.code == code })
        session.type(String(repeating: "j", count: index))
        #expect(session.state.mode.as(AgreementScreen.self)?.list.selected == index)
        session.press([.enter])
    }

    @Test("a opens the agreement table of the first two coders, worst code first, alpha coloured by thresholds")
    func table() throws {
        let (session, _) = try Support.demoSession(width: 120, height: 40, coder: "ana")
        session.type("a")
        let table = try #require(session.state.mode.as(AgreementScreen.self), "no agreement screen")
        #expect(table.coders == ["ana", "ben"])
        #expect(table.loaded && table.rows.count == 23)
        let alphas = table.rows.compactMap(\.alpha)
        #expect(alphas == alphas.sorted())
        let screen = session.render()
        #expect(screen.line(1).contains("Agreement of ana and ben"))
        let reliable = try Support.row(screen) { $0.contains("Knowledge source/Development agency") }
        let x = try Support.column(screen, "1.000", row: reliable)
        #expect(screen.style(x: x, y: reliable).foreground == RGB(red: 60, green: 180, blue: 75))
        let worst = try Support.row(screen) { $0.contains("Processes/Intertwining") }
        let y = try Support.column(screen, "-0.009", row: worst)
        #expect(screen.style(x: y, y: worst).foreground == RGB(red: 230, green: 25, blue: 75))
        #expect(screen.line(worst).contains("0/5")) // five disputed stretches, none settled
    }

    @Test(
        "Enter steps through a code's disagreements; accepting writes the consensus coder's coding and the figures update"
    )
    func settle() throws {
        let (session, project) = try Support.demoSession(width: 120, height: 40, coder: "ana")
        try Self.openReview(session, of: "Processes/Intuiting")
        let review = try #require(session.state.mode.as(ReviewScreen.self), "no review")
        #expect(review.items.count == 3) // one partial stretch in each interview
        let first = review.items[0].disagreement
        #expect(first.document == "brw" && first.kind == .partial)
        var screen = session.render()
        #expect(screen.line(1).contains("Processes/Intuiting · disagreement 1 of 3 (0 settled)"))
        #expect(screen.lines.contains { $0.contains("1 ana") } && screen.lines.contains { $0.contains("2 ben") })
        let benLabel = try Support.row(screen) { $0.contains("2 ben") }
        let nagging = try #require(
            screen.lines.indices.first { $0 > benLabel && screen.line($0).contains("I had a nagging feeling") })
        let x = try Support.column(screen, "nagging", row: nagging)
        #expect(screen.style(x: x, y: nagging).background == AgreementScreen.bColour) // ben's version, in ben's colour

        session.type("+") // the union of both
        let consensus = try project.codings(CodingFilter(coders: ["consensus"]))
        #expect(consensus.count == 1)
        #expect(consensus[0].range == TextRange.union(first.a + first.b)[0])
        let after = try #require(session.state.mode.as(ReviewScreen.self), "unexpected screen: \(session.state.mode)")
        #expect(after.items[0].settledHow != nil)
        #expect(after.index == 1)
        session.type("m")
        session.type("Both readings are the owner's hunch<C-s>")
        let decision = try #require(try project.settlements(coders: ["ana", "ben"], consensus: "consensus").first)
        #expect(
            decision.decision == .both && decision.who == "ana" && decision.why == "Both readings are the owner's hunch"
        )
        session.type("1") // ana's version of the second
        #expect(try project.codings(CodingFilter(coders: ["consensus"])).count == 2)
        screen = session.render()
        #expect(screen.line(1).contains("(2 settled)"))
        session.press([.escape])
        let updated = try #require(
            session.state.mode.as(AgreementScreen.self), "unexpected screen: \(session.state.mode)")
        #expect(updated.rows.first { $0.code == "Processes/Intuiting" }?.settled == 2)
        // Undo in the transcript takes the consensus coding back like any other.
        session.press([.escape])
        #expect(session.state.mode == .normal)
        session.type("u")
        #expect(try project.codings(CodingFilter(coders: ["consensus"])).count == 1)
    }

    @Test("e opens the disputed passage as the consensus coder, selected; :agree picks the coders")
    func editAndChoose() throws {
        let (session, project) = try Support.demoSession(width: 120, height: 40, coder: "ana")
        session.type(":agree ben,ana<Enter>")
        let table = try #require(session.state.mode.as(AgreementScreen.self), "no agreement")
        #expect(table.coders == ["ben", "ana"])
        session.press([.enter])
        let review = try #require(session.state.mode.as(ReviewScreen.self), "unexpected screen: \(session.state.mode)")
        let d = review.items[0].disagreement
        session.type("e")
        #expect(session.state.coder == "consensus")
        #expect(session.state.document?.name == d.document)
        #expect(session.state.selection == d.range)
        // Coding as someone else is impossible to miss.
        #expect(session.render().line(39).contains("⚠ coding as consensus"))
        session.type(".")
        #expect(try project.codings(CodingFilter(coders: ["consensus"])).map(\.range) == [d.range])
        // Esc goes back to the review as oneself, with the passage settled.
        session.press([.escape])
        #expect(session.state.coder == "ana" && session.state.consensusEdit == nil)
        let back = try #require(
            session.state.mode.as(ReviewScreen.self), "not back on the review: \(session.state.mode)")
        #expect(back.items[0].settledHow != nil)
        #expect(!session.render().line(39).contains("⚠"))
        session.press([.escape, .escape])
        #expect(session.state.mode == .normal && session.state.coder == "ana")
        session.type(":agree ana<Enter>")
        #expect(session.state.message?.contains(":agree A,B") == true)
    }

    @Test(
        "0 settles a stretch as neither: recorded with who and why, nothing written, counted as settled; u and Ctrl-R undo and redo it"
    )
    func neither() throws {
        let (session, project) = try Support.demoSession(width: 120, height: 40, coder: "ana")
        try Self.openReview(session, of: "Processes/Intuiting")
        let review = try #require(session.state.mode.as(ReviewScreen.self), "no review")
        let first = review.items[0].disagreement
        session.type("0")
        #expect(try project.codings(CodingFilter(coders: ["consensus"])).isEmpty)
        let decision = try #require(try project.settlements(coders: ["ana", "ben"], consensus: "consensus").first)
        #expect(decision.decision == .neither && decision.who == "ana" && decision.range == first.range)
        let after = try #require(session.state.mode.as(ReviewScreen.self), "unexpected screen: \(session.state.mode)")
        #expect(after.items[0].settledHow?.hasPrefix("neither") == true && after.index == 1)
        #expect(session.render().line(1).contains("(1 settled)"))
        #expect(session.state.message?.contains("settled Processes/Intuiting: neither") == true)
        session.type("m")
        session.type("A plan, not a hunch<C-s>")
        #expect(try project.settlements().first?.why == "A plan, not a hunch")
        // Settled already: a second decision is refused until the first is undone.
        session.type("k")
        session.type("1")
        #expect(session.state.message?.contains("settled already") == true)
        #expect(try project.settlements().count == 1)
        session.type("u") // the why
        #expect(try project.settlements().first?.why == nil)
        session.type("u") // the decision
        #expect(try project.settlements().isEmpty)
        #expect(session.render().line(1).contains("(0 settled)"))
        session.type("<C-r>")
        #expect(try project.settlements().map(\.guid) == [decision.guid])
        session.press([.escape])
        let updated = try #require(
            session.state.mode.as(AgreementScreen.self), "unexpected screen: \(session.state.mode)")
        #expect(updated.rows.first { $0.code == "Processes/Intuiting" }?.settled == 1)
    }

    @Test(":agree A,B --doc NAME compares one document; documents a coder has not coded are left out and said")
    func oneDocument() throws {
        let (session, project) = try Support.demoSession(width: 120, height: 40, coder: "ana")
        session.type(":agree ana,ben --doc rsl<Enter>")
        let table = try #require(
            session.state.mode.as(AgreementScreen.self), "no agreement: \(session.state.message ?? "")")
        #expect(table.comparison == Comparison(coders: ["ana", "ben"], documents: ["rsl"]))
        #expect(session.render().line(1).contains("Agreement of ana and ben in rsl"))
        let expected = try AgreementReport.compute(project, .init(coders: ["ana", "ben"], documents: ["rsl"]))
        #expect(table.rows.count == expected.codes.count)
        session.press([.enter])
        let review = try #require(session.state.mode.as(ReviewScreen.self), "no review")
        #expect(review.items.allSatisfy { $0.disagreement.document == "rsl" })
        session.press([.escape, .escape])
        session.type(":agree ana,ben --doc nowhere<Enter>")
        #expect(session.state.message?.contains("no document \"nowhere\"") == true)
        // A third coder who coded one interview: the others are left out, and the screen says so.
        session.type(":coder cleo<Enter>1:coder ana<Enter>")
        #expect(try project.codings(CodingFilter(coders: ["cleo"])).map(\.document) == ["brw"])
        session.type(":agree ana,cleo<Enter>")
        let three = try #require(session.state.mode.as(AgreementScreen.self), "no agreement")
        #expect(three.leftOut?.contains("dmf (cleo coded nothing in it and did not mark it done)") == true)
        #expect(session.render().lines.contains { $0.contains("Left out 2 documents a coder has not coded") })
    }

    @Test("a figure too wide for its column is cut with a mark, never silently")
    func wideFigures() throws {
        let (session, _) = try Support.demoSession(width: 120, height: 40, coder: "ana")
        session.type("a")
        var table = try #require(session.state.mode.as(AgreementScreen.self), "no agreement screen")
        table.rows[0].table = TwoByTwo(both: 1_234_567, aOnly: 2_345_678, bOnly: 3_456_789, neither: 987_654_321)
        var state = session.state
        state.mode = State.Mode(table)
        let line = WorkbenchView.render(state).lines.first { $0.contains(table.rows[0].code) } ?? ""
        #expect(line.contains("1234567/2345678/3…") && !line.contains("987654321"), "\(line)")
    }
}
