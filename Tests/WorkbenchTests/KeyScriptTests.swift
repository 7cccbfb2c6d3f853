import CodingEngine
import Testing
@testable import Workbench
import TestSupport

@Suite("Key scripts: keys → actions → screen, for the main flows")
struct KeyScriptTests {
    @Test("open a document, select a turn, code it by hotkey, undo, retrieve, frequencies")
    func mainFlow() throws {
        let (session, project) = try Support.demoSession(width: 120, height: 40)

        session.type("<Tab>j<Enter>") // open the second document (DMF)
        var screen = session.render()
        #expect(screen.line(0).contains("DMF / dmf — The main customer's ultimatum"))
        // a Markdown label shows as the name
        #expect(screen.lines.contains { $0.contains("1  Interviewer: Martin, Gareth, thank you both.") })

        session.type("}t") // select turn 2
        screen = session.render()
        let row = try Support.row(screen) { $0.contains("2  Martin Francis: I set it up in 1981") }
        #expect(screen.style(x: try Support.column(screen, "I set it up", row: row), y: row).reverse)

        session.type("4") // Institutionalising
        screen = session.render()
        #expect(screen.line(39).contains("as Processes/Institutionalising"))
        #expect(screen.line(row).hasSuffix("Insti")) // as much of the name as fits beside the stripes
        let stripe = try Support.column(screen, "┃", row: row)
        #expect(screen.style(x: stripe, y: row).foreground == RGB(hex: "#4363d8"))
        #expect(try project.codings(CodingFilter(coders: ["cleo"], documents: ["dmf"])).count == 1)

        session.type("u") // undo
        screen = session.render()
        #expect(screen.line(39).contains("undone: removed Processes/Institutionalising"))
        #expect(!screen.line(row).contains("┃"))
        #expect(try project.codings(CodingFilter(coders: ["cleo"])).isEmpty)

        session.type("rexperim<Enter>") // retrieve Experimenting
        screen = session.render()
        #expect(screen.line(1).contains("Retrieve Processes/Experimenting: 4 passages"))
        #expect(screen.lines.contains { $0.contains("We made three rounds of prototypes before we ran it properly.") })
        session.type("<Esc>f") // frequencies
        screen = session.render()
        #expect(screen.line(1).contains("Frequencies: codings by case, your codings (cleo)"))
        #expect(screen.lines.contains { $0.contains("cleo has no codings yet.") })
        session.type("o")
        screen = session.render()
        // Every coder side by side, each with a total of their own; no column adds coders up.
        let header = try Support.row(screen) { $0.contains("all·ana") }
        #expect(screen.line(header).contains("all·ben"))
        let experimenting = try Support.row(screen) { $0.contains(" Experimenting") }
        #expect(screen.line(experimenting).hasSuffix("2"))
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
        try project.removeCoding(id: coding.id) // removed behind the workbench's back
        session.type("u") // undo tries to remove it again
        #expect(session.state.message?.contains("has no coding of Processes/Intuiting") == true)
        #expect(session.state.saved)
        #expect(session.state.undoStack.count == 1) // nothing was undone
    }

    @Test("paging moves by what fits on the screen; the command line's toggles; :help lists the commands")
    func pagingAndToggles() throws {
        let (session, _) = try Support.demoSession(width: 100, height: 20)
        session.type("rinstitutionalising<Enter>")
        let reader = try #require(session.state.mode.as(ReaderScreen.self), "no reader: \(session.state.mode)")
        #expect(reader.passages.count == 11)
        session.press([.pageDown])
        let paged = try #require(session.state.mode.as(ReaderScreen.self), "unexpected screen: \(session.state.mode)")
        // The first passage shown after a page down is the first that did not fit before.
        let shownBefore = session.render().lines.count {
            $0.contains("▶") || $0.contains("· Processes/Institutionalising")
        }
        #expect(paged.cursor.selected > 0 && paged.cursor.selected < 11)
        #expect(shownBefore >= 1)
        #expect(session.render().lines.contains { $0.contains("\(paged.cursor.selected + 1) of 11") })
        session.press([.pageUp, .escape])
        session.type(":others<Enter>")
        #expect(!session.state.showOthers)
        session.type(":numbers<Enter>")
        #expect(session.state.lineNumbers)
        session.type(":frobnicate<Enter>")
        #expect(
            session.state.message?.contains(
                ":coder :open :matrix :search :memos :done :agree :consensus :case :document :codebook :others :numbers :pseudonyms :turn :help :q"
            ) == true)
        session.type(":help<Enter>")
        let screen = try #require(session.state.mode.as(HelpScreen.self), "no help: \(session.state.mode)")
        let help = HelpScreen.lines(screen.current, session.state).map(\.0).joined(separator: "\n")
        #expect(help.contains(":coder NAME") && help.contains(":agree A,B"))
    }
}
