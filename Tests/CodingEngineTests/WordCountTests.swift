import CodingEngine
import Testing

@Suite("Words spoken: runs between white space, speaker labels left out")
struct WordCountTests {
    @Test("a word is a run between any white space; punctuation, emoji and combining marks stay inside it")
    func words() {
        #expect(WordCount.words(in: "".unicodeScalars) == 0)
        #expect(WordCount.words(in: "  \n\t ".unicodeScalars) == 0)
        #expect(WordCount.words(in: "We don't — follow-up in 1974.".unicodeScalars) == 6)
        #expect(WordCount.words(in: "Cafe\u{301} 👩‍👩‍👧 rules\u{00A0}came\u{2003}later".unicodeScalars) == 5)
        #expect(Words.inText("one two  three\nfour") == 4)
    }

    @Test("the speaker labels of turns are not counted; a text without turns is counted whole")
    func spoken() throws {
        let text = "Interviewer: How did it start?\n\nRoger Watson: My father started it in 1974.\n"
        let turns = TurnFinder.turns(in: ScalarText(text))
        #expect(turns.count == 2 && turns.map(\.speaker) == ["Interviewer", "Roger Watson"])
        #expect(WordCount.spoken(text, turns: turns) == 10)
        #expect(WordCount.spoken(text, turns: []) == 13)
    }
}
