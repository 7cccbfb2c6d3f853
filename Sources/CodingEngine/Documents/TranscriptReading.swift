import Foundation

/// Transcripts read on the other cores while the caller stores the ones already
/// read: `next()` hands them over in file order, each as soon as it is ready, so an
/// import's reading and its writing overlap instead of following one another.
///
/// A file that cannot be read is thrown by `next()` at its place in the order (the
/// first problem in file order, as a reader in one pass would find it), and the files
/// after it are not read.
final class TranscriptReading: @unchecked Sendable {
    private let files: [String]
    private var results: [Result<Transcript, Error>?]
    private var taken = 0
    private var stopped = false
    private let condition = NSCondition()
    private let finished = DispatchGroup()

    /// Starts reading `files` with `reader` on a background queue, on all cores.
    init(_ files: [String], caseName: String?, reader: @escaping @Sendable (String, String?) throws -> Transcript) {
        self.files = files
        results = Array(repeating: nil, count: files.count)
        let count = files.count
        finished.enter()
        DispatchQueue.global().async { [self] in
            // Files are handed out in order, so the one the writer waits for comes first.
            let nextFile = SharedCounter()
            DispatchQueue.concurrentPerform(iterations: max(1, ProcessInfo.processInfo.activeProcessorCount)) { _ in
                while true {
                    let i = nextFile.increment()
                    guard i < count, waitForRoom(i) else { return }
                    let result = Result { try reader(files[i], caseName) }
                    condition.lock()
                    results[i] = result
                    condition.broadcast()
                    condition.unlock()
                }
            }
            finished.leave()
        }
    }

    /// How many files there are.
    var count: Int { files.count }

    /// The next transcript in file order, waiting for it if it is still being read;
    /// nil after the last.
    func next() throws -> Transcript? {
        guard taken < files.count else { return nil }
        condition.lock()
        var next = results[taken]
        while next == nil {
            condition.wait()
            next = results[taken]
        }
        guard let result = next else { condition.unlock(); return nil }
        results[taken] = nil // the writer has it: its text is not held twice
        taken += 1
        condition.broadcast() // a reader waiting for room may go on
        condition.unlock()
        do {
            return try result.get()
        } catch {
            stop()
            throw error
        }
    }

    /// Stops reading files not yet started and waits for those being read.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        finished.wait()
    }

    /// Waits until file `i` is less than `window` ahead of the writer, so that fast
    /// readers do not hold a large corpus in memory; false once stopped.
    private func waitForRoom(_ i: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !stopped, i >= taken + Self.window { condition.wait() }
        return !stopped
    }

    /// How many files may be read ahead of the one the writer is storing: enough that
    /// the readers rarely wait (600 interviews are read as fast as the cores allow), few
    /// enough that a corpus of thousands is not held in memory (about 30 MB of text).
    static let window = 512
}

/// A counter shared by the reading threads.
private final class SharedCounter: @unchecked Sendable {
    private var value = -1
    private let lock = NSLock()

    /// The counter's next value (0 first).
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
