import Foundation
import Workbench

/// Runs a workbench session in the terminal until the researcher quits.
public enum TerminalApp {
    /// Runs the session `makeSession` makes for the terminal's size and colours; with
    /// `color` false (the executable's reading of `NO_COLOR`) the screen is drawn
    /// without colours.
    public static func run(
        color: Bool, _ makeSession: (_ width: Int, _ height: Int, _ colors: Int) throws -> Session
    ) throws {
        setenv("ESCDELAY", "25", 0)
        let terminal = Terminal(color: color)
        defer { terminal.restore() }
        var size = terminal.size
        let session = try makeSession(size.width, size.height, terminal.hasColors ? terminal.colorCount : 0)
        while !session.state.quitting {
            terminal.draw(session.render())
            // Counts being read on another thread are looked for often, to show them as they come.
            // A team project's news (told by its server, not looked for) shows within a second.
            terminal.waitForKeys(milliseconds: session.isReadingCounts ? 50 : session.isLive ? 250 : 1000)
            let key = terminal.readKey()
            // Every key, and every second without one: show other coders' new work.
            session.dispatch(.tick)
            let now = terminal.size
            if now != size {
                size = now
                session.dispatch(.resize(width: size.width, height: size.height))
            }
            guard let key else { continue }
            // Ctrl-C quits from anywhere: the workbench's `everywhere` key table says so.
            session.dispatch(.key(key))
        }
    }
}
