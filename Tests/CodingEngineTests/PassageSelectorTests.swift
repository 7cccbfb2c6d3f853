import CodingEngine
import Testing
import TestSupport

@Suite("Naming passages: ranges, turns, pattern matches by match, sentence or turn")
struct PassageSelectorTests {
    static let text =
        "Interviewer: Why the graphs?\n\nRoger: We put graphs up. Operators fill them in! Then we talk. The graphs help.\n\nInterviewer: Thanks."

    /// `text` stored as document `name` in a fresh project.
    static func stored(_ text: String, name: String) throws -> Document {
        let folder = try Support.temporaryFolder()
        let project = try Support.project()
        try project.importTranscripts([try Support.write(text, "C/\(name).txt", in: folder)])
        return try project.document(named: name)
    }

    func document() throws -> Document { try Self.stored(Self.text, name: "d") }

    func texts(_ selector: PassageSelector) throws -> [String] {
        try selector.ranges(in: try document()).map { ScalarText(Self.text).slice($0.start, $0.end) }
    }

    @Test("a turn is its words without the speaker label")
    func turn() throws {
        #expect(try texts(.turn(2)) == ["We put graphs up. Operators fill them in! Then we talk. The graphs help."])
        #expect(throws: EngineError.unknownTurn(document: "d", turn: 9, turns: 3)) { try texts(.turn(9)) }
    }

    @Test("matches, widened to sentences or turns, each coded once")
    func matches() throws {
        #expect(try texts(.match(pattern: "graphs", unit: .match)) == ["graphs", "graphs", "graphs"])
        #expect(
            try texts(.match(pattern: "graphs", unit: .sentence)) == [
                "Why the graphs?", "We put graphs up.", "The graphs help.",
            ])
        #expect(
            try texts(.match(pattern: "graphs", unit: .turn)) == [
                "Why the graphs?",
                "We put graphs up. Operators fill them in! Then we talk. The graphs help.",
            ])
        #expect(try texts(.match(pattern: "(?i)OPERATORS", unit: .sentence)) == ["Operators fill them in!"])
        #expect(throws: EngineError.noMatches(pattern: "zebra", document: "d")) {
            try texts(.match(pattern: "zebra", unit: .match))
        }
        #expect(throws: EngineError.self) { try texts(.match(pattern: "(", unit: .match)) }
    }

    @Test("match offsets count scalars after emoji and flags")
    func matchOffsets() throws {
        let text = "A: 👩‍👩‍👧 and 🇬🇧 then café"
        let document = try Self.stored(text, name: "e")
        let ranges = try PassageSelector.match(pattern: "café", unit: .match).ranges(in: document)
        #expect(ranges == [TextRange(21, 25)])
    }

    @Test("sentences end at . ! ? … with closing quotes, and at blank lines")
    func sentences() {
        let text = "He said \"go.\" We went… Did it work? Yes!\n\nNew para"
        let found = Sentences.sentences(in: ScalarText(text), within: TextRange(0, text.unicodeScalars.count))
            .map { ScalarText(text).slice($0.start, $0.end) }
        #expect(found == ["He said \"go.\"", "We went…", "Did it work?", "Yes!", "New para"])
    }
}
