import CodingEngine
import Foundation
import Testing
import TestSupport

@testable import intertwine

@Suite("The recordings' player: the executable starts mpv from the PATH for the workbench")
struct PlayerTests {
    /// A stand-in for mpv in a folder of its own that writes down what it was given.
    func player(in folder: URL) throws -> URL {
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let script = bin.appendingPathComponent("mpv")
        try "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"\(folder.path)/played\"\n".write(
            to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return bin
    }

    /// What the stand-in was given, waiting up to two seconds for it to write.
    func played(_ folder: URL) throws -> [String] {
        let file = folder.appendingPathComponent("played")
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: file.path) { usleep(20_000) }
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test("the player is given the stretch, no terminal of its own and a window even for audio")
    func arguments() {
        #expect(
            Player.arguments(file: "/r/a.m4a", start: 9, end: 70)
                == ["--no-terminal", "--force-window=yes", "--start=9.000", "--end=70.000", "--", "/r/a.m4a"])
    }

    @Test("mpv is found on the search path and started with the stretch")
    func plays() throws {
        let folder = try Support.temporaryFolder("intertwine-player")
        let bin = try player(in: folder)
        try Player.play(file: "/r/brw.m4a", start: 9, end: 62, searchPath: "/nonexistent:" + bin.path)
        #expect(
            try played(folder) == [
                "--no-terminal", "--force-window=yes", "--start=9.000", "--end=62.000", "--", "/r/brw.m4a",
            ])
    }

    @Test("without mpv on the search path, the workbench is told to install it")
    func noPlayer() throws {
        #expect(throws: Recording.Problem.noPlayer) {
            try Player.play(file: "/r/brw.m4a", start: 9, end: nil, searchPath: "/nonexistent")
        }
    }
}
