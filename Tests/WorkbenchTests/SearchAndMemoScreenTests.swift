import CodingEngine
import Testing
@testable import Workbench
import TestSupport

/// Project-wide search (S) and the memo browser (B), driven by keys.
@Suite("Searching every document and browsing memos at the keyboard")
struct SearchAndMemoScreenTests {
    @Test(
        "S: Enter lists every hit in context; v marks, w widens to the sentence, c codes the marked hits with a code in one edit; u undoes it"
    )
    func search() throws {
        let (session, project) = try Support.demoSession(width: 120, height: 40, coder: "cleo")
        session.type("S")
        session.type("(?i)\\baudit\\w*")
        session.press([.enter])
        let screen = try #require(session.state.mode.as(SearchScreen.self), "no search screen: \(session.state.mode)")
        let expected = try project.search("(?i)\\baudit\\w*")
        #expect(screen.hits == expected && expected.count >= 4)
        #expect(!screen.editing, "the hits take the keys once there are some")
        var lines = session.render().lines
        #expect(lines.contains { $0.contains("\(expected.count) hits of (?i)\\baudit\\w* in") })
        let first = try #require(lines.firstIndex { $0.contains("brw · BRW · t\(expected[0].turn ?? 0)") })
        #expect(lines[first].contains(expected[0].match) && lines[first].contains(String(expected[0].after.prefix(8))))
        session.type("jvv") // mark the second and third hits
        #expect(session.state.mode.as(SearchScreen.self)?.marked == [1, 2])
        session.type("w")
        #expect(session.state.mode.as(SearchScreen.self)?.unit == .sentence)
        session.type("c")
        #expect(
            session.state.mode.as(PickerScreen.self)?.purpose == .codeHits([expected[1], expected[2]], unit: .sentence))
        session.type("Critical incident")
        session.press([.enter])
        let coded = try project.codings(CodingFilter(coders: ["cleo"]))
        let wanted = try project.codings(
            for: [expected[1], expected[2]], unit: .sentence, code: "Renewal stage/Critical incident", coder: "zed")
        #expect(coded.map(\.range) == wanted.map(\.range) && !coded.isEmpty)
        #expect(
            coded.allSatisfy {
                $0.code == "Renewal stage/Critical incident" && $0.text.lowercased().contains("audit")
                    && ($0.text.hasSuffix(".") || $0.text.hasSuffix("?"))
            })
        #expect(session.state.message?.hasPrefix("coded \(coded.count) passage") == true)
        // Coding the same hits again codes nothing new.
        session.type("c")
        session.type("Critical incident")
        session.press([.enter])
        #expect(try project.codings(CodingFilter(coders: ["cleo"])).count == coded.count)
        #expect(session.state.message?.contains("already") == true)
        session.type("u")
        #expect(try project.codings(CodingFilter(coders: ["cleo"])).isEmpty)
        // A code that does not exist is made (asked first), the marks kept; u undoes the coding, then the code.
        session.type("cAudit shock")
        session.press([.enter, .enter])
        #expect(try project.codebook().code(path: "Audit shock")?.codable == true)
        #expect(
            try project.codings(CodingFilter(coders: ["cleo"], codes: ["Audit shock"])).map(\.range)
                == wanted.map(\.range))
        #expect(
            session.state.mode.as(SearchScreen.self)?.marked == [1, 2], "\(session.state.mode) \(session.state.back)")
        session.type("uu")
        #expect(try project.codebook().code(path: "Audit shock") == nil)
        // Enter opens the transcript on the hit under the cursor (the fourth: v moved it on), selected.
        session.press([.enter])
        #expect(session.state.mode == .normal)
        #expect(session.state.document?.name == expected[3].document && session.state.selection == expected[3].range)
        lines = session.render().lines
        #expect(!lines.isEmpty)
    }

    @Test("a bad pattern is named in the status bar and the pattern stays to be corrected")
    func badPattern() throws {
        let (session, _) = try Support.demoSession(width: 100, height: 30, coder: "ana")
        session.type(":search (unclosed<Enter>")
        #expect(session.state.mode.as(SearchScreen.self)?.editing == true)
        #expect(session.state.message?.contains("(unclosed") == true)
    }

    @Test("B lists every memo of every kind; t and c filter; the memo shows in full; Enter opens what it is on")
    func memos() throws {
        let (session, project) = try Support.demoSession(width: 120, height: 40, coder: "ana")
        try project.addMemo(on: .project, text: "Study memo: the 5I framework, first pass.", coder: "ana")
        try project.addMemo(on: .case("DMF"), text: "Family firm; the son runs production.", coder: "ben")
        try project.setDocumentMemo("rsl", coder: "ana", to: "Second interview planned.\nAsk about the college.")
        try project.setCellSummary(
            case: "BRW", code: "Knowledge source/Consultant", to: "The consultant came through the programme.",
            coder: "ana")
        session.type("B")
        let browser = try #require(
            session.state.mode.as(MemoBrowserScreen.self), "no memo browser: \(session.state.mode)")
        #expect(Set(browser.entries.map(\.kind)) == Set(MemoEntry.Kind.allCases.filter { $0 != .code }))
        #expect(browser.entries.first?.kind == .project)
        #expect(session.render().lines.contains { $0.contains("Study memo: the 5I framework") })
        // The document's memo in full, both lines, when highlighted.
        let documentIndex = try #require(browser.shown.firstIndex { $0.kind == .document })
        session.type(String(repeating: "j", count: documentIndex))
        let lines = session.render().lines
        #expect(lines.contains { $0.contains("document memo on rsl by ana") })
        #expect(lines.contains { $0.contains("Ask about the college.") })
        session.type("c") // ana's only
        #expect(session.state.mode.as(MemoBrowserScreen.self)?.shown.allSatisfy { $0.coder == "ana" } == true)
        session.type("cc") // ben's, then everyone's
        #expect(session.state.mode.as(MemoBrowserScreen.self)?.coder == nil)
        session.type("t") // project memos only … then on through the kinds to codings
        #expect(session.state.mode.as(MemoBrowserScreen.self)?.shown.map(\.kind) == [.project])
        while session.state.mode.as(MemoBrowserScreen.self)?.kind != .coding { session.type("t") }
        let coding = try #require(session.state.mode.as(MemoBrowserScreen.self)?.shown.first)
        session.press([.enter])
        #expect(session.state.mode == .normal)
        #expect(session.state.document?.name == coding.document && session.state.selection == coding.range)
        // A cell summary opens the cell's passages in the reader.
        session.type("B")
        while session.state.mode.as(MemoBrowserScreen.self)?.kind != .cellSummary { session.type("t") }
        session.press([.enter])
        let reader = try #require(session.state.mode.as(ReaderScreen.self), "no reader: \(session.state.mode)")
        #expect(reader.caseFilter == "BRW" && reader.query == .code("Knowledge source/Consultant"))
    }
}
