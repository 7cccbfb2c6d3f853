import CodingEngine
import Testing
@testable import Workbench
import TestSupport

/// The codebook screen (K), the picker's new codes, recoding from the reader and the
/// `:case` and `:document` commands, driven by keys as a researcher would.
@Suite("The codebook under the researcher's control, at the keyboard")
struct CodebookScreenTests {
    static func code(_ project: Project, _ path: String) throws -> Code? { try project.codebook().code(path: path) }

    /// Opens the codebook screen with the cursor on `path`.
    static func open(_ session: Session, at path: String) throws {
        session.type("K")
        let index = try #require(session.state.codebook.codes.firstIndex { $0.path == path })
        for _ in 0..<index { session.type("j") }
        #expect(session.state.mode.as(CodebookScreen.self).map { $0.selected(session.state)?.path } == path)
    }

    @Test(
        "the codebook screen: G and g jump to the last and first code; m on the only marked code says to mark the others"
    )
    func jumpsAndMergeHint() throws {
        let (session, _) = try Support.demoSession()
        session.type("KG")
        let screen = try #require(session.state.mode.as(CodebookScreen.self), "no codebook screen")
        #expect(screen.list.selected == session.state.codebook.codes.count - 1)
        session.type("g")
        #expect(session.state.mode.as(CodebookScreen.self)?.list.selected == 0)
        session.type("j k") // mark the second code, the cursor moves on, then back onto it
        #expect(session.state.mode.as(CodebookScreen.self)?.marked.count == 1)
        session.type("m")
        #expect(session.state.message == "mark the codes to merge into this one (Space on each), then m here")
        // A folder shows the codings of the codes below it.
        let screen2 = try #require(session.state.mode.as(CodebookScreen.self))
        let processes = try #require(session.state.codebook.code(path: "Processes"))
        let expected = session.state.codebook.subtree(of: processes.id).reduce(0) {
            $0 + (screen2.counts[$1.id]?.values.reduce(0, +) ?? 0)
        }
        #expect(expected > 0)
        let row = try Support.row(session.render()) { $0.contains("■   Processes/") }
        #expect(
            session.render().line(row).hasSuffix("/\(expected)")
                || session.render().line(row).contains("/\(expected) "), "\(session.render().line(row))")
    }

    @Test(
        "K shows the tree with colours, hotkeys and counts, and the highlighted code's definition and counts per coder")
    func showsTheTree() throws {
        let (session, project) = try Support.demoSession(width: 120, height: 40, coder: "ana")
        session.type("K")
        let screen = session.render()
        let intuiting = try #require(project.codebook().code(path: "Processes/Intuiting"))
        let mine = try project.codings(CodingFilter(coders: ["ana"], codes: [intuiting.path]), includeText: false).count
        let all = try project.codings(CodingFilter(codes: [intuiting.path]), includeText: false).count
        let row = try Support.row(screen) { $0.contains(" 1 Intuiting") }
        #expect(screen.line(row).contains("\(mine)/\(all)"))
        #expect(screen.lines.contains { $0.contains("Processes/") })
        session.type("j")
        let details = session.render().lines.joined(separator: "\n")
        #expect(details.contains("Processes/Intuiting") && details.contains("hotkey 1"))
        #expect(details.contains("ana \(mine)"))
        #expect(details.contains(String(intuiting.description.prefix(30))))
    }

    @Test("rename, add beside and below, and undo and redo from the codebook screen")
    func renameAddUndo() throws {
        let (session, project) = try Support.demoSession()
        try Self.open(session, at: "Processes/Intuiting")
        session.type("r<C-u>Sensing<Enter>")
        #expect(try Self.code(project, "Processes/Sensing") != nil)
        #expect(session.state.message == "renamed Processes/Intuiting to Processes/Sensing")
        session.type("u")
        #expect(try Self.code(project, "Processes/Intuiting") != nil && Self.code(project, "Processes/Sensing") == nil)
        session.type("<C-r>")
        #expect(try Self.code(project, "Processes/Sensing") != nil)
        session.type("aHunch<Enter>")
        #expect(try Self.code(project, "Processes/Hunch")?.codable == true)
        #expect(
            session.state.mode.as(CodebookScreen.self).map { $0.selected(session.state)?.path } == "Processes/Hunch",
            "the cursor follows the new code")
        session.type("ASubtle<Enter>")
        let subtle = try #require(try Self.code(project, "Processes/Hunch/Subtle"))
        #expect(subtle.codable)
        _ = try #require(session.state.mode.as(CodebookScreen.self), "still on the codebook screen")
        #expect(try project.history().map(\.operation) == ["rename", "undo", "redo", "add", "add"])
    }

    @Test("x and p move a code; Space marks and m merges after asking; d deletes after saying how many codings go")
    func moveMergeDelete() throws {
        let (session, project) = try Support.demoSession()
        try Self.open(session, at: "Processes/Attending")
        session.type("x")
        let index = try #require(session.state.codebook.codes.firstIndex { $0.path == "Flows" })
        let here = session.state.mode.as(CodebookScreen.self)!.list.selected
        for _ in here..<index { session.type("j") }
        session.type("p")
        #expect(try Self.code(project, "Flows/Attending") != nil)
        session.type("u")
        #expect(try Self.code(project, "Processes/Attending") != nil)
        // Merge Experimenting into Intuiting.
        let experimenting = try project.codings(CodingFilter(codes: ["Processes/Experimenting"]), includeText: false)
            .count
        let intuiting = try project.codings(CodingFilter(codes: ["Processes/Intuiting"]), includeText: false).count
        session.press([.escape])
        try Self.open(session, at: "Processes/Experimenting")
        session.type(" ")
        session.press([.escape])
        try Self.open(session, at: "Processes/Intuiting")
        #expect(
            session.state.mode.as(CodebookScreen.self)?.marked.isEmpty == true,
            "marks belong to one visit of the screen")
        session.press([.escape])
        session.type("K")
        let target = try #require(session.state.codebook.codes.firstIndex { $0.path == "Processes/Intuiting" })
        let source = try #require(session.state.codebook.codes.firstIndex { $0.path == "Processes/Experimenting" })
        for _ in 0..<source { session.type("j") }
        session.type(" ")
        for _ in target..<(source + 1) { session.type("k") }
        session.type("m")
        #expect(
            session.render().lines.contains {
                $0.contains("merge Processes/Experimenting into Processes/Intuiting (\(experimenting) codings move)?")
            })
        session.type("n")
        #expect(try Self.code(project, "Processes/Experimenting") != nil)
        session.type("my")
        #expect(try Self.code(project, "Processes/Experimenting") == nil)
        #expect(
            try project.codings(CodingFilter(codes: ["Processes/Intuiting"]), includeText: false).count == intuiting
                + experimenting)
        // Delete, saying how many codings go.
        let feedback = try project.codings(CodingFilter(codes: ["Flows/Feedback"]), includeText: false).count
        let fIndex = try #require(session.state.codebook.codes.firstIndex { $0.path == "Flows/Feedback" })
        let at = session.state.mode.as(CodebookScreen.self)!.list.selected
        for _ in at..<fIndex { session.type("j") }
        session.type("d")
        #expect(
            session.render().lines.contains { $0.contains("delete Flows/Feedback with \(feedback) codings? y deletes") }
        )
        session.type("y")
        #expect(try Self.code(project, "Flows/Feedback") == nil)
        session.type("u")
        #expect(try project.codings(CodingFilter(codes: ["Flows/Feedback"]), includeText: false).count == feedback)
    }

    @Test(
        "h gives any free key as a hotkey (a workbench key is refused); it then codes in one keystroke; c, f and the definition"
    )
    func hotkeyColourDefinition() throws {
        let (session, project) = try Support.demoSession()
        try Self.open(session, at: "Knowledge source/Consultant")
        session.type("hq")
        #expect(session.state.message?.contains("is a workbench key") == true)
        #expect(try Self.code(project, "Knowledge source/Consultant")?.hotkey == nil)
        session.type("hz")
        #expect(try Self.code(project, "Knowledge source/Consultant")?.hotkey == "z")
        let before = try #require(try Self.code(project, "Knowledge source/Consultant")).color
        session.type("c")
        #expect(try Self.code(project, "Knowledge source/Consultant")?.color != before)
        session.type("e")
        _ = try #require(session.state.mode.as(MemoScreen.self), "the definition opens in the multi-line editor")
        session.type("<C-u>Advice bought from outside.<C-s>")
        #expect(try Self.code(project, "Knowledge source/Consultant")?.description == "Advice bought from outside.")
        session.type("f")
        #expect(
            try Self.code(project, "Knowledge source/Consultant")?.codable == true,
            "a code with codings cannot become a folder")
        #expect(session.state.message?.contains("cannot become a folder") == true)
        session.press([.escape])
        session.type("}}z")
        #expect(try project.codings(CodingFilter(coders: ["cleo"], codes: ["Knowledge source/Consultant"])).count == 1)
    }

    @Test("in the reader, v marks passages and R recodes them to another code, or a new one")
    func recodeFromTheReader() throws {
        let (session, project) = try Support.demoSession()
        let before = try project.codings(CodingFilter(codes: ["Processes/Intuiting"]), includeText: false)
        session.type("rintu<Enter>")
        session.type("vv")
        session.type("RHunch")
        session.press([.down, .down])
        #expect(session.render().lines.contains { $0.contains("no code “Hunch”: Enter asks to create “Flows/Hunch”") })
        session.press([.enter])
        #expect(
            session.render().lines.contains { $0.contains("Create “Flows/Hunch”? Enter creates it · Esc goes back") })
        session.press([.enter])
        let moved = try project.codings(CodingFilter(codes: ["Flows/Hunch"]), includeText: false)
        #expect(moved.count == 2 && Set(moved.map(\.guid)).isSubset(of: Set(before.map(\.guid))))
        let reader = try #require(session.state.mode.as(ReaderScreen.self), "back in the reader")
        #expect(reader.passages.count == before.count - 2)
        session.type("u")
        #expect(
            try project.codings(CodingFilter(codes: ["Processes/Intuiting"]), includeText: false).count == before.count)
        #expect(try Self.code(project, "Flows/Hunch") == nil)
    }

    @Test(":document rename follows the open document; :document remove closes it; :case merge; all undoable")
    func casesAndDocuments() throws {
        let (session, project) = try Support.demoSession()
        #expect(session.state.document?.name == "brw")
        session.type(":document rename brw \"brw 2019\"<Enter>")
        #expect(session.state.document?.name == "brw 2019")
        #expect(try project.documents().map(\.name).contains("brw 2019"))
        session.type(":case merge DMF BRW<Enter>")
        #expect(try project.cases().map(\.name) == ["BRW", "RSL"])
        session.type("u")
        #expect(try project.cases().map(\.name) == ["BRW", "DMF", "RSL"])
        let codings = try project.codings(CodingFilter(documents: ["brw 2019"]), includeText: false).count
        session.type(":document remove \"brw 2019\"<Enter>")
        #expect(session.state.message?.hasPrefix("removed the document brw 2019 with \(codings) codings") == true)
        #expect(session.state.document?.name != "brw 2019")
        session.type("u")
        #expect(try project.codings(CodingFilter(documents: ["brw 2019"]), includeText: false).count == codings)
        session.type("u")
        #expect(try project.documents().map(\.name).contains("brw"))
    }
}

