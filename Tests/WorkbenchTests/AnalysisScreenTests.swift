import CodingEngine
import Testing
@testable import Workbench
import TestSupport

@Suite("Analysis screens: co-occurrence heat map, case matrix, learning flows")
struct AnalysisScreenTests {
    @Test("H shows the heat map; moving to a cell and Enter lists its passages; t counts by turn")
    func heatMap() throws {
        let (session, project) = try Support.demoSession(width: 120, height: 40, coder: "ben")
        session.type("H")
        let map = try #require(session.state.mode.as(HeatMapScreen.self), "no heat map")
        #expect(map.loaded && map.pairs.allSatisfy { $0.coder == "ben" })
        // Customer × Recruited manager overlap once in ben's coding of DMF.
        let customer = try #require(map.codes.firstIndex(of: "Knowledge source/Customer"))
        let recruited = try #require(map.codes.firstIndex(of: "Knowledge source/Recruited manager"))
        session.type(String(repeating: "j", count: customer) + String(repeating: "l", count: max(0, recruited - 1)))
        let moved = try #require(session.state.mode.as(HeatMapScreen.self), "unexpected screen: \(session.state.mode)")
        #expect(moved.cursor.row == customer && moved.cursor.column == recruited)
        #expect(moved.selectedPair?.overlaps == 1)
        let screen = session.render()
        #expect(
            screen.line(38).contains(
                "Knowledge source/Customer × Knowledge source/Recruited manager (ben): n1 2, n2 3, overlaps 1, c = 0.250"
            ))
        session.press([.enter])
        let list = try #require(session.state.mode.as(ReaderScreen.self), "no passages: \(session.state.mode)")
        #expect(list.passages.count == 1 && list.passages[0].document == "dmf")
        #expect(list.passages[0].speaker == "Martin Francis" && !list.passages[0].text.isEmpty)
        session.press([.enter])
        #expect(session.state.document?.name == "dmf")
        #expect(session.state.selection == list.passages[0].range)
        session.type("Ht")
        let byTurn = try #require(session.state.mode.as(HeatMapScreen.self), "unexpected screen: \(session.state.mode)")
        #expect(byTurn.byTurn && byTurn.loaded)
        _ = project
    }

    @Test("M shows cases × Knowledge source; m writes a cell's summary into the project; Enter lists extracts")
    func matrix() throws {
        let (session, project) = try Support.demoSession(width: 120, height: 40, coder: "ana")
        session.type("M")
        let screen = try #require(session.state.mode.as(MatrixScreen.self), "no matrix")
        #expect(screen.folder == "Knowledge source" && screen.matrix?.cases == ["BRW", "DMF", "RSL"])
        session.type("llm")
        session.type("FE college programme<Enter>")
        #expect(
            try project.cellSummaries()["BRW\u{1F}Knowledge source/Educational institution"] == "FE college programme")
        // The status bar says it is saved, and what was.
        #expect(session.state.saved && session.render().line(39).contains("✓ saved"), "\(session.render().line(39))")
        #expect(session.state.message == "summary of BRW × Educational institution saved")
        // Each coder apart: BRW's first row is ana's, with her one extract; ben's row below has his two.
        #expect(session.render().lines.contains { $0.contains("BRW · ana") && $0.contains("1 FE col") })
        #expect(session.render().lines.contains { $0.contains("BRW · ben") && $0.contains("2 FE col") })
        session.press([.enter])
        let list = try #require(session.state.mode.as(ReaderScreen.self), "no extracts: \(session.state.mode)")
        #expect(
            list.passages.count == 1
                && list.passages.allSatisfy { $0.document == "brw" && $0.coder == "ana" && !$0.text.isEmpty })
        session.press([.escape])
        _ = try #require(
            session.state.mode.as(MatrixScreen.self), "Esc should return to the matrix: \(session.state.mode)")
        // o: one coder's, then the next's, then every coder apart, then the study's again.
        session.type("o")
        #expect(session.state.mode.as(MatrixScreen.self)?.matrix?.rows.map(\.coder) == ["ana", "ana", "ana"])
        #expect(session.render().line(1).contains("coded by ana"))
        session.type("oo")
        #expect(session.state.mode.as(MatrixScreen.self)?.coders == .every)
        session.type("o")
        #expect(
            session.state.mode.as(MatrixScreen.self)?.coders == .study
                && session.state.mode.as(MatrixScreen.self)?.matrix?.rows.count == 6)
        session.press([.escape])
        session.type(":matrix Learning type<Enter>")
        let learning = try #require(
            session.state.mode.as(MatrixScreen.self), "unexpected screen: \(session.state.mode)")
        #expect(
            learning.matrix?.codes == ["Learning type/Normative", "Learning type/Mimetic", "Learning type/Coercive"])
    }

    @Test("F shows a strip per case and coder with the flow counts")
    func flows() throws {
        let (session, _) = try Support.demoSession(width: 120, height: 40, coder: "ana")
        session.type("F")
        let screen = try #require(session.state.mode.as(FlowScreen.self), "no flows")
        #expect(screen.flows.count == 6)
        let lines = session.render().lines
        #expect(lines.contains { $0.contains("BRW · ana") })
        #expect(lines.contains { $0.contains("feed-forward 4 · feedback 2 · repeats 0 · 67% forward") })
        // A block of the strip opens its passage in full.
        session.type("ll<Enter>")
        let step = try #require(
            session.state.mode.as(ReaderScreen.self), "no passage for the step: \(session.state.mode)")
        #expect(step.passages.count == 1 && step.passages[0].code?.hasPrefix("Processes/") == true)
        session.press([.escape])
        let back = try #require(
            session.state.mode.as(FlowScreen.self), "Esc should return to the flows: \(session.state.mode)")
        #expect(back.step == 2)
        session.type("q")
        #expect(session.state.mode == .normal)
    }
}
