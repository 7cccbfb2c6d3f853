import Foundation

/// One slot per task for results computed on several threads at once: each task
/// writes only its own slot, and the caller reads them all after the tasks are done
/// (`DispatchQueue.concurrentPerform` returns only then).
final class ResultSlots<Value>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.lock(); defer { lock.unlock() }; return values[index] }
        set { lock.lock(); values[index] = newValue; lock.unlock() }
    }
}
