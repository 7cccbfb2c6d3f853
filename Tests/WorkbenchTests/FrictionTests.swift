import CodingEngine
import Testing
@testable import Workbench
import TestSupport

/// The frictions a researcher hit, each fixed and kept fixed.
@Suite("Frictions a researcher hit")
struct FrictionTests {
    @Test("a backwards selection from the end does not take in the final line break")
    func backwardsFromTheEnd() throws {
        let (session, _) = try Support.demoSession()
        let text = try #require(session.state.document?.text)
        session.type("Gvbbb")
        let selection = try #require(session.state.selection)
        #expect(selection.end <= text.length)
        #expect(!text.slice(selection.start, selection.end).hasSuffix("\n"))
        #expect(text.slice(selection.start, selection.end).split(separator: " ").count == 3)
    }

    @Test("the workbench reopens each coder where they left off")
    func reopensWhereLeft() throws {
        let project = try Project.inMemory(codebook: DemoProject.bundledCodebook())
        try DemoProject.populate(project)
        let first = Session(store: project, coder: "cleo", projectName: "demo.db", width: 120, height: 40)
        first.type(":open rsl<Enter>}}}}}")
        let cursor = first.state.cursor
        first.type(":q<Enter>")
        #expect(first.state.quitting)
        let again = Session(store: project, coder: "cleo", projectName: "demo.db", width: 120, height: 40)
        #expect(again.state.document?.name == "rsl" && again.state.cursor == cursor)
        // Another coder starts at the beginning, as before.
        let other = Session(store: project, coder: "dora", projectName: "demo.db", width: 120, height: 40)
        #expect(other.state.document?.name == "brw")
    }

    @Test("e goes to the next participant's turn you have not coded, past the interviewer's questions")
    func nextUncodedParticipantTurn() throws {
        let (session, _) = try Support.demoSession()
        session.type("e")
        #expect(session.state.currentTurn?.speaker == "Roger Watson")
        session.type("1e")
        let turn = try #require(session.state.currentTurn)
        #expect(turn.speaker == "Roger Watson" && turn.index == 4) // turn 3 is the interviewer's question
    }

    @Test("after } or a search hit the place landed on stands in the upper third")
    func upperThird() throws {
        let (session, _) = try Support.demoSession(width: 120, height: 40)
        session.type(String(repeating: "}", count: 12))
        let layout = try #require(session.state.layout)
        let rows = Geometry(session.state).transcript.height
        let line = layout.lineIndex(of: session.state.cursor) - session.state.top
        #expect(line >= 0 && line <= rows / 3, "landed on row \(line) of \(rows)")
        session.type("/graphs<Enter>")
        #expect(session.state.message?.hasPrefix("match 1 of ") == true)
        session.type("n")
        #expect(session.state.message?.hasPrefix("match 2 of ") == true)
        let hit = layout.lineIndex(of: session.state.cursor) - session.state.top
        #expect(hit >= 0 && hit <= rows / 3)
    }

