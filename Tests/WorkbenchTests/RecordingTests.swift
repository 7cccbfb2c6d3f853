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

    /// A stand-in for mpv on the search path that writes down what it was given.
    func player(in folder: URL) throws -> URL {
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let script = bin.appendingPathComponent("mpv")
        try "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"\(folder.path)/played\"\n".write(
            to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return bin
    }

    func played(_ folder: URL) throws -> [String] {
        let file = folder.appendingPathComponent("played")
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: file.path) { usleep(20_000) }
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test("the player is given the stretch, no terminal of its own and a window even for audio")
    func playerArguments() {
        #expect(
            Player.arguments(file: "/r/a.m4a", start: 9, end: 70)
                == ["--no-terminal", "--force-window=yes", "--start=9.000", "--end=70.000", "--", "/r/a.m4a"])
    }

    @Test("P on the owner's turn plays from its time to the next turn's, the recording found beside the transcript")
    func plays() throws {
        let (session, folder) = try session(media: "brw.m4a")
        session.playerSearchPath = try player(in: folder).path
        session.type("}") // the owner's turn
        session.type("P")
        #expect(session.state.message == "playing brw.m4a from 0:00:09 to 0:01:02 in mpv")
        #expect(
            try played(folder) == [
                "--no-terminal", "--force-window=yes", "--start=9.000", "--end=62.000", "--",
                folder.appendingPathComponent("brw.m4a").path,
            ])
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
        let (session, folder) = try session(
            media: what == "no media" ? nil : "brw.m4a", timed: what != "no time",
            recordingThere: what != "no file")
        session.playerSearchPath = what == "no player" ? "/nonexistent" : try player(in: folder).path
        session.type("}")
        session.type("P")
        #expect(session.state.message?.hasPrefix(message) == true, "\(session.state.message ?? "nothing said")")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("played").path))
    }
}
