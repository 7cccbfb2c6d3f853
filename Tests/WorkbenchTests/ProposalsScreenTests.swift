import CodingEngine
import Foundation
import Testing
import TestSupport
@testable import Workbench

@Suite("Reviewing an AI assistant's proposals in the workbench, by key scripts")
struct ProposalsScreenTests {
    static func mine(_ project: Project, _ coder: String) throws -> [Coding] {
        try project.codings(CodingFilter(coders: [coder]), includeText: false)
    }

    @Test("A shows the most confident pending proposal; y accepts it as your coding, u undoes, x rejects with why")
    func acceptUndoReject() throws {
        let (session, project) = try Support.demoSession(coder: "cleo", proposals: true)
        session.type("A")
        let screen = try #require(session.state.mode.as(ProposalsScreen.self))
        #expect(screen.items.map(\.proposal.confidence) == [0.93, 0.71, 0.35])
        var lines = session.render().lines
        #expect(lines[1].contains("Proposal 1 of 3 · 3 pending, 0 decided"))
        #expect(
            lines[2].contains("Processes/Intuiting · brw") && lines[2].contains("assistant:claude · confidence 93%"))
        #expect(lines.contains { $0.contains("Reason: Roger senses a change") })
        #expect(lines.contains { $0.contains("made with claude-ai 0.14 (claude-sonnet-4-5)") })
        let first = screen.items[0].proposal
        session.type("y")
        #expect(try Self.mine(project, "cleo").map(\.range) == [first.range])
        #expect(session.state.message?.contains("accepted Processes/Intuiting from assistant:claude") == true)
        lines = session.render().lines
        #expect(lines[1].contains("2 pending, 1 decided") && lines[2].contains("confidence 71%"))
        // Undo: the coding goes and the proposal is pending again.
        session.type("u")
        #expect(try Self.mine(project, "cleo").isEmpty)
        #expect(try project.proposals(status: .pending).count == 3)
        #expect(session.render().lines[1].contains("3 pending, 0 decided"))
        // Redo accepts it again.
        session.press([.control("r")])
        #expect(try Self.mine(project, "cleo").count == 1)
        // x asks why; Enter rejects with it.
        session.type("xGreeting, not a customer's knowledge<Enter>")
        let rejected = try #require(try project.proposals(status: .rejected).first)
        #expect(rejected.code == "Knowledge source/Customer" && rejected.why == "Greeting, not a customer's knowledge")
        #expect(rejected.decidedBy == "cleo")
        #expect(session.render().lines[1].contains("1 pending, 2 decided"))
        // Esc on the why cancels: nothing is rejected.
        session.type("x<Esc>")
        #expect(try project.proposals(status: .pending).count == 1)
        // The list as the decisions changed it in place is the list read afresh.
        func shown() throws -> [String] {
            try #require(session.state.mode.as(ProposalsScreen.self)).items.map {
                "\($0.proposal.id) \($0.proposal.status) \($0.proposal.decidedBy ?? "-") \($0.proposal.why ?? "-")"
            }
        }
        let inPlace = try shown()
        session.type("<Esc>")
        #expect(session.state.mode.as(ProposalsScreen.self) == nil)
        session.type("A")
        #expect(try shown() == inPlace && inPlace.count == 3)
    }

    @Test("with nothing proposed, A says how to get suggestions and an assistant's proposals")
    func empty() throws {
        let (session, _) = try Support.demoSession(coder: "cleo")
        session.type("A")
        let text = session.render().lines.joined(separator: " ")
        #expect(text.contains("intertwine suggest --from CODER") && text.contains("intertwine mcp"), "\(text)")
    }

    @Test("suggestions learnt from your own coding are reviewed on the same screen, with the words that drove them")
    func suggestions() throws {
        let project = try SuggestionProject.make()
        #expect(try project.suggest(from: "ana", person: "ana").outcome.written.count == 1)
        let session = Session(store: project, coder: "ana", projectName: "small.db", width: 120, height: 40)
        session.type("A")
        let lines = session.render().lines
        #expect(lines[1].contains("Proposal 1 of 1 · 1 pending, 0 decided"))
        #expect(lines[2].contains("Customer · second") && lines[2].contains("assistant:suggest · confidence"))
        #expect(
            lines.contains { $0.contains("because: audit") && !$0.contains("Reason:") },
            "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("made with intertwine suggest 1 (naive Bayes") })
        #expect(lines.contains { $0.contains("The next audit went well.") })
        // Rejected with why, it is an example without the code the next time: not proposed again.
        session.type("xa good audit is not the customer<Enter>")
        let rejected = try #require(try project.proposals(status: .rejected).first)
        #expect(rejected.why == "a good audit is not the customer" && rejected.decidedBy == "ana")
        #expect(try project.suggest(from: "ana", person: "ana").outcome.written.isEmpty)
        // Undo brings it back; y accepts it as ana's coding of the second interview.
        session.type("u")
        #expect(try project.proposals(status: .pending).count == 1)
        session.type("y")
        let accepted = try #require(try project.proposals(status: .accepted).first)
        #expect(try Self.mine(project, "ana").contains { $0.document == "second" && $0.range == accepted.range })
    }

    @Test("< > - + move the passage's boundaries a word at a time; y accepts it so; s skips")
    func adjustAndSkip() throws {
        let (session, project) = try Support.demoSession(coder: "cleo", proposals: true)
        session.type("A")
        let proposal = try #require(session.state.mode.as(ProposalsScreen.self)?.items.first?.proposal)
        session.type("s")
        #expect(session.render().lines[2].contains("confidence 71%"))
        session.type("p>-")
        let adjusted = try #require(session.state.mode.as(ProposalsScreen.self)?.adjusted)
        #expect(adjusted.start > proposal.range.start && adjusted.end < proposal.range.end)
        #expect(session.render().lines[3].contains("boundaries adjusted to \(adjusted.start)–\(adjusted.end)"))
        session.type("y")
        #expect(try Self.mine(project, "cleo").map(\.range) == [adjusted])
        // The proposal keeps its own passage; the acceptance is recorded with the coding made.
        let accepted = try #require(try project.proposals(status: .accepted).first)
        let made = try Self.mine(project, "cleo").first?.id
        #expect(accepted.range == proposal.range && accepted.acceptedAs == made)
    }

    @Test("the transcript shows an assistant's codings with a stripe of their own")
    func stripe() throws {
        let (session, _) = try Support.demoSession(width: 120, height: 40, coder: "cleo", proposals: true)
        // brw opens first; its third proposal (turn 2) is only the assistant's: a dotted stripe.
        let lines = session.render().lines
        #expect(lines.contains { $0.contains("┆") }, "\(lines.joined(separator: "\n"))")
    }

    @Test("while blind coding is on, a person sees the proposals of the documents they marked done")
    func blind() throws {
        let project = try Support.demoProject()
        try Support.addDemoProposals(project)
        try project.setBlindCoding(true)
        let session = Session(store: project, coder: "cleo", projectName: "demo.db", width: 120, height: 40)
        session.type("A")
        let shown = session.render().lines.joined(separator: " ").split(separator: " ", omittingEmptySubsequences: true)
            .joined(separator: " ")
        #expect(shown.contains("No proposals to show: while blind coding is on"), "\(shown)")
        #expect(shown.contains("you have marked done (:done)."), "the message is wrapped, not cut: \(shown)")
        session.type("<Esc>:done<Enter>A")
        #expect(session.state.mode.as(ProposalsScreen.self)?.items.count == 3)
    }
}
