import CodingEngine
import Testing
@testable import Workbench
import TestSupport

@Suite("The reducer: every command, through a session on the in-memory demo")
struct ReducerTests {
    @Test("on start the first document of the first case is open, the cursor on its first turn's words")
    func start() throws {
        let (session, _) = try Support.demoSession()
        let state = session.state
        #expect(state.document?.name == "brw")
        #expect(state.documents.map(\.name) == ["brw", "dmf", "rsl"])
        #expect(state.cursor == state.document?.turns[0].speechStart)
        #expect(state.focus == .transcript)
    }

    @Test("moving by line, character, word, sentence, turn, page and to either end")
    func movement() throws {
        let (session, _) = try Support.demoSession()
        let text = try #require(session.state.document?.text)
        let start = session.state.cursor
        #expect(text.slice(start, start + 5) == "Thank")
        session.type("w")
        #expect(text.slice(session.state.cursor, session.state.cursor + 5) == "you f")
        session.type("b")
        #expect(session.state.cursor == start)
        session.type("l")
        #expect(session.state.cursor == start + 1)
        session.type("h)")
        #expect(text.slice(session.state.cursor, session.state.cursor + 5) == "Could")
        session.type("(")
        #expect(session.state.cursor == start)
        session.type("}")
        #expect(session.state.currentTurn?.index == 2)
        #expect(text.slice(session.state.cursor, session.state.cursor + 9) == "My father")
        session.type("{")
        #expect(session.state.currentTurn?.index == 1)
        session.type("j")
        let layout = try #require(session.state.layout)
        #expect(layout.lineIndex(of: session.state.cursor) == 1)
        session.type("k")
        #expect(layout.lineIndex(of: session.state.cursor) == 0)
        session.type("G")
        #expect(session.state.cursor == text.length - 1)
        #expect(session.state.top > 0)
        session.type("g")
        #expect(session.state.cursor == 0 && session.state.top == 0)
        session.press([.pageDown])
        #expect(layout.lineIndex(of: session.state.cursor) > 20)
        session.press([.pageUp])
        #expect(layout.lineIndex(of: session.state.cursor) == 0)
    }

    @Test("] and [ jump between coded passages; e finds the next turn you have not coded")
    func codedPassages() throws {
        let (session, _) = try Support.demoSession()
        session.type("]")
        let first = try #require(session.state.visibleCodings.map(\.start).min())
        #expect(session.state.cursor == first)
        session.type("]")
        #expect(session.state.cursor > first)
        session.type("[")
        #expect(session.state.cursor == first)
        session.type("g")
        session.type("e")
        #expect(session.state.currentTurn?.index == 2) // cleo has coded nothing: the next turn
    }

