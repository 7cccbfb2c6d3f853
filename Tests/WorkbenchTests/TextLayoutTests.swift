import Foundation
import CodingEngine
import Testing
@testable import Workbench
import TestSupport

@Suite("Display widths, the screen buffer and transcript wrapping")
struct TextLayoutTests {
    @Test("a Markdown speaker label **Roger Watson:** shows as the name; offsets and coding stay on the stored text")
    func markdownLabels() throws {
        let folder = try Support.temporaryFolder("intertwine-md")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("BRW"), withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("BRW/talk.md")
        try "**Interviewer:** How did it start?\n\n**Roger Watson:** In a railway arch.\n".write(
            to: file, atomically: true, encoding: .utf8)
        let project = try Project.inMemory(codebook: DemoProject.bundledCodebook())
        try project.importTranscripts([file.path])
        let session = Session(store: project, coder: "ana", projectName: "md.db", width: 80, height: 24)
        let screen = session.render()
        #expect(screen.lines.contains { $0.contains("Roger Watson: In a railway arch.") })
        #expect(!screen.lines.joined().contains("**"))
        session.type("}1") // the second turn, coded with Intuiting
        let coding = try #require(try project.codings(CodingFilter(coders: ["ana"])).first)
        #expect(coding.text == "In a railway arch.")
        // The reader too: its passage with a turn of context shows the labels as names.
        session.type("rProcesses/Intuiting<Enter>+")
        let reader = session.render().lines.joined(separator: "\n")
        #expect(reader.contains("Interviewer: How did it start?") && !reader.contains("**"), "\(reader)")
        #expect(ReaderScreen.plainLabels("**Ana**: yes\n**not a label\nplain") == "Ana: yes\n**not a label\nplain")
    }

    @Test("widths: ASCII 1, CJK and emoji 2, combining marks and joiners 0, flags 1 per indicator")
    func widths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("学习") == 4)
        #expect(DisplayWidth.of("🙂") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("👩‍👩‍👧") == 6) // three wide people, two zero-width joiners
        #expect(DisplayWidth.of("🇬🇧") == 2)
    }

    @Test("the buffer never splits a wide character at the edge, and combining marks join their cell")
    func buffer() {
        var screen = ScreenBuffer(width: 5, height: 2)
        let end = screen.put("ab学习", x: 0, y: 0)
        #expect(end == 5)
        #expect(screen.line(0) == "ab学") // the second 学 would cross the edge: a space stands in
        #expect(screen[2, 0].width == 2 && screen[3, 0].width == 0)
        screen.put("e\u{301}x", x: 0, y: 1)
        #expect(screen.line(1) == "e\u{301}x")
        #expect(screen[1, 1].text == "x")
    }

    @Test("lines wrap at spaces, long words break, every offset belongs to a line")
    func wrapping() {
        let text = ScalarText("one two three four\nabcdefghijklmno\n\nlast")
        let layout = TranscriptLayout(text: text, turns: [], width: 10)
        let shown = layout.lines.map { text.slice($0.start, $0.end) }
        #expect(shown == ["one two ", "three four", "abcdefghij", "klmno", "", "last"])
        #expect(layout.lines.map(\.sourceLine) == [1, nil, 2, nil, 3, 4])
        #expect(layout.lineIndex(of: 9) == 1) // "three" starts line 2
        #expect(layout.column(of: 10, in: text) == 2) // "r" of "three"
        #expect(layout.offset(line: 2, column: 4, in: text) == 23) // "e" of "abcdefghij"
        #expect(layout.offset(line: 3, column: 40, in: text) == 34) // past the end: the line's end
    }

    @Test("wide characters wrap whole and tabs expand")
    func wideAndTabs() {
        let text = ScalarText("学习学习学习 x\ta")
        let layout = TranscriptLayout(text: text, turns: [], width: 5)
        #expect(layout.lines.map { text.slice($0.start, $0.end) } == ["学习", "学习", "学习 ", "x\ta"])
        #expect(layout.column(of: 9, in: text) == 4) // "a", after "x" and a tab to column 4
    }

    @Test("each line knows its turn, and a turn's first line says so")
    func turns() {
        let raw = "A: one two three four\nB: five"
        let text = ScalarText(raw)
        let layout = TranscriptLayout(text: text, turns: TurnFinder.turns(in: text), width: 10)
        #expect(layout.lines.map(\.turn) == [1, 1, 1, 2])
        #expect(layout.lines.map(\.startsTurn) == [true, false, false, true])
    }
}
