@testable import CodingEngine
import Testing

@Suite("Pattern search: which patterns run without the clock, and both ways find the same")
struct PatternSearchTests {
    @Test("patterns that cannot backtrack badly skip the clock; the others keep it", arguments: [
        ("consultant college", true),
        ("learn\\w*", true),
        ("\\w+ \\w+", true),                 // a space is no word character
        ("(learn|know)\\w+ from \\w+", true),
        ("(?i)audit\\w* of \\w+", true),
        ("[a-z]+, [a-z]+", true),
        ("a+|b+", true),                     // alternatives at the top are judged apart
        ("\\d{2,}-\\d+", true),
        ("(a+)+$", false),                   // a repeated group
        ("(a|aa)*c", false),
        ("a*a*b", false),                    // two repeats with nothing between
        (".+ .+", false),                    // a dot matches the space
        ("\\w+\\s*\\w+", false),
        ("(\\w)\\1", false),                 // a back-reference
        ("(?=x)\\w+", false),                // look-ahead
        ("(?i)[a-z]+A[a-z]+", false),        // without case, [a-z] matches A
        ("[a-z]+A[a-z]+", true),
    ])
    func classifies(pattern: String, safe: Bool) {
        #expect(PatternSearch.cannotBacktrackBadly(pattern) == safe, "\(pattern)")
    }

    @Test("the fast and the watched search find the same matches, at scalar offsets")
    func sameMatches() throws {
        let text = "Émile: We learnt from the consultant 👍 and the college.\nRoger: learning, knowing, learnt again."
        for pattern in ["learn\\w*", "\\w+ the \\w+", "(learn|know)\\w+"] {
            let compiled = try PatternSearch.Compiled(pattern)
            #expect(!compiled.needsClock)
            let fast = try compiled.matches(in: text, document: "d")
            let watched = try PatternSearch.Compiled(pattern, watched: true).matches(in: text, document: "d")
            #expect(fast == watched, "\(pattern)")
            #expect(!fast.isEmpty)
        }
        let scalars = ScalarText(text)
        let found = try PatternSearch.matches(of: "college", in: text, document: "d")
        #expect(found.map { scalars.slice($0.start, $0.end) } == ["college"])
    }

    @Test("a catastrophic pattern is stopped at the time limit and named")
    func stops() throws {
        let text = String(repeating: "a", count: 40) + "b"
        #expect(throws: EngineError.patternTooSlow(pattern: "(a+)+$", document: "d", seconds: 0)) {
            try PatternSearch.matches(of: "(a+)+$", in: text, document: "d", timeLimit: 0.2)
        }
    }
}
