import CodingEngine
import Foundation

/// Starting the recordings' player (mpv) at a turn: the executable does it and hands
/// the workbench's session the way to (`Session.play`); neither the engine nor the
/// workbench starts a process or reads the environment.
enum Player {
    /// The player's path on `searchPath` (a PATH), if it is there.
    static func findPlayer(on searchPath: String) -> String? {
        for folder in searchPath.split(separator: ":") where !folder.isEmpty {
            let file = "\(folder)/\(Recording.player)"
            if FileManager.default.isExecutableFile(atPath: file) { return file }
        }
        return nil
    }

    /// What the player is given to play `file` from `start` to `end` seconds: no
    /// terminal of its own (the workbench keeps the screen), a window even for audio.
    static func arguments(file: String, start: Double, end: Double?) -> [String] {
        ["--no-terminal", "--force-window=yes", String(format: "--start=%.3f", start)]
            + (end.map { [String(format: "--end=%.3f", $0)] } ?? []) + ["--", file]
    }

    /// Starts the player on `file` from `start` to `end`, without waiting for it; its
    /// output goes nowhere, so that it never writes over the workbench. Started by
    /// `ChildProcesses.spawn` (no open project file goes with it); a thread reaps it.
    static func play(file: String, start: Double, end: Double?, searchPath: String) throws(Recording.Problem) {
        guard let player = findPlayer(on: searchPath) else { throw Recording.Problem.noPlayer }
        let child: ChildProcesses.Child
        do {
            child = try ChildProcesses.start(player, arguments(file: file, start: start, end: end))
        } catch let failure as ChildProcesses.SpawnFailed {
            throw Recording.Problem.playerFailed(failure.reason)
        } catch {
            throw Recording.Problem.playerFailed("\(error)")
        }
        Thread.detachNewThread { _ = child.wait() }
    }
}
