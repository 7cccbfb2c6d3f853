import CodingEngine
import Testing
@testable import Workbench
import TestSupport

/// Every screen's keys come from its table: the status bar hints what the table
/// says, and every hinted key does something there.
@Suite("Key tables: every screen's hints are keys that work")
struct KeyTableTests {
    /// A session brought to a screen by keys, with the screen's name.
    static let screens: [(String, String)] = [
        ("transcript", ""), ("documents pane", "<Tab>"), ("picker", "c"), ("retrieve picker", "r"),
        ("command line", ":"),
        ("search", "/"), ("help", "?"), ("reader", "rintu<Enter>"), ("frequencies", "f"), ("removal", "}12x"),
        ("memo", "}1m"), ("memo asking", "}1mwords<Esc>"), ("agreement", "a"), ("review", "a<Enter>"),
        ("heat map", "H"), ("matrix", "M"), ("cell summary", "Mm"), ("flows", "F"),
        ("reader from a cell", "Mll<Enter>"),
        ("codebook", "K"), ("codebook naming", "Ka"), ("codebook confirming", "Kjd"), ("codebook hotkey", "Kjh"),
        ("new code picker", "}cTrust"), ("recode picker", "rintu<Enter>vR"), ("query", "QProcesses"),
        ("project search", "Saudit"), ("project search hits", "S(?i)audit<Enter>"), ("memo browser", "B"),
        ("proposals", "A"), ("proposals rejecting", "Ax"),
    ]

    @Test(
        "each screen's status bar shows its own table's hints, and each hinted key changes the state or asks for work",
        arguments: screens)
    func hintedKeysWork(_ name: String, _ keys: String) throws {
        let (session, _) = try Support.demoSession(
            width: 120, height: 40, coder: "ana", proposals: name.hasPrefix("proposals"))
        session.type(keys)
        let state = session.state
        let tables = KeyBindings.tables(for: state.mode, focus: state.focus)
        let table = try #require(tables.first)
        #expect(table.bindings.contains { $0.hint }, "\(name) hints nothing")
        // The keys hinted now: those of its own table that do something in this state.
        let hinted = KeyBindings.hinted(state)
        // The hints show whenever no message stands in their place.
        var quiet = state
        quiet.message = nil
        let status = WorkbenchView.render(quiet).line(39)
        for binding in hinted {
            #expect(status.contains("\(binding.keys[0])"), "\(name): \(binding.keys[0]) is not hinted: \(status)")
        }
        for binding in hinted {
            var copy = state
            let effects = Reducer.reduce(&copy, .key(binding.keys[0]))
            // What counts is a change to the screen (or the transcript) or work asked for;
            // a message alone is not the key doing something.
            var moved = copy
            moved.message = state.message
            #expect(
                moved != state || !effects.isEmpty,
                "\(name): \(binding.keys[0]) (\(binding.help)) did nothing: \(copy.message ?? "")")
        }
    }

    @Test("the help screen lists the current screen's table first, and every table and : command")
    func helpFromEveryScreen() throws {
        let (session, _) = try Support.demoSession(width: 120, height: 40, coder: "ana")
        session.type("M?")
        let help = try #require(session.state.mode.as(HelpScreen.self), "no help: \(session.state.mode)")
        // The matrix's own keys, then the ones it inherits from the table it shows.
        #expect(help.current == [MatrixScreen.keys.title, TableCursor.keys.title])
        let lines = HelpScreen.lines(help.current, session.state).map(\.0)
        #expect(lines[2] == MatrixScreen.keys.title)
        for table in KeyBindings.all { #expect(lines.contains(table.title), "\(table.title)") }
        for command in CommandLineCommands.all { #expect(lines.contains { $0.contains(":" + command.names[0]) }) }
        session.press([.escape])
        _ = try #require(
            session.state.mode.as(MatrixScreen.self), "Esc from help should return to the matrix: \(session.state.mode)"
        )
    }

    @Test(
        "every screen is in the catalogue: its keys are in the help, a place's key opens it, and no transcript key is bound twice"
    )
    func catalogue() throws {
        let titles = KeyBindings.all.map(\.title)
        for screen in ScreenCatalogue.screens {
            for table in screen.tables {
                #expect(titles.contains(table.title), "\(screen): \(table.title) is not in the help")
            }
        }
        let keys = KeyBindings.transcript.bindings.flatMap(\.keys)
        #expect(Set(keys).count == keys.count, "a key is bound twice in the transcript: \(keys)")
        for place in ScreenCatalogue.places {
            let (session, _) = try Support.demoSession(width: 120, height: 40, coder: "ana")
            session.press([place.opening.keys[0]])
            #expect(
                session.state.mode.screen.map { type(of: $0) == place } == true,
                "\(place.opening.keys[0]) did not open \(place)")
            let shown = try #require(KeyBindings.tables(for: session.state.mode, focus: .transcript).first)
            #expect(place.tables.contains { $0.title == shown.title }, "\(place) shows \(shown.title)")
        }
    }
}
