import Foundation

/// Where this process starts child processes. Foundation's `Process.run()` on Linux
/// has crashed (a bad copy inside it, in memmove) when another thread started a
/// process at the same moment, so every start (the player, and the tests' runs of the
/// binary, psql and pg_ctl) takes this one lock for the few milliseconds it takes.
public enum ChildProcesses {
    public static let starting = NSLock()
}