    @Test("selecting: v extends with movement, t the turn, s the sentence, p the paragraph, Esc cancels")
    func selecting() throws {
        let (session, _) = try Support.demoSession()
        let text = try #require(session.state.document?.text)
        session.type("vw")
        #expect(session.state.selection.map { text.slice($0.start, $0.end) } == "Thank y")
        session.press([.escape])
        #expect(session.state.selection == nil)
        session.type("}t")
        let turn = try #require(session.state.currentTurn)
        #expect(session.state.selection == turn.speech)
        session.press([.escape])
        session.type("{s")
        #expect(
            session.state.selection.map { text.slice($0.start, $0.end) }
                == "My father started it in a railway arch in 1974 with two lathes and a milling machine.")
        session.press([.escape])
        session.type("p")
        #expect(session.state.selection == turn.speech)
    }

    @Test("a hotkey codes the selection, or the turn when nothing is selected; the store has it at once")
    func hotkeys() throws {
        let (session, project) = try Support.demoSession()
        session.type("}1")
        let turn = try #require(session.state.currentTurn)
        var mine = try project.codings(CodingFilter(coders: ["cleo"]))
        #expect(mine.map(\.code) == ["Processes/Intuiting"])
        #expect(mine[0].range == turn.speech)
        #expect(session.state.saved)
        #expect(session.state.message == "coded \(turn.speech.length) characters as Processes/Intuiting")
        session.type(")s3")
        mine = try project.codings(CodingFilter(coders: ["cleo"], codes: ["Processes/Integrating"]))
        #expect(mine.first?.text == "I came in as an apprentice at sixteen.")
        session.type(")s.")
        #expect(try project.codings(CodingFilter(coders: ["cleo"], codes: ["Processes/Integrating"])).count == 2)
        #expect(session.state.documents.first { $0.name == "brw" }!.codedShare > 0)
    }

    @Test("undo and redo, unlimited, each written to the store")
    func undoRedo() throws {
        let (session, project) = try Support.demoSession()
        session.type("}1}2}3")
        #expect(try project.codings(CodingFilter(coders: ["cleo"])).count == 3)
        session.type("uu")
        #expect(try project.codings(CodingFilter(coders: ["cleo"])).map(\.code) == ["Processes/Intuiting"])
        session.press([.control("r")])
        #expect(try project.codings(CodingFilter(coders: ["cleo"])).count == 2)
        session.press([.control("z"), .control("z"), .control("z")])
        #expect(try project.codings(CodingFilter(coders: ["cleo"])).isEmpty)
        #expect(session.state.message == "nothing to undo")
        #expect(session.state.undoStack.isEmpty && session.state.redoStack.count == 3)
        session.press([.control("y"), .control("y"), .control("y")])
        #expect(try project.codings(CodingFilter(coders: ["cleo"])).count == 3)
        // A new edit clears what could be redone.
        session.type("u}4")
        #expect(session.state.redoStack.isEmpty)
    }

    @Test("x removes your coding under the cursor, and asks which when there are several")
    func removing() throws {
        let (session, project) = try Support.demoSession()
        session.type("}1")
        session.type("x")
        #expect(try project.codings(CodingFilter(coders: ["cleo"])).isEmpty)
        session.type("u")
        session.type("2")
        session.type("x")
        let removal = try #require(
            session.state.mode.as(RemovalScreen.self), "no choice offered: \(session.state.mode)")
        #expect(removal.candidates.count == 2)
        session.press([.down, .enter])
        #expect(try project.codings(CodingFilter(coders: ["cleo"])).map(\.code) == ["Processes/Intuiting"])
        session.type("u")
        #expect(try project.codings(CodingFilter(coders: ["cleo"])).count == 2)
    }

    @Test("the picker filters as you type, applies on Enter, and creates a code that does not exist")
    func picker() throws {
        let (session, project) = try Support.demoSession()
        session.type("}c")
        session.type("mimet")
        let picker = try #require(session.state.mode.as(PickerScreen.self), "no picker")
        #expect(
            PickerScreen.matches(session.state.codebook, query: picker.query.text).map(\.path) == [
                "Learning type/Mimetic"
            ])
        session.press([.enter])
        #expect(try project.codings(CodingFilter(coders: ["cleo"])).map(\.code) == ["Learning type/Mimetic"])
        // A bare name goes to the top level unless another place is highlighted, never
        // silently into the folder of the last code used.
        session.type("}cTrust")
        #expect(session.render().lines.contains { $0.contains("no code “Trust”: Enter asks to create “Trust”") })
        // Asked first: one Enter asks, Esc goes back to typing, the second Enter creates.
        session.press([.enter])
        #expect(try project.codebook().code(path: "Trust") == nil)
        #expect(session.render().lines.contains { $0.contains("Create “Trust”? Enter creates it · Esc goes back") })
        session.press([.escape])
        #expect(session.state.mode.as(PickerScreen.self)?.confirmingCreate == false)
        session.press([.enter, .enter])
        #expect(try project.codebook().code(path: "Trust")?.codable == true)
        #expect(try project.codings(CodingFilter(coders: ["cleo"], codes: ["Trust"])).count == 1)
        // Undoing the coding that made a code removes the code too: one edit.
        session.type("u")
        #expect(try project.codebook().code(path: "Trust") == nil)
        #expect(try project.codings(CodingFilter(coders: ["cleo"])).map(\.code) == ["Learning type/Mimetic"])
        session.type("<C-r>")
        #expect(try project.codebook().code(path: "Trust") != nil)
        // The place highlighted: the second place is the first folder.
        session.type("}cHunch")
        session.press([.down])
        #expect(session.render().lines.contains { $0.contains("Enter asks to create “Processes/Hunch”") })
        session.press([.enter, .enter])
        #expect(try project.codings(CodingFilter(coders: ["cleo"], codes: ["Processes/Hunch"])).count == 1)
        // A typed path makes its folders.
        session.type("}cInductive/Relations/Loyalty<Enter><Enter>")
        #expect(try project.codebook().code(path: "Inductive/Relations")?.codable == false)
        #expect(try project.codings(CodingFilter(coders: ["cleo"], codes: ["Inductive/Relations/Loyalty"])).count == 1)
        session.type("c<Esc>")
        #expect(session.state.mode == .normal)
        // Initials find a code: "ktp" is Knowledge Transfer Partnership.
        #expect(
            PickerScreen.matches(session.state.codebook, query: "ktp").map(\.path) == [
                "Knowledge source/Knowledge Transfer Partnership"
            ])
    }

    @Test("o hides other coders' codings; # switches the gutter to line numbers")
    func toggles() throws {
        let (session, _) = try Support.demoSession()
        #expect(!session.state.visibleCodings.isEmpty)
        session.type("o")
        #expect(session.state.visibleCodings.isEmpty)
        session.type("o#")
        #expect(session.state.lineNumbers)
    }

    @Test("the documents pane: Tab, move, Enter opens")
    func documentsPane() throws {
        let (session, _) = try Support.demoSession()
        session.press([.tab])
        #expect(session.state.focus == .documents)
        session.type("jj")
        session.press([.enter])
        #expect(session.state.document?.name == "rsl")
        #expect(session.state.focus == .transcript)
    }

    @Test("search highlights matches; n and N move between them")
    func search() throws {
        let (session, _) = try Support.demoSession()
        session.type("/graphs<Enter>")
        let matches = session.state.searchMatches
        #expect(matches.count >= 5)
        #expect(session.state.cursor == matches[0].start)
        session.type("n")
        #expect(session.state.cursor == matches[1].start)
        session.type("N")
        #expect(session.state.cursor == matches[0].start)
        session.type("/GRAPHS<Enter>")
        #expect(session.state.searchMatches == matches) // case is ignored
    }

    @Test("the command line: :coder, :open, unknown commands, :q")
    func commandLine() throws {
        let (session, _) = try Support.demoSession()
        session.type("}}")
        let cursor = session.state.cursor
        session.type(":coder ana<Enter>")
        #expect(session.state.coder == "ana")
        #expect(session.state.cursor == cursor)
        #expect(session.state.documents.first { $0.name == "brw" }!.codedShare > 0)
        session.type(":open dmf<Enter>")
        #expect(session.state.document?.name == "dmf")
        session.type(":frobnicate<Enter>")
        #expect(session.state.message?.hasPrefix("unknown command") == true)
        session.type(":q<Enter>")
        #expect(session.state.quitting)
    }

    @Test("retrieve shows a code's passages in full with filters; Enter jumps to one in another document, selected")
    func retrieve() throws {
        let (session, _) = try Support.demoSession()
        session.type("rintuiting<Enter>")
        let reader = try #require(session.state.mode.as(ReaderScreen.self), "no reader: \(session.state.mode)")
        #expect(reader.query == .code("Processes/Intuiting"))
        #expect(reader.passages.count == 6 && reader.loaded)
        #expect(
            reader.passages[0].turn == 10 && reader.passages[0].speaker == "Roger Watson"
                && reader.passages[0].caseName == "BRW")
        session.type("C")
        let filtered = try #require(
            session.state.mode.as(ReaderScreen.self), "unexpected screen: \(session.state.mode)")
        #expect(filtered.caseFilter == "BRW" && filtered.shown(coder: "cleo").allSatisfy { $0.caseName == "BRW" })
        session.type("CCC")
        session.type("jj<Enter>")
        #expect(session.state.mode == .normal && session.state.back.isEmpty)
        #expect(session.state.document?.name == "dmf")
        #expect(session.state.selection == reader.passages[2].range)
    }

    @Test("the reader widens and narrows the context a turn at a time, and Esc goes back one level")
    func readerContext() throws {
        let (session, _) = try Support.demoSession(width: 120, height: 40)
        session.type("M")
        session.type("jll<Enter>") // BRW as ben coded it × Educational institution
        let reader = try #require(session.state.mode.as(ReaderScreen.self), "no reader: \(session.state.mode)")
        #expect(reader.passages.count == 2 && reader.passages.allSatisfy { $0.coder == "ben" })
        let alone = session.render().lines.count { !$0.isEmpty }
        session.type("+")
        let wider = try #require(session.state.mode.as(ReaderScreen.self), "unexpected screen: \(session.state.mode)")
        #expect(wider.context == 1)
        #expect(session.render().lines.count { !$0.isEmpty } > alone)
        #expect(session.render().lines.contains { $0.contains(reader.passages[0].turnsBefore[0].prefix(30)) })
        session.type("-")
        let narrow = try #require(session.state.mode.as(ReaderScreen.self), "unexpected screen: \(session.state.mode)")
        #expect(narrow.context == 0)
        session.press([.escape])
        _ = try #require(
            session.state.mode.as(MatrixScreen.self), "Esc should go back to the matrix: \(session.state.mode)")
        session.press([.escape])
        #expect(session.state.mode == .normal)
    }

    @Test("frequencies: counts or coverage, you or every coder")
    func frequencies() throws {
        let (session, _) = try Support.demoSession(coder: "ana")
        session.type("f")
        let table = try #require(session.state.mode.as(FrequencyScreen.self), "no frequencies")
        #expect(!table.rows.isEmpty)
        session.type("vo")
        let toggled = try #require(
            session.state.mode.as(FrequencyScreen.self), "unexpected screen: \(session.state.mode)")
        #expect(toggled.coverage && toggled.allCoders)
        session.press([.escape])
        #expect(session.state.mode == .normal)
    }

    @Test("help opens and closes; q quits")
    func helpAndQuit() throws {
        let (session, _) = try Support.demoSession()
        session.type("?")
        let help = try #require(session.state.mode.as(HelpScreen.self), "no help: \(session.state.mode)")
        #expect(help.current == [KeyBindings.transcript.title])
        session.type("j")
        let scrolled = try #require(session.state.mode.as(HelpScreen.self), "unexpected screen: \(session.state.mode)")
        #expect(scrolled.scroll.selected == 1)
        session.press([.escape])
        #expect(session.state.mode == .normal)
        session.type("q")
        #expect(session.state.quitting)
    }

    @Test("resizing re-wraps the transcript and keeps the cursor on screen")
    func resize() throws {
        let (session, _) = try Support.demoSession()
        session.type("}}}}}}}}}}")
        let cursor = session.state.cursor
        session.dispatch(.resize(width: 60, height: 15))
        #expect(session.state.cursor == cursor)
        let layout = try #require(session.state.layout)
        #expect(layout.width == Geometry(session.state).textWidth)
        let line = layout.lineIndex(of: cursor)
        #expect(line >= session.state.top && line < session.state.top + Geometry(session.state).transcript.height)
    }

    @Test("mouse: click places the cursor, drag selects, the wheel scrolls")
    func mouse() throws {
        let (session, _) = try Support.demoSession()
        let geometry = Geometry(session.state)
        let x = geometry.transcript.x + 6 + 4, y = geometry.transcript.y + 3
        session.press([.mouse(.init(kind: .press, x: x, y: y))])
        let clicked = session.state.cursor
        #expect(session.state.layout!.lineIndex(of: clicked) == 3)
        session.press([.mouse(.init(kind: .drag, x: x + 10, y: y))])
        #expect(session.state.selection?.length == 11)
        session.press([.mouse(.init(kind: .wheelDown, x: x, y: y))])
        #expect(session.state.top == 3)
    }

    @Test("< > move a coding's start by a word, - + its end; each is undoable and stored")
    func adjusting() throws {
        let (session, project) = try Support.demoSession()
        session.type("})s1") // "I came in as an apprentice at sixteen."
        func mine() throws -> String { try project.codings(CodingFilter(coders: ["cleo"]))[0].text }
        #expect(try mine() == "I came in as an apprentice at sixteen.")
        session.type("<")
        #expect(try mine() == "machine. I came in as an apprentice at sixteen.")
        session.type(">>")
        #expect(try mine() == "came in as an apprentice at sixteen.")
        session.type("+")
        #expect(try mine() == "came in as an apprentice at sixteen. We")
        session.type("--")
        #expect(try mine() == "came in as an apprentice at")
        session.type("uuuu")
        #expect(try mine() == "I came in as an apprentice at sixteen.")
        session.type("<C-r>") // redoes the second >
        #expect(try mine() == "came in as an apprentice at sixteen.")
    }

    @Test("m edits the memo of your coding under the cursor, or of the document; undo restores it")
    func memos() throws {
        let (session, project) = try Support.demoSession()
        session.type("}1m")
        _ = try #require(session.state.mode.as(MemoScreen.self), "no memo editor: \(session.state.mode)")
        session.type("first hunch<C-s>")
        #expect(try project.codings(CodingFilter(coders: ["cleo"]))[0].memo == "first hunch")
        // The codes pane (at 150 columns) shows the memo of the coding under the cursor.
        session.dispatch(.resize(width: 150, height: 40))
        #expect(session.render().lines.contains { $0.contains("“first hunch”") })
        session.dispatch(.resize(width: 120, height: 40))
        session.type("m<BS><BS><BS><BS><BS>idea<C-s>")
        #expect(try project.codings(CodingFilter(coders: ["cleo"]))[0].memo == "first idea")
        session.type("u")
        #expect(try project.codings(CodingFilter(coders: ["cleo"]))[0].memo == "first hunch")
        session.type("gm") // no coding of cleo's at the start: the document's memo
        session.type("Audio poor at the start<C-s>")
        #expect(try project.documentMemo("brw", coder: "cleo") == "Audio poor at the start")
        #expect(session.render().line(0).contains("✎ Audio poor at the start"))
        session.type("u")
        #expect(try project.documentMemo("brw", coder: "cleo") == nil)
        session.type("m<Esc>")
        #expect(session.state.mode == .normal)
        // Several lines; Esc with changes asks before throwing them away.
        session.type("mline one<C-j>line two<Esc>")
        let asking = try #require(
            session.state.mode.as(MemoScreen.self), "Esc with changes closed the memo: \(session.state.mode)")
        #expect(asking.editor.confirmingDiscard)
        session.type("n<C-s>")
        #expect(try project.documentMemo("brw", coder: "cleo") == "line one\nline two")
        // A paragraph pasted (bracketed paste) stays in the memo; Enter saves it.
        session.type("m")
        session.press([.paste("\nfrom the field notes:\r\nq to quit"), .enter])
        #expect(
            try project.documentMemo("brw", coder: "cleo") == "line one\nline two\nfrom the field notes:\nq to quit")
        #expect(session.state.mode == .normal && !session.state.quitting)
        // Outside a text field a paste does nothing: its letters are not commands.
        let before = session.state
        session.press([.paste("qqq dd u")])
        #expect(session.state.mode == before.mode && !session.state.quitting && session.state.cursor == before.cursor)
    }
}
