import CodingEngine
import Testing
@testable import Workbench
import TestSupport

@Suite("Shared components: line editor, memo editor, list cursor")
struct ComponentTests {
    @Test("the line editor edits as a shell does: Ctrl-U, Ctrl-W, Ctrl-A, Ctrl-E, arrows, Delete, pasted text")
    func lineEditor() {
        var editor = LineEditor("resist change")
        #expect(editor.handle(.control("w")) == .edited && editor.text == "resist ")
        #expect(editor.handle(.control("a")) == .moved)
        for c in "café 東京 😀 " { _ = editor.handle(.character(c)) }
        #expect(editor.text == "café 東京 😀 resist ")
        _ = editor.handle(.control("e"))
        _ = editor.handle(.left)
        _ = editor.handle(.backspace)
        #expect(editor.text == "café 東京 😀 resis ")
        _ = editor.handle(.home)
        _ = editor.handle(.delete)
        #expect(editor.text == "afé 東京 😀 resis ")
        #expect(editor.handle(.control("u")) == .edited && editor.text.isEmpty)
        #expect(editor.handle(.character("\u{1B}")) == .ignored)
        #expect(editor.handle(.enter) == .submitted && editor.handle(.escape) == .cancelled)
        #expect(editor.handle(.control("s")) == .submitted)
    }

    @Test("a paste goes into a one-line field at once, its line breaks and tabs as spaces, and never submits it")
    func lineEditorPaste() {
        var editor = LineEditor("find ")
        _ = editor.handle(.home)
        #expect(editor.handle(.paste("resist\r\nchange\tnow\u{7}\n")) == .edited)
        #expect(editor.text == "resist change now find " && editor.cursor == 18)
        #expect(editor.handle(.paste("\u{1B}")) == .ignored)
    }

    @Test("Ctrl-U in the picker clears the filter instead of typing into it")
    func pickerClears() throws {
        let (session, project) = try Support.demoSession()
        session.type("}cchange<C-u>resist")
        let picker = try #require(session.state.mode.as(PickerScreen.self))
        #expect(picker.query.text == "resist")
        session.press([.escape])
        #expect(try project.codebook().codes.allSatisfy { !$0.name.contains("change") })
    }

    @Test("the picker lists the codable codes as soon as it opens, the first highlighted, with its position")
    func pickerOpensWithCodes() throws {
        let (session, project) = try Support.demoSession(width: 100, height: 30)
        session.type("r")
        let screen = session.render().lines.joined(separator: "\n")
        let codable = try project.codebook().codes.filter(\.codable)
        #expect(screen.contains("1 of \(codable.count)"))
        #expect(screen.contains(codable[0].path) && screen.contains(codable[1].path))
        #expect(!screen.contains("no code matches"))
    }

    @Test(
        "the memo editor: Ctrl-J starts a line, Enter and Ctrl-S save, joining lines, Esc asks only when something changed"
    )
    func textEditor() {
        var editor = TextEditor("first")
        #expect(editor.handle(.control("j")) == .edited)
        for c in "second" { _ = editor.handle(.character(c)) }
        #expect(editor.text == "first\nsecond")
        #expect(editor.handle(.enter) == .saved && editor.text == "first\nsecond")
        _ = editor.handle(.control("a"))
        _ = editor.handle(.backspace)
        #expect(editor.text == "firstsecond")
        #expect(editor.handle(.escape) == .asking && editor.confirmingDiscard)
        #expect(editor.handle(.character("n")) == .moved && !editor.confirmingDiscard)
        #expect(editor.handle(.control("s")) == .saved)
        var unchanged = TextEditor("same")
        #expect(unchanged.handle(.escape) == .cancelled)
    }

    @Test("a paste into the memo editor keeps its line breaks (CR, LF, CRLF), goes in at the cursor and never saves")
    func textEditorPaste() {
        var editor = TextEditor("before after")
        _ = editor.handle(.control("a"))
        for _ in 0..<7 { _ = editor.handle(.right) }
        #expect(editor.handle(.paste("one\r\ntwo\rthree\n")) == .edited)
        #expect(editor.text == "before one\ntwo\nthree\nafter")
        #expect(editor.row == 3 && editor.column == 0)
        #expect(editor.handle(.paste("\t")) == .edited && editor.text.hasSuffix("\n after"))
    }

    @Test("the list cursor pages by the rows it is given and keeps the selection on screen")
    func listCursor() {
        var list = ListCursor(count: 40)
        list.page(1, rows: 10)
        #expect(list.selected == 10 && list.visible(rows: 10).contains(10))
        list.move(25, rows: 10)
        #expect(list.selected == 35 && list.visible(rows: 10) == 26..<36)
        #expect(list.position == "36 of 40")
        list.move(100, rows: 10)
        #expect(list.selected == 39)
        list.resize(5)
        #expect(list.selected == 4 && list.visible(rows: 10) == 0..<5)
        #expect(ListCursor().position == "none")
    }
}

@Suite("Memos in the transcript")
struct MemoMarkTests {
    @Test(
        "a coding with a memo is marked ✎ in the gutter where it starts, at 80 and at 150 columns",
        arguments: [(80, 24), (150, 40)])
    func memoMark(width: Int, height: Int) throws {
        let (session, _) = try Support.demoSession(width: width, height: height, coder: "cleo")
        session.type("}1")
        let before = session.render()
        let row = try Support.row(before) { $0.contains("Roger Watson: My father") }
        #expect(!before.line(row).contains("✎"))
        session.type("mwhy here<C-s>")
        let after = session.render()
        #expect(after.line(row).contains("✎"), "\(after.line(row))")
        #expect(after.line(row + 1).contains("✎") == false)
    }
}
