import CodingEngine
import Foundation
import Testing
import TestSupport

@Suite(
    "An AI assistant's proposals: checked item by item, written as its own coder with provenance, decided by a person")
struct ProposalTests {
    static let text = """
        Roger: We failed the audit in 2019. The procedures were not written down.
        Interviewer: What changed after that?
        Roger: We hired a consultant, and she taught us how to write procedures. Café “rules” came later.
        """

    static func project() throws -> Project {
        let folder = try Support.temporaryFolder()
        let project = try Project.inMemory(codebook: CodebookFile.parse(Support.smallCodebook, file: "small.yaml"))
        try project.importTranscripts([try Support.write(text, "Firm A/roger.txt", in: folder)])
        return project
    }

    static let source = ProposalSource(
        assistant: "claude", requestedBy: "ana", client: "Claude Desktop", clientVersion: "1.2", model: "sonnet",
        requestSHA256: String(repeating: "ab", count: 32))

    static func range(of passage: String) -> TextRange {
        let scalars = Array(text.unicodeScalars), wanted = Array(passage.unicodeScalars)
        let start = (0...(scalars.count - wanted.count)).first { Array(scalars[$0..<($0 + wanted.count)]) == wanted }!
        return TextRange(start, start + wanted.count)
    }

    @Test(
        "good proposals are written as assistant:NAME with their provenance; bad ones are refused each with its reason")
    func itemByItem() throws {
        let project = try Self.project()
        let audit = Self.range(of: "We failed the audit in 2019.")
        let items = [
            ProposedCoding(
                document: "roger", start: audit.start, end: audit.end, quote: "We failed the audit in 2019.",
                code: "Processes/Intuiting", reason: "a failure noticed", confidence: 0.9),
            ProposedCoding(document: "nobody", start: 0, end: 5, code: "Customer", reason: "r", confidence: 0.5),
            ProposedCoding(
                document: "roger", start: 0, end: 5, code: "Processes/Sensing", reason: "r", confidence: 0.5),
            ProposedCoding(document: "roger", start: 0, end: 5, code: "Processes", reason: "r", confidence: 0.5),
            ProposedCoding(document: "roger", start: 5, end: 5, code: "Customer", reason: "r", confidence: 0.5),
            ProposedCoding(document: "roger", start: 0, end: 9999, code: "Customer", reason: "r", confidence: 0.5),
            ProposedCoding(document: "roger", start: 0, end: 5, code: "Customer", reason: " ", confidence: 0.5),
            ProposedCoding(document: "roger", start: 0, end: 5, code: "Customer", reason: "r", confidence: 1.5),
            ProposedCoding(document: "roger", quote: "We", code: "Customer", reason: "r", confidence: 0.5),
            ProposedCoding(document: "roger", quote: "not in the text", code: "Customer", reason: "r", confidence: 0.5),
            // Retyped: plain quotes and one space where the text has curly quotes.
            ProposedCoding(
                document: "roger", quote: "Café  \"rules\" came later.", code: "Customer", reason: "a firm's habit",
                confidence: 0.4),
        ]
        let outcome = try project.propose(items, from: Self.source)
        #expect(outcome.written.map(\.index) == [0, 10])
        let problems = Dictionary(uniqueKeysWithValues: outcome.refused.map { ($0.index, $0.problem) })
        #expect(problems.keys.sorted() == [1, 2, 3, 4, 5, 6, 7, 8, 9])
        #expect(problems[1]!.contains("no document named \"nobody\""))
        #expect(problems[2]!.contains("no code \"Processes/Sensing\"") && problems[2]!.contains("list_codebook"))
        #expect(problems[3]!.contains("folder") && problems[3]!.contains("Processes/Intuiting"))
        #expect(problems[4]!.contains("empty") && problems[5]!.contains("outside the document"))
        #expect(problems[6]!.contains("reason") && problems[7]!.contains("from 0 to 1"))
        #expect(problems[8]!.contains("found 2 times") && problems[9]!.contains("not in the document"))
        let first = outcome.written[0].proposal
        #expect(first.assistant == "assistant:claude" && first.range == audit && first.code == "Processes/Intuiting")
        #expect(first.text == "We failed the audit in 2019." && first.status == .pending)
        #expect(
            (first.requestedBy, first.client, first.clientVersion, first.model) == (
                "ana", "Claude Desktop", "1.2", "sonnet"
            ))
        #expect(
            first.reason == "a failure noticed" && first.confidence == 0.9
                && first.requestSHA256 == Self.source.requestSHA256)
        #expect(first.madeWith == "Claude Desktop 1.2 (sonnet)")
        let cafe = outcome.written[1]
        #expect(cafe.proposal.text == "Café “rules” came later." && cafe.note == "located by its quote")
        // Written as the assistant's codings, not a person's; nothing else was written.
        let codings = try project.codings()
        #expect(codings.map(\.coder) == ["assistant:claude", "assistant:claude"])
        #expect(try project.coders() == ["assistant:claude"])
        // Highest confidence first.
        #expect(try project.proposals().map(\.confidence) == [0.9, 0.4])
    }

    @Test("a new code is only proposed: kept as the assistant's memo on the project, never made")
    func newCode() throws {
        let project = try Self.project()
        let consultant = Self.range(of: "We hired a consultant")
        let outcome = try project.propose(
            [
                ProposedCoding(
                    document: "roger", quote: "We hired a consultant", code: "Knowledge source/Consultant",
                    reason: "outside expertise brought in", confidence: 0.8, newCode: true),
                ProposedCoding(
                    document: "roger", start: 0, end: 5, code: "Customer", reason: "r", confidence: 0.5, newCode: true),
            ], from: Self.source)
        #expect(outcome.written.isEmpty && outcome.newCodes.map(\.code) == ["Knowledge source/Consultant"])
        #expect(outcome.refused.map(\.index) == [1] && outcome.refused[0].problem.contains("in the codebook already"))
        #expect(try project.codebook().code(path: "Knowledge source/Consultant") == nil)
        let memo = try #require(try project.memos(on: .project).first)
        #expect(
            memo.coder == "assistant:claude" && memo.text.contains("Proposed new code \"Knowledge source/Consultant\""))
        #expect(memo.text.contains("roger \(consultant.start)–\(consultant.end): outside expertise brought in"))
    }

    @Test(
        "offsets that do not hold the quote are moved to where the quote is, once; the same proposal twice is refused")
    func offsetsAndQuotes() throws {
        let project = try Self.project()
        let consultant = Self.range(of: "We hired a consultant")
        let outcome = try project.propose(
            [
                ProposedCoding(
                    document: "roger", start: consultant.start + 3, end: consultant.end + 3,
                    quote: "We hired a consultant", code: "Customer", reason: "outside help", confidence: 0.7),
                ProposedCoding(
                    document: "roger", start: consultant.start, end: consultant.end, code: "Customer",
                    reason: "again", confidence: 0.7),
            ], from: Self.source)
        #expect(outcome.written.count == 1 && outcome.written[0].proposal.range == consultant)
        #expect(outcome.written[0].note?.contains("not at") == true)
        #expect(outcome.refused.map(\.index) == [1] && outcome.refused[0].problem.contains("already proposed"))
    }

    @Test(
        "accepting makes the person's coding, not blind; rejecting keeps the proposal and refuses it when proposed again"
    )
    func decisions() throws {
        let project = try Self.project()
        let audit = Self.range(of: "We failed the audit in 2019.")
        let procedures = Self.range(of: "The procedures were not written down.")
        let written = try project.propose(
            [
                ProposedCoding(
                    document: "roger", start: audit.start, end: audit.end, code: "Processes/Intuiting", reason: "a",
                    confidence: 0.9),
                ProposedCoding(
                    document: "roger", start: procedures.start, end: procedures.end, code: "Customer", reason: "b",
                    confidence: 0.3),
            ], from: Self.source
        ).written.map(\.proposal.id)
        #expect(throws: EngineError.self) { try project.decide([.accept(written[0])], as: "assistant:claude") }
        let adjusted = TextRange(audit.start, audit.end - 1)
        let results = try project.decide(
            [.accept(written[0], range: adjusted), .reject(written[1], why: "not about customers")], as: "ana")
        #expect(results[0].created && results[0].proposal.status == .accepted && results[0].proposal.decidedBy == "ana")
        let mine = try project.codings(CodingFilter(coders: ["ana"]))
        #expect(mine.map(\.range) == [adjusted] && mine.map(\.id) == [results[0].coding!])
        #expect(try project.independence()[try project.codingSpans(coder: "ana")[0]] == false)
        #expect(results[1].proposal.status == .rejected && results[1].proposal.why == "not about customers")
        // Decided once: not again.
        #expect(throws: EngineError.proposalDecided(id: written[1], status: "rejected")) {
            try project.decide([.accept(written[1])], as: "ana")
        }
        // The rejection holds for any passage overlapping it, from any assistant.
        var other = Self.source
        other.assistant = "assistant:local"
        let again = try project.propose(
            [
                ProposedCoding(
                    document: "roger", start: procedures.start + 4, end: procedures.end, code: "Customer",
                    reason: "c", confidence: 0.8)
            ], from: other)
        #expect(again.written.isEmpty && again.refused[0].problem.contains("ana rejected Customer"))
        #expect(again.refused[0].problem.contains("not about customers"))
        // Undone: the acceptance's coding goes, the proposal is pending again.
        try project.decide([.reopen(written[0])], as: "ana")
        #expect(try project.codings(CodingFilter(coders: ["ana"])).isEmpty)
        #expect(try project.proposals(status: .pending).map(\.id) == [written[0]])
        // Accepting what the person had coded already links to their coding; reopening leaves it.
        try project.addCodings(document: "roger", ranges: [audit], code: "Processes/Intuiting", coder: "ana")
        let linked = try project.decide([.accept(written[0])], as: "ana")[0]
        let hers = try project.codings(CodingFilter(coders: ["ana"])).first?.id
        #expect(!linked.created && linked.coding == hers)
        try project.decide([.reopen(written[0])], as: "ana")
        #expect(try project.codings(CodingFilter(coders: ["ana"])).map(\.range) == [audit])
    }

    @Test(
        "switched off, nothing is proposed; blind coding keeps proposals from a person until they mark the document done"
    )
    func offAndBlind() throws {
        let project = try Self.project()
        try project.setAssistantsAllowed(false)
        let item = ProposedCoding(document: "roger", start: 0, end: 5, code: "Customer", reason: "r", confidence: 0.5)
        #expect(throws: EngineError.self) { try project.propose([item], from: Self.source) }
        try project.setAssistantsAllowed(true)
        try project.setBlindCoding(true)
        let id = try project.propose([item], from: Self.source).written[0].proposal.id
        project.viewer = "ana"
        #expect(try project.proposals().isEmpty)
        #expect(throws: EngineError.self) { try project.decide([.accept(id)], as: "ana") }
        try project.markDone(document: "roger", coder: "ana")
        #expect(try project.proposals().map(\.id) == [id])
        // The assistant marked done would see the others: its proposals there are refused.
        try project.markDone(document: "roger", coder: "assistant:claude")
        let refused = try project.propose(
            [ProposedCoding(document: "roger", start: 6, end: 9, code: "Customer", reason: "r", confidence: 0.5)],
            from: Self.source)
        #expect(refused.refused[0].problem.contains("blind coding is on"))
    }
}
