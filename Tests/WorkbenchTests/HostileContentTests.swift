import CodingEngine
import Testing
@testable import Workbench
import TestSupport

@Suite("Hostile content on the workbench's screen")
struct HostileContentTests {
    @Test("ESC, OSC and C1 controls in text, case and code names reach the screen as visible marks, one cell each")
    func controlsAreVisible() throws {
        let escape = "\u{1B}[31mRED\u{1B}]0;owned\u{07}\u{9B}2J"
        let codebook = CodebookFile(
            name: "x", codes: [CodeDefinition(name: "Bad" + escape, color: "#e6194b", hotkey: "1")])
        let project = try Project.inMemory(codebook: codebook)
        let text = "A: hello \(escape) there\n\nB: fine"
        try project.store([
            try Transcript.parse(
                bytes: Array(text.utf8), path: "t.txt", name: "doc" + escape, caseName: "K" + escape, folderName: nil)
        ])
        let session = Session(store: project, coder: "ana" + escape, projectName: "p.db", width: 100, height: 24)
        session.type("1")
        let screen = session.render()
        for cell in screen.cells {
            #expect(
                !cell.text.unicodeScalars.contains(where: VisibleText.isControl),
                "a control reached the screen: \(cell.text.unicodeScalars.map(\.value))")
        }
        let row = try Support.row(screen) { $0.contains("hello") }
        #expect(screen.line(row).contains("hello ␛[31mRED␛]0;owned␇\u{FFFD}2J there"))
        // The cursor and the stripes still line up: the word after the marks is where the offsets say.
        let thereX = try Support.column(screen, "there", row: row)
        let helloX = try Support.column(screen, "hello", row: row)
        #expect(thereX - helloX == "hello ".count + escape.unicodeScalars.count + 1)
    }

    @Test("the hotkeys a codebook may not use are exactly the transcript's and documents pane's keys")
    func reservedHotkeys() {
        var bound = Set<Character>()
        for table in [KeyBindings.transcript, KeyBindings.documents] {
            for binding in table.bindings {
                for key in binding.keys { if case .character(let c) = key { bound.insert(c) } }
            }
        }
        #expect(Hotkey.reserved == bound)
        #expect(Hotkey.problem("q") != nil && Hotkey.problem("?") != nil && Hotkey.problem("}") != nil)
        #expect(Hotkey.problem("1") == nil && Hotkey.problem("7") == nil && Hotkey.problem("z") == nil)
    }
}