@Suite("The consensus from the agreement screen")
struct ConsensusScreenTests {
    @Test("the agreement screen says how far the consensus is; W writes the stretches both coded alike; u undoes it")
    func writeConsensus() throws {
        let (session, project) = try Support.demoSession(width: 120, height: 40, coder: "ana")
        session.type("a")
        #expect(session.render().lines.contains { $0.contains("consensus: none yet") })
        let pending = try project.buildConsensus(coders: ["ana", "ben"], as: "consensus", writing: false).pending
        #expect(pending > 0)
        session.type("W")
        #expect(try project.codings(CodingFilter(coders: ["consensus"]), includeText: false).count == pending)
        #expect(session.render().lines.contains { $0.contains("consensus (consensus): \(pending) of") })
        session.type("u")
        #expect(try project.codings(CodingFilter(coders: ["consensus"]), includeText: false).isEmpty)
    }
}

@Suite("The consensus from the disagreement review")
struct ReviewConsensusTests {
    @Test(
        "the review says how many stretches are still unsettled; W writes the agreed ones; settling lowers the count; u undoes"
    )
    func reviewCount() throws {
        let (session, project) = try Support.demoSession(width: 120, height: 40, coder: "ana")
        session.type("a")
        session.press([.enter])
        _ = try #require(session.state.mode.as(ReviewScreen.self), "no review: \(session.state.mode)")
        #expect(session.render().lines.contains { $0.contains("consensus: none yet; W writes") })
        session.type("W")
        let report = try project.buildConsensus(coders: ["ana", "ben"], as: "consensus", writing: false)
        #expect(report.exists && report.pending == 0)
        let unsettled = report.unsettled.count
        #expect(unsettled > 0)
        #expect(session.state.mode.as(ReviewScreen.self) != nil)
        #expect(session.render().lines.contains { $0.contains("\(unsettled) still to settle") })
        session.type("+") // settle the first disagreement with the union of both versions
        #expect(session.render().lines.contains { $0.contains("\(unsettled - 1) still to settle") })
        session.type("u")
        #expect(session.render().lines.contains { $0.contains("\(unsettled) still to settle") })
    }
}
