import CodingEngine
import Testing
@testable import Workbench
import TestSupport

/// The query screen (Q), driven by keys.
@Suite("Queries at the keyboard")
struct QueryScreenTests {
    @Test("Q: a comparison with a number leaves out a case whose attribute is not one, and says which")
    func notANumber() throws {
        let (session, project) = try Support.demoSession(width: 120, height: 40, coder: "ana")
        try project.setCaseAttributes("BRW", [CaseAttribute(key: "employees", value: .text("many"))])
        session.type("Qcase.employees > 20<Enter>")
        let reader = try #require(session.state.mode.as(ReaderScreen.self))
        #expect(!reader.passages.isEmpty && reader.passages.allSatisfy { $0.caseName != "BRW" })
        #expect(session.state.message == "case.employees > 20 left out 1 case whose employees is not a number: BRW")
    }

    @Test(
        "Q: Tab completes code paths (in quotes when they hold spaces), Enter shows the passages in the reader, Esc goes back to the query"
    )
    func query() throws {
        let (session, project) = try Support.demoSession(width: 120, height: 40, coder: "ana")
        session.type("Q")
        session.type("coder:ana and Processes/Intu<Tab>")
        #expect(session.state.mode.as(QueryScreen.self)?.editor.text == "coder:ana and Processes/Intuiting")
        session.type(" and not \"Know<Tab>")
        #expect(
            session.state.mode.as(QueryScreen.self)?.editor.text
                == "coder:ana and Processes/Intuiting and not \"Knowledge source/")
        #expect(session.state.message?.hasPrefix("10 codes: Knowledge source, Knowledge source/Customer") == true)
        session.type("Cons<Tab>")
        #expect(
            session.state.mode.as(QueryScreen.self)?.editor.text
                == "coder:ana and Processes/Intuiting and not \"Knowledge source/Consultant\"")
        session.press([.enter])
        let reader = try #require(
            session.state.mode.as(ReaderScreen.self), "the passages open in the reader: \(session.state.mode)")
        let expected = try project.query("coder:ana and Processes/Intuiting and not \"Knowledge source/Consultant\"")
        #expect(reader.passages.map(\.text) == expected.map(\.text) && !expected.isEmpty)
        #expect(reader.passages.allSatisfy { $0.code == nil && $0.coder == nil })
        session.press([.escape])
        #expect(session.state.mode.as(QueryScreen.self) != nil, "Esc goes back to the query")
        // A bare name completes to its path; a folder gets its "/" to go on.
        session.type("<C-u>intu<Tab>")
        #expect(session.state.mode.as(QueryScreen.self)?.editor.text == "Processes/Intuiting")
        session.type(" or Proc<Tab>")
        #expect(session.state.mode.as(QueryScreen.self)?.editor.text == "Processes/Intuiting or Processes/")
        session.type(" or \"Learning t<Tab>")
        #expect(
            session.state.mode.as(QueryScreen.self)?.editor.text
                == "Processes/Intuiting or Processes/ or \"Learning type/")
        // A mistake says where, and the query stays to be corrected.
        session.type("<C-u>Processes/Intuiting and")
        session.press([.enter])
        #expect(session.state.mode.as(QueryScreen.self) != nil)
        #expect(session.state.message?.hasPrefix("query, column 24: expected a code") == true)
    }

    @Test("saved queries are listed; ↓ brings one back to run")
    func saved() throws {
        let (session, project) = try Support.demoSession(width: 120, height: 40, coder: "ana")
        try project.saveQuery("consultants", "\"Knowledge source/Consultant\"", by: "ana")
        session.type("Q")
        #expect(session.render().lines.contains { $0.contains("consultants: \"Knowledge source/Consultant\"") })
        session.press([.down])
        #expect(session.state.mode.as(QueryScreen.self)?.editor.text == "\"Knowledge source/Consultant\"")
        session.press([.enter])
        #expect(
            session.state.mode.as(ReaderScreen.self)?.passages.count
                == (try project.query("\"Knowledge source/Consultant\"").count))
    }
}
