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

extension WordCountTests {
    @Test("counting the text's bytes gives what counting its scalars turn by turn gives, for any text")
    func bytesAsScalars() throws {
        var random = SplitMix64(seed: 7)
        let pieces = ["a", "é", "e\u{301}", "👩‍👩‍👧", " ", "\n", "\u{00A0}", "\u{2003}", "—", "Roger:", "\t", "語"]
        for _ in 0..<300 {
            let text = (0..<Int(random.next() % 60)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
                .joined()
            let scalars = Array(text.unicodeScalars)
            var turns: [Turn] = []
            var at = 0
            while at < scalars.count {
                let end = min(scalars.count, at + 1 + Int(random.next() % 12))
                let speech = min(end, at + Int(random.next() % 3))
                turns.append(Turn(index: turns.count + 1, speaker: nil, start: at, speechStart: speech, end: end))
                at = end + Int(random.next() % 3)
            }
            let expected = turns.reduce(0) { total, turn in
                total + WordCount.words(in: scalars[turn.speechStart..<max(turn.speechStart, turn.end)])
            }
            #expect(WordCount.spoken(text, turns: turns) == expected, "\(text.debugDescription) \(turns)")
            #expect(WordCount.spoken(text, turns: []) == WordCount.words(in: scalars))
        }
    }
}
