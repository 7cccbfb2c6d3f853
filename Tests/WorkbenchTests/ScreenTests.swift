import CodingEngine
import Testing
@testable import Workbench
import TestSupport

@Suite("Screens rendered to the buffer at 80×24, 120×40 and 60×15")
struct ScreenTests {
    @Test("the main screen at 120×40: title, documents pane with cases, turn numbers, labels, stripes, status")
    func main120() throws {
        let (session, _) = try Support.demoSession(width: 120, height: 40)
        let screen = session.render()
        #expect(screen.line(0).hasPrefix(" intertwine · demo.db · BRW / brw — Failed audits"))
        #expect(screen.line(1).hasPrefix(" Documents"))
        #expect(screen.lines.contains { $0.hasPrefix(" BRW") })
        #expect(screen.lines.contains { $0.hasPrefix("  dmf") && $0.contains("0%") })
        let first = try Support.row(screen) { $0.contains("1  Interviewer: Thank you") }
        // The speaker label is bold, the words after it are not.
        let labelX = try Support.column(screen, "Interviewer:", row: first)
        #expect(screen.style(x: labelX, y: first).bold)
        #expect(!screen.style(x: labelX + 14, y: first).bold)
        #expect(screen.line(39).hasPrefix(" cleo │ turn 1/40 │ ✓ saved"))
        #expect(screen.line(39).contains("? help"))
        // Other coders' codings: stripes in the code's colour in the right gutter.
        let critical = try Support.row(screen) { $0.contains("Criti") }
        let stripeX = try Support.column(screen, "╏", row: critical)
        #expect(screen.style(x: stripeX, y: critical).foreground == RGB(hex: "#d826ab"))
    }

    @Test("coding a turn by hotkey shows a solid stripe and underlines the text; the selection is reverse video")
    func codedAndSelected() throws {
        let (session, _) = try Support.demoSession(width: 120, height: 40)
        session.type("}1")
        var screen = session.render()
        let row = try Support.row(screen) { $0.contains("2  Roger Watson: My father") }
        let stripeX = try Support.column(screen, "┃", row: row)
        #expect(screen.style(x: stripeX, y: row).foreground == RGB(hex: "#e6194b"))
        #expect(screen.line(row).contains("┃") && screen.line(row).hasSuffix(" Intui"))
        let wordX = try Support.column(screen, "father", row: row)
        #expect(screen.style(x: wordX, y: row).underline)
        #expect(screen.line(39).contains("coded 386 characters as Processes/Intuiting"))
        session.type("}vw")
        screen = session.render()
        let selected = try Support.row(screen) { $0.contains("3  Interviewer: And who") }
        let x = try Support.column(screen, "And", row: selected)
        #expect(screen.style(x: x, y: selected).reverse)
        #expect(screen.line(39).contains("5 selected"))
    }

    @Test("80×24: no side panes, the transcript wraps to the width, nothing runs past the edge")
    func main80() throws {
        let (session, _) = try Support.demoSession(width: 80, height: 24)
        let screen = session.render()
        #expect(!screen.line(1).contains("Documents"))
        #expect(screen.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        #expect(screen.lines.contains { $0.hasPrefix("   1  Interviewer: Thank you for making the time") })
        #expect(screen.line(23).hasPrefix(" cleo │ turn 1/40"))
        // Without the codes pane the codings under the cursor are named in the status bar.
        session.type("]")
        #expect(session.render().line(23).contains("■ Critical incident·ana │"))
    }

    @Test("60×15 is the smallest layout; below it a clear message replaces the panes")
    func small() throws {
        let (session, _) = try Support.demoSession(width: 60, height: 15)
        #expect(session.render().lines.contains { $0.contains("1  Interviewer:") })
        session.dispatch(.resize(width: 59, height: 15))
        let tiny = session.render()
        #expect(tiny.lines.contains { $0.contains("The terminal is too small") })
        #expect(tiny.lines.contains { $0.contains("at least 60×15 (now 59×15)") })
        session.dispatch(.resize(width: 60, height: 15))
        #expect(session.render().lines.contains { $0.contains("Interviewer:") })
    }

