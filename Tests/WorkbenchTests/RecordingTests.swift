import CodingEngine
import Foundation
import Testing
import Workbench
import TestSupport

@Suite("Interview recordings: P plays the turn under the cursor in mpv, or says why it cannot")
struct RecordingTests {
    /// A project file with one transcript naming `media` (when given), with times
    /// on its turns (when `timed`), in a fresh folder with the recording beside it.
    func session(media: String?, timed: Bool = true, recordingThere: Bool = true) throws -> (Session, URL) {
        let folder = try Support.temporaryFolder("intertwine-recording")
        let front = media.map { "---\ncase: Firm\nmedia: \($0)\n---\n" } ?? "---\ncase: Firm\n---\n"
        let stamps = timed ? ["[00:00:05] ", "[00:00:09] ", "[00:01:02] "] : ["", "", ""]
        let text =
            front
            + "\(stamps[0])Interviewer: How did you learn it?\n\(stamps[1])Owner: The consultant showed us.\n\(stamps[2])Interviewer: And then?\n"
        let transcript = folder.appendingPathComponent("brw.txt")
        try text.write(to: transcript, atomically: true, encoding: .utf8)
        if recordingThere { try Data([0, 1, 2]).write(to: folder.appendingPathComponent("brw.m4a")) }
        let project = try Project.create(
            at: folder.appendingPathComponent("study.db").path, codebook: DemoProject.bundledCodebook())
        try project.importTranscripts([transcript.path])
        let session = Session(store: project, coder: "ana", projectName: "study.db", width: 100, height: 30)
        return (session, folder)
    }

    /// A player that writes down what it was asked to play.
    final class Played {
        var calls: [(file: String, start: Double, end: Double?)] = []
        func play(_ file: String, _ start: Double, _ end: Double?) throws(Recording.Problem) {
            calls.append((file, start, end))
        }
    }

    @Test("P on the owner's turn plays from its time to the next turn's, the recording found beside the transcript")
    func plays() throws {
        let (session, folder) = try session(media: "brw.m4a")
        let player = Played()
        session.play = player.play
        session.type("}") // the owner's turn
        session.type("P")
        #expect(session.state.message == "playing brw.m4a from 0:00:09 to 0:01:02 in mpv")
        #expect(player.calls.count == 1)
        #expect(player.calls.first?.file == folder.appendingPathComponent("brw.m4a").path)
        #expect(player.calls.first?.start == 9 && player.calls.first?.end == 62)
    }

    @Test(
        "without a player, a recording, a time or the file, P says which and what to do",
        arguments: [
            ("no player", "no player: install mpv (apt install mpv)"),
            ("no media", "brw names no recording (add `media: FILE` to its front matter)"),
            ("no time", "turn 2 has no time (times come from subtitles and [h:mm:ss] stamps)"),
            ("no file", "the recording brw.m4a is not there (looked in "),
        ])
    func refuses(what: String, message: String) throws {
        let (session, _) = try session(
            media: what == "no media" ? nil : "brw.m4a", timed: what != "no time",
            recordingThere: what != "no file")
        let player = Played()
        // Without a player given, the session has none (`Session.noPlayer`).
        if what != "no player" { session.play = player.play }
        session.type("}")
        session.type("P")
        #expect(session.state.message?.hasPrefix(message) == true, "\(session.state.message ?? "nothing said")")
        #expect(player.calls.isEmpty)
    }
}
