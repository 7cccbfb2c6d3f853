/// Positions of ids in a list, found by indexing an array rather than hashing: for
/// the loops that look up a code, coder or document for each of hundreds of
/// thousands of codings. SQLite's ids are small positive integers; ids too sparse
/// for an array (a project whose ids were set by hand) are looked up by hashing.
struct DenseIndex {
    private var positions: [Int32] = []
    private var sparse: [Int64: Int]?

    init(_ ids: [Int64]) {
        let largest = ids.max() ?? -1
        guard ids.allSatisfy({ $0 >= 0 }), largest < 4 * Int64(ids.count) + 65_536 else {
            sparse = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            return
        }
        positions = Array(repeating: -1, count: Int(largest) + 1)
        for (position, id) in ids.enumerated().reversed() { positions[Int(id)] = Int32(position) }
    }

    /// The position of `id`'s first occurrence, or nil.
    subscript(_ id: Int64) -> Int? {
        if let sparse { return sparse[id] }
        guard id >= 0, id < positions.count else { return nil }
        let position = positions[Int(id)]
        return position < 0 ? nil : Int(position)
    }
}
