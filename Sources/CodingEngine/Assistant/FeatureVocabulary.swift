/// The words and word pairs suggestions learn from, each given a number the first time
/// it is seen, so that a passage is a short sorted list of numbers and counting is done
/// in arrays: a word is a run of letters, digits and combining marks (with apostrophes
/// inside, straight or curly, kept as `'`), lower-cased; a pair is two words in a row.
public struct FeatureVocabulary: Sendable {
    /// What a number stands for: a word, or two words in a row.
    private enum Entry: Sendable {
        case word(String)
        case pair(Int32, Int32)
    }

    private var words: [String: Int32] = [:]
    private var pairs: [Int64: Int32] = [:]
    private var entries: [Entry] = []

    /// How many words and pairs have numbers.
    public var count: Int { entries.count }

    public init() {}

    /// A passage's features: the numbers of its words and pairs, sorted, each once.
    public mutating func features(of scalars: some Collection<Unicode.Scalar>) -> [Int32] {
        var sequence: [Int32] = []
        var current = String.UnicodeScalarView()
        func flush() {
            while current.last == "'" { current.removeLast() }
            if !current.isEmpty { sequence.append(number(of: String(current))) }
            current = String.UnicodeScalarView()
        }
        for scalar in scalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x61...0x7A, 0x30...0x39: current.append(scalar)
                case 0x41...0x5A: current.append(Unicode.Scalar(value + 0x20)!)
                case 0x27 where !current.isEmpty: current.append("'")
                default: flush()
                }
            } else if Self.isWordPart(scalar) {
                current.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else if value == 0x2019 && !current.isEmpty {
                current.append("'")
            } else {
                flush()
            }
        }
        flush()
        var features = sequence
        features.reserveCapacity(sequence.count * 2)
        for index in sequence.indices.dropLast() {
            let key = Int64(sequence[index]) << 32 | Int64(sequence[index + 1])
            if let known = pairs[key] {
                features.append(known)
            } else {
                let id = Int32(entries.count)
                entries.append(.pair(sequence[index], sequence[index + 1]))
                pairs[key] = id
                features.append(id)
            }
        }
        features.sort()
        var unique = 0
        for index in features.indices where index == 0 || features[index] != features[unique - 1] {
            features[unique] = features[index]
            unique += 1
        }
        features.removeLast(features.count - unique)
        return features
    }

    /// The word or pair a number stands for ("audit", "failed the").
    public func name(_ id: Int32) -> String {
        switch entries[Int(id)] {
        case .word(let word): return word
        case .pair(let first, let second): return name(first) + " " + name(second)
        }
    }

    private mutating func number(of word: String) -> Int32 {
        if let known = words[word] { return known }
        let id = Int32(entries.count)
        entries.append(.word(word))
        words[word] = id
        return id
    }

    private static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
            .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default: return false
        }
    }
}
