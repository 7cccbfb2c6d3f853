import Dispatch
import Foundation

/// The coder's share of each document and codings per code, read on another thread
/// so that a large project's first frame does not wait for them. One reading at a
/// time; its result is tagged with the session's write count when it began.
final class BackgroundCounts: @unchecked Sendable {
    typealias Counts = ([DocumentEntry], [Int64: Int])
    private let lock = NSLock()
    private var finished: (tag: Int, result: Result<Counts, Error>)?
    private let group = DispatchGroup()

    /// Starts `read` on another thread.
    func start(tag: Int, _ read: @escaping @Sendable () throws -> Counts) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            let result = Result { try read() }
            self.lock.lock()
            self.finished = (tag, result)
            self.lock.unlock()
            self.group.leave()
        }
    }

    /// The reading's result once it is there (taken: asked again, nil).
    func take() -> (tag: Int, result: Result<Counts, Error>)? {
        lock.lock()
        defer { lock.unlock() }
        let result = finished
        finished = nil
        return result
    }

    /// Waits for the reading under way.
    func wait() { group.wait() }
}
