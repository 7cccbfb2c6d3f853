extension Dictionary {
    /// The value for `key`, made by `make` and kept the first time it is asked for
    /// (a document's text read once for all its passages).
    public mutating func cached(_ key: Key, _ make: () throws -> Value) rethrows -> Value {
        if let value = self[key] { return value }
        let value = try make()
        self[key] = value
        return value
    }
}