    @Test("the codes pane at 150 columns: tree, hotkeys, colours, counts, and the codings under the cursor")
    func codesPane() throws {
        let (session, _) = try Support.demoSession(width: 150, height: 45, coder: "ana")
        session.type("]")
        let screen = session.render()
        let row = try Support.row(screen) { $0.contains("Codes") && $0.contains("doc  all") }
        #expect(screen.lines.contains { $0.contains("■ 1 Intuiting") })
        #expect(screen.lines.contains { $0.contains("Under the cursor") })
        #expect(screen.lines.contains { $0.contains("■ Critical incident · ana") })
        let intuiting = try Support.row(screen) { $0.contains("■ 1 Intuiting") }
        let swatch = try Support.column(screen, "■", row: intuiting)
        #expect(screen.style(x: swatch, y: intuiting).foreground == RGB(hex: "#e6194b"))
        #expect(row < intuiting)
    }

    @Test("help is generated from the key tables and lists the codebook's hotkeys")
    func help() throws {
        let (session, _) = try Support.demoSession(width: 120, height: 600)
        session.type("?")
        let text = session.render().lines.joined(separator: "\n")
        let hotkeyLine = try #require(
            session.render().lines.first {
                $0.hasSuffix(" Processes/Intuiting") && $0.trimmingCharacters(in: .whitespaces).hasPrefix("1 ")
            })
        // The hotkey's code stands in the same column as the keys' descriptions.
        let described = try #require(session.render().lines.first { $0.hasSuffix(" next line") })
        #expect(hotkeyLine.count == described.count - "next line".count + "Processes/Intuiting".count)
        for binding in KeyBindings.transcript.bindings {
            #expect(text.contains(binding.help), "\(binding.help)")
        }
        #expect(text.contains("Undo is u or Ctrl-Z, redo Ctrl-R or Ctrl-Y"))
    }

    @Test("picker, retrieve, frequencies and the removal choice draw over the panes")
    func overlays() throws {
        let (session, _) = try Support.demoSession(width: 100, height: 30, coder: "ana")
        session.type("cmim")
        var screen = session.render()
        #expect(screen.lines.contains { $0.contains("Code with…") })
        #expect(screen.lines.contains { $0.contains("› mim") })
        #expect(screen.lines.contains { $0.contains("Learning type/Mimetic") })
        session.type("<Esc>rintu<Enter>")
        screen = session.render()
        #expect(screen.line(1).contains("Retrieve Processes/Intuiting: 6 passages (case: all · coders: all)"))
        #expect(
            screen.lines.contains { $0.contains("dmf [DMF] · turn 8 · Martin Francis · ana · Processes/Intuiting") })
        session.type("<Esc>f")
        screen = session.render()
        #expect(screen.line(1).contains("Frequencies: codings by case, your codings (ana)"))
        let header = try Support.row(screen) { $0.contains("BRW") && $0.contains("all") }
        let processes = try Support.row(screen) { $0.contains("Processes Σ") }
        #expect(header < processes)
        #expect(screen.line(processes).hasSuffix("22")) // ana: 8 + 7 + 7 codings under Processes
        session.type("<Esc>}23x")
        screen = session.render()
        #expect(screen.lines.contains { $0.contains("Remove which coding?") })
        #expect(screen.lines.contains { $0.contains("■ Processes/Interpreting [125, 511)") })
        #expect(screen.lines.contains { $0.contains("■ Processes/Integrating [125, 511)") })
    }

    @Test("without colour, stripes become the codes' initials: bold and underlined for yours, dim for others'")
    func monochrome() throws {
        let project = try Project.inMemory(codebook: DemoProject.bundledCodebook())
        try DemoProject.populate(project)
        let session = Session(
            store: project, coder: "ana", projectName: "demo.db", width: 120, height: 40, colors: false)
        let screen = session.render()
        let row = try Support.row(screen) { $0.contains("their processes. So they sent") }
        let labels = CodeLabels(session.state.codebook)
        let critical = "Renewal stage/Critical incident"
        // Renewal stage/Critical incident, by ana: its mark in its column, its abbreviation and name beside.
        let label = labels.abbreviation(critical)
        #expect(screen.line(row).contains(label), "\(screen.line(row))")
        let x = try Support.column(screen, label, row: row)
        let markX = try #require((0..<x).last { screen[$0, row].text == labels.mark(critical) })
        #expect(screen.style(x: markX, y: row).bold && screen.style(x: markX, y: row).underline)
        #expect(screen.style(x: markX, y: row).foreground == nil)
    }

    @Test("without colour the codebook screen and the picker show each code's mark where a colour square would be")
    func monochromeLegend() throws {
        let project = try Project.inMemory(codebook: DemoProject.bundledCodebook())
        try DemoProject.populate(project)
        let session = Session(
            store: project, coder: "ana", projectName: "demo.db", width: 120, height: 40, colors: false)
        let labels = CodeLabels(session.state.codebook)
        session.type("K")
        var screen = session.render()
        for path in ["Processes/Intuiting", "Processes/Interpreting", "Processes/Integrating"] {
            let name = String(path.split(separator: "/").last!)
            let row = try Support.row(screen) { $0.contains(" \(name)") && !$0.contains("Definition") }
            #expect(screen.line(row).contains("\(labels.mark(path)) "), "\(screen.line(row))")
        }
        #expect(!screen.lines.joined().contains("■"))
        session.press([.escape])
        session.type("cintu")
        screen = session.render()
        let row = try Support.row(screen) { $0.contains("Processes/Intuiting") }
        #expect(
            screen.line(row).contains(labels.mark("Processes/Intuiting") + " 1 Processes/Intuiting"),
            "\(screen.line(row))")
    }

    @Test("without colour each code has a unique abbreviation and mark: the five processes are told apart")
    func codeLabels() throws {
        let codebook = try Project.inMemory(codebook: DemoProject.bundledCodebook()).codebook()
        let labels = CodeLabels(codebook)
        let processes = ["Intuiting", "Interpreting", "Integrating", "Institutionalising", "Intertwining"].map {
            "Processes/" + $0
        }
        #expect(processes.map(labels.abbreviation) == ["Intu", "Intp", "Intg", "Inst", "Intw"])
        #expect(Set(codebook.codes.map { labels.abbreviation($0.path).lowercased() }).count == codebook.codes.count)
        #expect(Set(codebook.codes.map { labels.mark($0.path) }).count == codebook.codes.count)
    }
}

@Suite("Timed transcripts in the workbench")
struct TimedTranscriptTests {
    @Test("turns from subtitles show their start time in the gutter")
    func gutterTimes() throws {
        let project = try Project.inMemory(codebook: DemoProject.bundledCodebook())
        let text = "Interviewer: How did it start?\n\nRoger: In a railway arch."
        let transcript = Transcript(
            name: "talk", sourcePath: "talk.vtt", caseName: "BRW", frontMatter: FrontMatter(), text: text,
            sha256: StoredText.sha256(text), length: text.unicodeScalars.count,
            turns: [
                Turn(index: 1, speaker: "Interviewer", start: 0, speechStart: 13, end: 30, startTime: 1, endTime: 4),
                Turn(index: 2, speaker: "Roger", start: 32, speechStart: 39, end: 57, startTime: 75, endTime: 79),
            ])
        try project.store([transcript])
        let session = Session(store: project, coder: "ana", projectName: "p", width: 100, height: 20)
        let lines = session.render().lines
        #expect(lines.contains { $0.contains("0:01  Interviewer: How did it start?") })
        #expect(lines.contains { $0.contains("1:15  Roger: In a railway arch.") })
    }
}
