/// Coders named for a comparison (`--coders ana,ben`), checked.
public enum CoderList {
    /// The names in order; a name given twice is refused (comparing a coder with
    /// themselves would say nothing, and every table has one column per coder).
    public static func checked(_ names: [String]) throws -> [String] {
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw EngineError.repeatedCoder(name)
        }
        return names
    }
}
