/// The words and word pairs suggestions learn from, each given a number the first time
/// it is seen, so that a passage is a short list of numbers and counting is done
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

    /// When each feature was last given to a passage (by the passage's turn): each once.
    private var lastSeen: [Int] = []
    private var turn = 0

    /// A passage's features: the numbers of its words and pairs, each once, in the order
    /// first seen (the same text gives the same list every run).
    public mutating func features(of scalars: some Collection<Unicode.Scalar>) -> [Int32] {
        var sequence: [Int32] = []
        // The word so far, as lower-cased UTF-8 (a String made once per word, small ones
        // without allocating).
        var current: [UInt8] = []
        current.reserveCapacity(32)
        func flush() {
            while current.last == 0x27 { current.removeLast() }
            if !current.isEmpty { sequence.append(number(of: String(decoding: current, as: UTF8.self))) }
            current.removeAll(keepingCapacity: true)
        }
        for scalar in scalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x61...0x7A, 0x30...0x39: current.append(UInt8(value))
                case 0x41...0x5A: current.append(UInt8(value + 0x20))
                case 0x27 where !current.isEmpty: current.append(0x27)
                default: flush()
                }
            } else if Self.isWordPart(scalar) {
                current.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            } else if value == 0x2019 && !current.isEmpty {
                current.append(0x27)
            } else {
                flush()
            }
        }
        flush()
        turn += 1
        var features: [Int32] = []
        features.reserveCapacity(sequence.count * 2)
        func keep(_ id: Int32) {
            if Int(id) >= lastSeen.count {
                lastSeen.append(contentsOf: repeatElement(0, count: Int(id) + 1 - lastSeen.count))
            }
            if lastSeen[Int(id)] != turn {
                lastSeen[Int(id)] = turn
                features.append(id)
            }
        }
        for word in sequence { keep(word) }
        for index in sequence.indices.dropLast() {
            let key = Int64(sequence[index]) << 32 | Int64(sequence[index + 1])
            if let known = pairs[key] {
                keep(known)
            } else {
                let id = Int32(entries.count)
                entries.append(.pair(sequence[index], sequence[index + 1]))
                pairs[key] = id
                keep(id)
            }
        }
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
