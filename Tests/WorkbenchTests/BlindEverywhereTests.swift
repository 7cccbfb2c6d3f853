import CodingEngine
import Foundation
import Testing
@testable import Workbench

@Suite("Blind coding hides others' work on every screen")
struct BlindEverywhereTests {
    /// Two demo files with blind coding on: one as it is, one with nothing of ben's.
    static func projects() throws -> (blind: String, control: String) {
        let blind = try TwoCodersTests.demoFile(), control = try TwoCodersTests.demoFile()
        for path in [blind, control] { try Project.open(at: path).setBlindCoding(true) }
        let alone = try Project.open(at: control)
        let bens = try alone.codings(CodingFilter(coders: ["ben"]), includeText: false)
        try alone.removeCodings(
            bens.map { NewCoding(document: $0.document, range: $0.range, code: $0.code, coder: "ben") })
        for memo in try alone.allMemos() where memo.coder == "ben" {
            if let document = memo.document, memo.kind == .document {
                try alone.setDocumentMemo(document, coder: "ben", to: nil)
            }
        }
        return (blind, control)
    }

    @Test(
        "as ana, every screen that shows codings (transcript, retrieve, frequencies, heat map, matrix, flows, query, search, memos) is what it would be without ben"
    )
    func everyScreen() throws {
        let (blind, control) = try Self.projects()
        let seeing = Session(
            store: try Project.open(at: blind), coder: "ana", projectName: "demo.db", width: 120, height: 40)
        let alone = Session(
            store: try Project.open(at: control), coder: "ana", projectName: "demo.db", width: 120, height: 40)
        let transcript = seeing.render().lines
        let screens = [
            "", "o", "rProcesses<Enter>", "f", "H", "M", "F", "QProcesses or \"Learning type\"<Enter>", "Saudit<Enter>",
            "B",
        ]
        for keys in screens {
            for session in [seeing, alone] {
                session.type("<Esc><Esc>" + keys)
                session.waitForCounts()
            }
            #expect(
                seeing.render().lines == alone.render().lines,
                "\(keys.isEmpty ? "the transcript" : keys) showed ana something of ben's")
            if keys.count > 1 { #expect(seeing.render().lines != transcript, "\(keys) did not open its screen") }
        }
    }
}
