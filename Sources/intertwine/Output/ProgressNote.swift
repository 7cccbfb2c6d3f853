import CodingEngine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a long command is doing, on one line of standard error that each note
/// replaces: the step and, for counted work, how many of how many and the percentage
/// (`storing codings: 12,000 of 200,000 (6%)`).
///
/// Shown only to a person watching: when standard output and standard error are both
/// a terminal and `--quiet` was not given (so never into a pipe, a file or a log).
/// The line is erased before the command's first output and none is drawn after it,
/// so output (a JSON listing on the screen included) is never mixed with progress.
/// Counted notes are drawn at most ten times a second, and always at 100%.
enum ProgressNote {
    nonisolated(unsafe) private static var shown = false
    /// Output has begun (or `--quiet`): no more notes.
    nonisolated(unsafe) private static var over = false
    nonisolated(unsafe) private static var lastDrawn: TimeInterval = 0
    nonisolated(unsafe) private static var watched = isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1
    private static let lock = NSLock()

    /// What the engine's counted work reports to (see `WorkProgress`).
    static let shower: WorkProgress.Shower = { what, done, total in ProgressNote.count(what, done, total) }

    /// No notes from here on (`--quiet`).
    static func silence() {
        lock.lock()
        over = true
        lock.unlock()
    }

    /// A step of work without a count (`reading study.qdpx…`).
    static func show(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        draw(text)
    }

    /// `done` of `total` of `what`.
    static func count(_ what: String, _ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = ProcessInfo.processInfo.systemUptime
        guard done == total || now - lastDrawn >= 0.1 else { return }
        lastDrawn = now
        let percent = total > 0 ? done * 100 / total : 100
        draw("\(what): \(Words.thousands(done)) of \(Words.thousands(total)) (\(percent)%)")
    }

    /// Erases the note, if one is shown.
    static func clear() {
        lock.lock()
        defer { lock.unlock() }
        erase()
    }

    /// Erases the note for good: output follows.
    static func outputBegins() {
        lock.lock()
        defer { lock.unlock() }
        erase()
        over = true
    }

    private static func draw(_ text: String) {
        guard watched, !over else { return }
        write("\r\u{1B}[K" + VisibleText.escaped(text))
        shown = true
    }

    private static func erase() {
        guard shown else { return }
        write("\r\u{1B}[K")
        shown = false
    }

    private static func write(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if result < 0 { if errno == EINTR { continue } else { return } }
            offset += result
        }
    }
}
