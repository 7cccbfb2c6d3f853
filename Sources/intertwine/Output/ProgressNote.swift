import CodingEngine
import Foundation
import Synchronization
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
    /// What the note has drawn, under one lock (the engine reports from any thread).
    private struct Line {
        var shown = false
        /// Output has begun (or `--quiet`): no more notes.
        var over = false
        var lastDrawn: TimeInterval = 0
        var watched = isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1

        mutating func draw(_ text: String) {
            guard watched, !over else { return }
            ProgressNote.write("\r\u{1B}[K" + VisibleText.escaped(text))
            shown = true
        }

        mutating func erase() {
            guard shown else { return }
            ProgressNote.write("\r\u{1B}[K")
            shown = false
        }
    }

    private static let line = Mutex(Line())

    /// What the engine's counted work reports to (see `WorkProgress`).
    static let shower: WorkProgress.Shower = { what, done, total in ProgressNote.count(what, done, total) }

    /// No notes from here on (`--quiet`).
    static func silence() {
        line.withLock { $0.over = true }
    }

    /// A step of work without a count (`reading study.qdpx…`).
    static func show(_ text: String) {
        line.withLock { $0.draw(text) }
    }

    /// `done` of `total` of `what`.
    static func count(_ what: String, _ done: Int, _ total: Int) {
        line.withLock { line in
            let now = ProcessInfo.processInfo.systemUptime
            guard done == total || now - line.lastDrawn >= 0.1 else { return }
            line.lastDrawn = now
            let percent = total > 0 ? done * 100 / total : 100
            line.draw("\(what): \(Words.thousands(done)) of \(Words.thousands(total)) (\(percent)%)")
        }
    }

    /// Erases the note, if one is shown.
    static func clear() {
        line.withLock { $0.erase() }
    }

    /// Erases the note for good: output follows.
    static func outputBegins() {
        line.withLock { line in
            line.erase()
            line.over = true
        }
    }

    private static func write(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { pointer -> Int in
                guard let base = pointer.baseAddress else { return 0 }
                return Glibc.write(STDERR_FILENO, base + offset, pointer.count - offset)
            }
            if result < 0 { if errno == EINTR { continue } else { return } }
            if result == 0 { return }
            offset += result
        }
    }
}
