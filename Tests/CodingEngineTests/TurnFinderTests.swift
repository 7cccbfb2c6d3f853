import CodingEngine
import Testing

@Suite("Speaker turns")
struct TurnFinderTests {
    func turns(_ text: String) -> [Turn] { TurnFinder.turns(in: ScalarText(text)) }

    @Test("`Name:` labels begin turns that run to the next label; speech starts after the label")
    func plainLabels() {
        let text =
            "Interviewer: How did it start?\n\nRoger Watson: In a railway arch.\nWith two lathes.\n\nINTERVIEWER: And then?"
        let found = turns(text)
        #expect(found.map(\.speaker) == ["Interviewer", "Roger Watson", "INTERVIEWER"])
        #expect(found.map(\.index) == [1, 2, 3])
        let scalars = ScalarText(text)
        #expect(scalars.slice(found[1].speechStart, found[1].end) == "In a railway arch.\nWith two lathes.")
        #expect(scalars.slice(found[1].start, found[1].end).hasPrefix("Roger Watson:"))
        #expect(scalars.slice(found[2].speechStart, found[2].end) == "And then?")
    }

    @Test("Markdown bold labels: **Name:** and **Name**:")
    func boldLabels() {
        let text = "**Interviewer:** Hello.\n\n**Martin Francis**: Hi there."
        let found = turns(text)
        #expect(found.map(\.speaker) == ["Interviewer", "Martin Francis"])
        #expect(ScalarText(text).slice(found[0].speechStart, found[0].end) == "Hello.")
        #expect(ScalarText(text).slice(found[1].speechStart, found[1].end) == "Hi there.")
    }

    @Test("a label with a time, before or after the name, begins a turn that starts at that time")
    func timedLabels() {
        let text =
            "Interviewer (00:12:40): Anything else?\n\nRoger Watson [00:12:45]: Not really.\n\n[00:13:10] Interviewer: And the audit?\n\n"
            + "00:13:20 Roger Watson: It went well.\n\n(1:02:03.5) Kate: fine\n\n**Kate (1:02:10):** still fine"
        let found = turns(text)
        #expect(found.map(\.speaker) == ["Interviewer", "Roger Watson", "Interviewer", "Roger Watson", "Kate", "Kate"])
        #expect(found.map(\.startTime) == [760, 765, 790, 800, 3723.5, 3730])
        let scalars = ScalarText(text)
        #expect(scalars.slice(found[0].speechStart, found[0].end) == "Anything else?")
        #expect(scalars.slice(found[2].speechStart, found[2].end) == "And the audit?")
        #expect(scalars.slice(found[5].speechStart, found[5].end) == "still fine")
    }

    @Test("times, links, long clauses and lowercase prose with a colon are not labels")
    func notLabels() {
        for line in [
            "10:30 we started", "http://example.org is the site",
            "What I said to him at the time was this and more: no",
            "Note:the colon needs a space after it", "- Item: a list entry",
        ] {
            #expect(
                TurnFinder.speakerLabel(ScalarText(line), line: TextRange(0, line.unicodeScalars.count)) == nil,
                "\(line)")
        }
    }

    @Test("text before the first label is a turn without a speaker")
    func preamble() {
        let found = turns("# Interview 3\n\nQ: Start?\nA: Yes.")
        #expect(found.map(\.speaker) == [nil, "Q", "A"])
    }

    @Test("without labels each paragraph is a turn")
    func paragraphs() {
        let text = "First paragraph\nstill first.\n\n\nSecond one.\n  \nThird."
        let found = turns(text)
        #expect(found.count == 3)
        #expect(found.allSatisfy { $0.speaker == nil })
        #expect(ScalarText(text).slice(found[0].start, found[0].end) == "First paragraph\nstill first.")
        #expect(ScalarText(text).slice(found[2].start, found[2].end) == "Third.")
    }

    @Test("offsets count scalars when names and speech hold emoji, CJK and combining marks")
    func unicodeOffsets() {
        let text = "Zoë:  学习 👩‍👩‍👧 ok\nRené: e\u{301}🇬🇧."
        let found = turns(text)
        #expect(found.map(\.speaker) == ["Zoë", "René"])
        #expect(found[0].speechStart == 6)
        #expect(ScalarText(text).slice(found[0].speechStart, found[0].end) == "学习 👩‍👩‍👧 ok")
        #expect(found[1].start == 18)
        #expect(ScalarText(text).slice(found[1].speechStart, found[1].end) == "e\u{301}🇬🇧.")
    }
}
