/// Names made unique as they are handed out: `Code`, `Code (2)`, `Code (3)`, ...
/// compared without regard to case, in time proportional to the names (a file
/// with 100,000 codes of one name is not quadratic).
public struct UniqueNames: Sendable {
    private var taken = Set<String>()
    private var nextNumber: [String: Int] = [:]

    public init() {}

    /// `name`, or `name (n)` with the first n from 2 that is free; then taken.
    public mutating func claim(_ name: String) -> String {
        var candidate = name
        var n = nextNumber[name.lowercased()] ?? 2
        while taken.contains(candidate.lowercased()) {
            candidate = "\(name) (\(n))"
            n += 1
        }
        if candidate != name { nextNumber[name.lowercased()] = n }
        taken.insert(candidate.lowercased())
        return candidate
    }

    /// Whether `name` is taken.
    public func contains(_ name: String) -> Bool { taken.contains(name.lowercased()) }
}
