/// Coders named for a comparison (`--coders ana,ben`), checked.
public enum CoderList {
    /// The names in order; a name given twice is refused (comparing a coder with
    /// themselves would say nothing, and every table has one column per coder).
    public static func checked(_ names: [String]) throws -> [String] {
        var seen = Set<String>()
        // Names are matched without regard to case (`Project.storedCoderID`): ben and BEN are one coder.
        for name in names where !seen.insert(Name.normalized(Name.trimmed(name)).lowercased()).inserted {
            throw EngineError.repeatedCoder(name)
        }
        return names
    }
}