    @Test("moving a boundary says how many words moved and what the coding now reads")
    func nudgesInWords() throws {
        let (session, _) = try Support.demoSession()
        session.type("})s1<")
        #expect(
            session.state.message?.hasPrefix(
                "start moved 1 word earlier: Processes/Intuiting now reads “machine. I came in") == true,
            "\(session.state.message ?? "")")
        session.type("+")
        #expect(session.state.message?.hasPrefix("end moved 1 word later") == true, "\(session.state.message ?? "")")
    }

    @Test(
        "v then } or ) extends to the last character of the speaker's words or the sentence, never into the next label")
    func selectionsStopAtTheTurn() throws {
        let (session, project) = try Support.demoSession()
        session.type("}}") // a participant's answer
        let turn = try #require(session.state.currentTurn)
        let start = session.state.cursor
        session.type("v}")
        #expect(session.state.selection == TextRange(start, turn.end), "\(String(describing: session.state.selection))")
        session.type("1")
        let coding = try #require(
            try project.codings(CodingFilter(coders: ["cleo"])).first { $0.start == start },
            "\(session.state.message ?? "")")
        #expect(coding.end == turn.end && !coding.text.contains("\n") && !coding.text.hasSuffix(" "))
        // From the turn's last character (where coding left the cursor), } takes in the
        // next turn up to its speaker's last character.
        #expect(session.state.cursor == turn.end - 1)
        session.type("v}")
        let next = try #require(session.state.document?.turns.first { $0.start >= turn.end })
        #expect(session.state.selection?.end == next.end)
        session.press([.escape])
        // ) stops at the sentence's last character.
        session.type("v)")
        let selected = try #require(session.state.selection)
        let text = try #require(session.state.document?.text)
        #expect(
            text.slice(selected.start, selected.end).last.map { ".!?…\"”)".contains($0) } == true,
            "\(text.slice(selected.start, selected.end))")
        session.press([.escape])
    }

    @Test("moving the end of a coding shows the end that moved, fitted to the width")
    func endEdgeShown() throws {
        let (session, _) = try Support.demoSession(width: 80, height: 24)
        session.type("}}t1+")
        let message = try #require(session.state.message)
        #expect(message.hasPrefix("end moved 1 word later") && message.contains("now reads “…"), "\(message)")
        #expect(message.count <= 80, "\(message.count)")
    }

    @Test(":turn N goes to turn N's words; a turn that is not there says which are")
    func goToTurn() throws {
        let (session, _) = try Support.demoSession()
        session.type(":turn 12<Enter>")
        let turn = try #require(session.state.document?.turns.first { $0.index == 12 })
        #expect(session.state.cursor == turn.speechStart && session.state.currentTurn?.index == 12)
        #expect(session.state.message?.hasPrefix("turn 12") == true)
        session.type(":turn 999<Enter>")
        #expect(session.state.message?.contains("with N from 1 to") == true && session.state.cursor == turn.speechStart)
    }

    @Test("Ctrl-S saves every text field as Enter does: the picker, the : line, a search, a cell summary")
    func controlSSaves() throws {
        let (session, project) = try Support.demoSession()
        session.type("}}cinterp<C-s>")
        #expect(session.state.mode == .normal)
        #expect(try project.codings(CodingFilter(coders: ["cleo"])).map(\.code) == ["Processes/Interpreting"])
        session.type(":turn 5<C-s>")
        #expect(session.state.currentTurn?.index == 5)
        session.type("M")
        session.type("mcopies the leaders<C-s>")
        #expect(try project.cellSummaries().values.contains("copies the leaders"))
    }

    @Test("the picker shows the highlighted code's definition")
    func pickerDefinition() throws {
        let (session, _) = try Support.demoSession(width: 120, height: 40)
        session.type("cintuit")
        let lines = session.render().lines.joined(separator: "\n")
        #expect(lines.contains("Pre-conscious recognition of patterns"))
    }

    @Test("the status bar names three codings under the cursor and counts the rest as +N")
    func moreThanThree() throws {
        let (session, _) = try Support.demoSession(width: 80, height: 24)
        session.type("}1}{2}{3}{4lh")
        #expect(session.state.codingsUnderCursor.count >= 4)
        let status = session.render().line(23)
        #expect(status.contains("+\(session.state.codingsUnderCursor.count - 3)"), "\(status)")
    }

    @Test("the reducer asks for the right work: loads and writes are effects it returns")
    func effects() throws {
        let (session, _) = try Support.demoSession(coder: "ana")
        var state = session.state
        #expect(Reducer.reduce(&state, .key(.character("f"))) == FrequencyScreen().load(state))
        #expect(FrequencyScreen().load(state).map { "\($0)" } == ["load(FrequencyScreen: by case)"])
        state = session.state
        #expect(
            Reducer.reduce(&state, .key(.character("a")))
                == AgreementScreen(Comparison(coders: ["ana", "ben"])).load(state))
        #expect(state.mode.as(AgreementScreen.self)?.coders == ["ana", "ben"])
        state = session.state
        let turn = try #require(state.currentTurn)
        #expect(
            Reducer.reduce(&state, .key(.character("1")))
                == [
                    .write(
                        .added([
                            NewCoding(document: "brw", range: turn.speech, code: "Processes/Intuiting", coder: "ana")
                        ]), intent: .record)
                ])
        state = session.state
        _ = Reducer.reduce(&state, .key(.character(":")))
        _ = Reducer.reduce(&state, .key(.character("q")))
        #expect(
            Reducer.reduce(&state, .key(.enter)) == [
                .rememberPosition(coder: "ana", document: "brw", offset: session.state.cursor)
            ])
        #expect(state.quitting)
    }

    @Test("the documents pane scrolls: with forty interviews the one selected is on screen, with its position")
    func manyDocuments() throws {
        let project = try Project.inMemory(codebook: DemoProject.bundledCodebook())
        let transcripts = try (1...40).map { n in
            try Transcript.parse(
                bytes: Array("A: interview \(n)".utf8), path: "f\(n).txt", name: String(format: "firm%02d", n),
                caseName: "Case \(n % 4)", folderName: nil)
        }
        try project.store(transcripts)
        let session = Session(store: project, coder: "ana", projectName: "p.db", width: 120, height: 30)
        session.type("<Tab>" + String(repeating: "j", count: 30))
        let selected = session.state.documents[session.state.documentsCursor].name
        let screen = session.render()
        #expect(screen.lines.contains { $0.contains(selected) })
        #expect(screen.lines.contains { $0.contains("31 of 40") })
        session.press([.pageDown])
        #expect(session.state.documentsCursor > 30)
    }
}
