import CodingEngine
import Foundation
import Synchronization
#if canImport(Glibc)
    import Glibc
#endif

/// The one way the command line writes to standard output and standard error.
///
/// Output is buffered and written with `write(2)`, whose failures are checked: a
/// reader that went away (a closed pipe, `| head`) ends the program quietly; a full
/// disk or a closed descriptor ends it with one line on standard error saying how
/// much was written. On a terminal, control characters in the text (ESC and the C0
/// and C1 controls, from transcripts, names or memos) are shown as escapes, never
/// sent to the terminal.
enum StandardOutput {
    /// What is queued and how much was written, under one lock.
    private struct Queue {
        var buffer: [UInt8] = []
        var written = 0
        var isTerminal = isatty(STDOUT_FILENO) == 1
    }

    private static let queue = Mutex(Queue())
    private static let flushSize = 1 << 16

    /// Lets failed writes come back as EPIPE instead of killing the process.
    static func prepare() {
        signal(SIGPIPE, SIG_IGN)
        queue.withLock { $0.isTerminal = isatty(STDOUT_FILENO) == 1 }
    }

    /// Queues `text` for standard output; `exact` text is escaped on a terminal only.
    static func write(_ text: String, exact: Bool) {
        queue.withLock { queue in
            let shown = queue.isTerminal || !exact ? VisibleText.escaped(text, keeping: ["\n", "\t"]) : text
            queue.buffer.append(contentsOf: shown.utf8)
            if queue.buffer.count >= flushSize { flush(&queue) }
        }
    }

    /// Queues bytes that `fill` appends, for data that holds no control a terminal
    /// would act on (JSON, whose strings escape every control), so they skip the
    /// escaping pass; written out once enough are queued.
    static func writeBytes(_ fill: (inout [UInt8]) -> Void) {
        queue.withLock { queue in
            fill(&queue.buffer)
            if queue.buffer.count >= flushSize { flush(&queue) }
        }
    }

    /// Writes what is queued; on failure ends the program (quietly for a closed pipe).
    static func flush() {
        queue.withLock { flush(&$0) }
    }

    private static func flush(_ queue: inout Queue) {
        if !queue.buffer.isEmpty { ProgressNote.outputBegins() }
        var offset = 0
        while offset < queue.buffer.count {
            let result = queue.buffer.withUnsafeBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return systemWrite(STDOUT_FILENO, base + offset, bytes.count - offset)
            }
            if result < 0 {
                let code = errno
                if code == EINTR || code == EAGAIN { continue }
                queue.buffer.removeAll()
                if code == EPIPE { exit(0) }
                let done =
                    queue.written == 0
                    ? "nothing was written" : "the output is incomplete (\(queue.written) bytes were written)"
                let problem =
                    code == ENOSPC || code == EDQUOT || code == EFBIG
                    ? "the disk is full" : String(cString: strerror(code))
                error("intertwine: standard output: \(problem); \(done)")
                exit(ExitStatus.cannotWrite.rawValue)
            }
            offset += result
            queue.written += result
        }
        queue.buffer.removeAll(keepingCapacity: true)
    }

    /// Writes one line to standard error: controls and line breaks shown as escapes,
    /// so that a message is always one line.
    static func error(_ message: String) {
        ProgressNote.outputBegins()
        let line = Array((VisibleText.escaped(message) + "\n").utf8)
        var offset = 0
        while offset < line.count {
            let result = line.withUnsafeBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return systemWrite(STDERR_FILENO, base + offset, bytes.count - offset)
            }
            if result <= 0 {
                if result < 0, errno == EINTR { continue }
                return
            }
            offset += result
        }
    }

    private static func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        Glibc.write(descriptor, pointer, count)
    }
}
