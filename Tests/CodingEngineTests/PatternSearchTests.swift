@testable import CodingEngine
import Foundation
import Testing

@Suite("Pattern search: ICU over UTF-16, at scalar offsets, within a time limit")
struct PatternSearchTests {
    @Test("matches are found at scalar offsets, as NSRegularExpression finds them")
    func sameMatches() throws {
        let text = "Émile: We learnt from the consultant 👍 and the college.\nRoger: learning, knowing, learnt again."
        let scalars = ScalarText(text)
        for pattern in ["learn\\w*", "\\w+ the \\w+", "(learn|know)\\w+", "(?i)émile|ROGER", "(a+)+$", "(?<=the )\\w+"]
        {
            let found = try PatternSearch.matches(of: pattern, in: text, document: "d")
            let reference = try NSRegularExpression(pattern: pattern)
                .matches(in: text, range: NSRange(location: 0, length: text.utf16.count))
                .filter { $0.range.length > 0 }
                .map { String(text[Range($0.range, in: text)!]) }
            #expect(found.map { scalars.slice($0.start, $0.end) } == reference, "\(pattern)")
        }
        let found = try PatternSearch.matches(of: "college", in: text, document: "d")
        #expect(found.map { scalars.slice($0.start, $0.end) } == ["college"])
        #expect(try PatternSearch.matches(of: "x", in: "", document: "d").isEmpty)
    }

    @Test("a pattern that is not one is refused, saying where")
    func refusesBadPattern() {
        #expect(
            throws: EngineError.badPattern(
                pattern: "learn(", problem: "check its brackets, parentheses and escapes (near character 7)")
        ) {
            try PatternSearch.Compiled("learn(")
        }
    }

    @Test("offsets count scalars across one-, two-, three- and four-byte characters, and in text all in ASCII")
    func scalarOffsets() throws {
        let mixed = "a👍b é知c 👩‍🔬 learn d learnt"
        let scalars = ScalarText(mixed)
        let found = try PatternSearch.matches(of: "learn\\w*|[bcd]", in: mixed, document: "d")
        #expect(found.map { scalars.slice($0.start, $0.end) } == ["b", "c", "learn", "d", "learnt"])
        #expect(found.first == TextRange(2, 3))
        let ascii = "we learnt from them"
        #expect(
            try PatternSearch.matches(of: "learn\\w*|them", in: ascii, document: "d") == [
                TextRange(3, 9), TextRange(15, 19),
            ])
    }

    @Test(
        "UTF-16 decoded from the UTF-8 is the string's own",
        arguments: ["", "plain", "é知👍 a\u{0}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}"])
    func utf16(text: String) {
        #expect(PatternSearch.utf16(text) == Array(text.utf16))
    }

    @Test("a catastrophic pattern is stopped at the time limit and named")
    func stops() throws {
        let text = String(repeating: "a", count: 40) + "b"
        #expect(throws: EngineError.patternTooSlow(pattern: "(a+)+$", document: "d", seconds: 0)) {
            try PatternSearch.matches(of: "(a+)+$", in: text, document: "d", timeLimit: 0.2)
        }
    }

    @Test("a pattern that must remember more places to go back to than ICU allows is stopped and named")
    func tooDeep() throws {
        let text = String(repeating: "a", count: 2_000_000)
        #expect(throws: EngineError.patternTooDeep(pattern: "(a|b)*$", document: "d")) {
            try PatternSearch.matches(of: "(a|b)*$", in: text, document: "d", timeLimit: 10)
        }
    }
}
