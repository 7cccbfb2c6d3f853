import CodingEngine
import Testing
@testable import Workbench

@Suite("Key scripts: keys → actions → screen, for the main flows")
struct KeyScriptTests {
    @Test("open a document, select a turn, code it by hotkey, undo, retrieve, frequencies")
    func mainFlow() throws {
        let (session, project) = try Support.demoSession(width: 120, height: 40)

        session.type("<Tab>j<Enter>")                       // open the second document (DMF)
        var screen = session.render()
        #expect(screen.line(0).contains("DMF / dmf — The main customer's ultimatum"))
        #expect(screen.lines.contains { $0.contains("1  **Interviewer:** Martin, Gareth, thank you both.") })

        session.type("}t")                                  // select turn 2
        screen = session.render()
        let row = try Support.row(screen) { $0.contains("2  **Martin Francis:** I set it up in 1981") }
        #expect(screen.style(x: try Support.column(screen, "I set it up", row: row), y: row).reverse)

        session.type("4")                                   // Institutionalising
        screen = session.render()
        #expect(screen.line(39).contains("as Processes/Institutionalising"))
        let stripe = try Support.column(screen, "┃ Instit", row: row)
        #expect(screen.style(x: stripe, y: row).foreground == RGB(hex: "#3cb44b"))
        #expect(try project.codings(CodingFilter(coders: ["cleo"], documents: ["dmf"])).count == 1)

        session.type("u")                                   // undo
        screen = session.render()
        #expect(screen.line(39).contains("undone: removed Processes/Institutionalising"))
        #expect(!screen.line(row).contains("┃"))
        #expect(try project.codings(CodingFilter(coders: ["cleo"])).isEmpty)

        session.type("rexperim<Enter>")                     // retrieve Experimenting
        screen = session.render()
        #expect(screen.line(1).contains("Retrieve Processes/Experimenting: 4 passages"))
        #expect(screen.lines.contains { $0.contains("We made three rounds of prototypes before we ran it properly.") })
        session.type("<Esc>f")                              // frequencies
        screen = session.render()
        #expect(screen.line(1).contains("Frequencies: codings by case, cleo"))
        #expect(screen.lines.contains { $0.contains("cleo has no codings yet.") })
        session.type("o")
        screen = session.render()
        let experimenting = try Support.row(screen) { $0.contains(" Experimenting") }
        #expect(screen.line(experimenting).hasSuffix("4"))
        session.type("q:q<Enter>")
        #expect(session.state.quitting)
    }

    @Test("the gutter shows turn numbers, or source line numbers after #")
    func gutter() throws {
        let (session, _) = try Support.demoSession(width: 100, height: 30)
        var screen = session.render()
        #expect(screen.lines.contains { $0.contains("   3  Interviewer: And who are your customers?") })
        session.type("#")
        screen = session.render()
        #expect(screen.lines.contains { $0.contains("   5  Interviewer: And who are your customers?") })
    }

    @Test("a write the store refuses leaves the state as it was and says why")
    func failedWrite() throws {
        let (session, project) = try Support.demoSession()
        session.type("}1")
        let coding = try #require(try project.codings(CodingFilter(coders: ["cleo"])).first)
        try project.removeCoding(id: coding.id)             // removed behind the workbench's back
        session.type("u")                                   // undo tries to remove it again
        #expect(session.state.message?.contains("has no coding of Processes/Intuiting") == true)
        #expect(session.state.saved)
        #expect(session.state.undoStack.count == 1)         // nothing was undone
    }

    @Test("list paging and the command line's toggles")
    func pagingAndToggles() throws {
        let (session, _) = try Support.demoSession(width: 100, height: 20)
        session.type("rinstitutionalising<Enter>")
        session.press([.pageDown])
        guard case .retrieve(let retrieval) = session.state.mode else { Issue.record("no retrieve"); return }
        #expect(retrieval.passages.count == 11)
        #expect(retrieval.selected == 10)   // a page is 14 rows: down to the last passage
        session.press([.pageUp, .escape])
        session.type(":others<Enter>")
        #expect(!session.state.showOthers)
        session.type(":numbers<Enter>")
        #expect(session.state.lineNumbers)
        session.type(":help<Enter>")
        #expect(session.state.mode == .help(scroll: 0))
    }
}
