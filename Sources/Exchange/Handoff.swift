import Foundation

/// Values handed from one thread to another in order, at most `capacity` waiting:
/// the giver waits while the taker is behind, so what is read ahead stays small.
/// Either side may close it; then giving fails and taking returns what is left,
/// then nil.
final class Handoff<Element: Sendable>: @unchecked Sendable {
    private var waiting: [Element] = []
    private var closed = false
    private let capacity: Int
    private let condition = NSCondition()

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Gives `element`, waiting for room; false when the handoff is closed.
    func give(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !closed && waiting.count >= capacity { condition.wait() }
        guard !closed else { return false }
        waiting.append(element)
        condition.broadcast()
        return true
    }

    /// The next element, waiting for one; nil once closed and empty.
    func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while !closed && waiting.isEmpty { condition.wait() }
        guard !waiting.isEmpty else { return nil }
        condition.broadcast()
        return waiting.removeFirst() // a few at most
    }

    /// Closes it: a giver waiting for room, and any later, is refused.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }
}
