import CodingEngine
import Testing

/// The consensus coding built from two coders.
@Suite("The consensus coding")
struct ConsensusTests {
    @Test("stretches coded alike are written as the consensus coder, settled ones kept, the rest listed; a rerun adds nothing")
    func build() throws {
        let project = try QueryTests.project()
        // Alike: both code "nine ten" as Customer. Unlike: ana's "one two three" and ben's "six seven" as Intuiting.
        let nine = try #require(project.codings(CodingFilter(coders: ["ana"], codes: ["Customer"])).first)
        try project.addCodings([NewCoding(document: "d1", range: nine.range, code: "Customer", coder: "ben")])
        let dry = try project.buildConsensus(coders: ["ana", "ben"], writing: false)
        #expect(!dry.exists && dry.pending == 1 && dry.written == 0)
        #expect(try project.codings(CodingFilter(coders: ["consensus"])).isEmpty)
        #expect(dry.summary(coders: ["ana", "ben"], as: "consensus").hasPrefix("consensus: none yet"))
        let first = try project.buildConsensus(coders: ["ana", "ben"])
        #expect(first.written == 1 && first.kept == 0)
        #expect(try project.codings(CodingFilter(coders: ["consensus"])).map(\.text) == ["nine ten"])
        let intuiting = try #require(first.codes.first { $0.code == "Processes/Intuiting" })
        #expect(intuiting.agreed == 0 && intuiting.unsettled == 3)   // d1: two stretches, d2: one
        #expect(!first.complete)
        // Settling one (as the review does: a consensus coding in the stretch) keeps it.
        let six = try #require(project.codings(CodingFilter(coders: ["ben"], codes: ["Processes/Intuiting"])).first)
        try project.addCodings([NewCoding(document: "d1", range: six.range, code: "Processes/Intuiting", coder: "consensus")])
        let second = try project.buildConsensus(coders: ["ana", "ben"])
        #expect(second.written == 0 && second.kept == 2)
        #expect(second.codes.first { $0.code == "Processes/Intuiting" }?.settled == 1)
        #expect(second.unsettled.count == first.unsettled.count - 1)
        let status = try project.buildConsensus(coders: ["ana", "ben"], writing: false)
        #expect(status.exists && status.pending == 0 && !status.complete)
        #expect(status.summary(coders: ["ana", "ben"], as: "consensus") == "consensus (consensus): 2 of 5 stretches agreed or settled; 3 still to settle (the workbench: a, then Enter)")
        // In the workbench, which is where one settles, the hint is left out.
        #expect(status.summary(coders: ["ana", "ben"], as: "consensus", how: "W") == "consensus (consensus): 2 of 5 stretches agreed or settled; 3 still to settle")
        #expect(throws: EngineError.repeatedCoder("ana")) { try project.buildConsensus(coders: ["ana", "ben"], as: "ana") }
    }
}
