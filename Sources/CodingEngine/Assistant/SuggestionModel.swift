import Foundation

/// What `intertwine suggest` learns for one code from a coder's codings: naive Bayes
/// over the words and word pairs of each passage (sentence or turn), each counted once
/// per passage ("binarized"), with add-one smoothing. Small, local, deterministic and
/// explainable: a passage's score is the sum of its features' log-count ratios plus
/// the prior's, and the features that added most are its reasons ("because: audit,
/// failed, procedures"). Wang and Manning (2012) found this the strongest simple
/// baseline for short texts with few examples, which is what a code's passages are.
public struct SuggestionModel: Equatable, Sendable {
    /// The settings every code's model is trained with.
    public struct Settings: Equatable, Sendable {
        /// Add-α smoothing of each feature's count.
        public var smoothing: Double = 1
        /// Fewer example passages than this: no model (and no suggestions) for the code.
        public var minimumExamples = 5
        /// A feature seen in fewer training passages than this is left out.
        public var minimumCount = 1

        public init() {}

        /// The settings in words, as the provenance of a suggestion records them.
        public var description: String {
            "naive Bayes over words and word pairs (binarized, add-\(Self.number(smoothing)) smoothing, at least \(minimumExamples) examples)"
        }

        static func number(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value)
        }
    }

    /// The code's path.
    public var code: String
    /// Passages with the code, and without, it learnt from.
    public var positives: Int
    public var negatives: Int
    /// log(P(feature | code) / P(feature | not code)) for every feature seen.
    var ratios: [String: Double]
    /// log(P(code) / P(not code)).
    var prior: Double

    /// A passage's words and word pairs: runs of letters and digits (with apostrophes
    /// inside), lower-cased; a pair is two such words in a row.
    public static func features(_ text: some StringProtocol) -> Set<String> {
        var words: [String] = []
        var current = ""
        func flush() {
            let word = current.trimmingCharacters(in: CharacterSet(charactersIn: "'’"))
            if !word.isEmpty { words.append(word) }
            current = ""
        }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || ((character == "'" || character == "’") && !current.isEmpty)
            {
                current.append(character)
            } else {
                flush()
            }
        }
        flush()
        var features = Set(words)
        for index in words.indices.dropLast() { features.insert(words[index] + " " + words[index + 1]) }
        return features
    }

    /// Learns the code from passages with it (`positive`) and without; nil when it has
    /// fewer positive examples than the settings ask.
    public static func train(
        code: String, examples: [(features: Set<String>, positive: Bool)], settings: Settings = Settings()
    ) -> SuggestionModel? {
        let positives = examples.filter(\.positive).count, negatives = examples.count - positives
        guard positives >= settings.minimumExamples, negatives > 0 else { return nil }
        var withCode: [String: Int] = [:], without: [String: Int] = [:]
        for example in examples {
            if example.positive {
                for feature in example.features { withCode[feature, default: 0] += 1 }
            } else {
                for feature in example.features { without[feature, default: 0] += 1 }
            }
        }
        var vocabulary = Set(withCode.keys).union(without.keys)
        if settings.minimumCount > 1 {
            vocabulary = vocabulary.filter { (withCode[$0] ?? 0) + (without[$0] ?? 0) >= settings.minimumCount }
        }
        let alpha = settings.smoothing
        let totalWith = Double(vocabulary.reduce(0) { $0 + (withCode[$1] ?? 0) }) + alpha * Double(vocabulary.count)
        let totalWithout = Double(vocabulary.reduce(0) { $0 + (without[$1] ?? 0) }) + alpha * Double(vocabulary.count)
        var ratios: [String: Double] = [:]
        ratios.reserveCapacity(vocabulary.count)
        for feature in vocabulary {
            let p = (Double(withCode[feature] ?? 0) + alpha) / totalWith
            let q = (Double(without[feature] ?? 0) + alpha) / totalWithout
            ratios[feature] = log(p / q)
        }
        return SuggestionModel(
            code: code, positives: positives, negatives: negatives, ratios: ratios,
            prior: log(Double(positives) / Double(negatives)))
    }

    /// A passage's score (log-odds that it has the code: above 0, more likely than not)
    /// and the features that raised it most, strongest first.
    public func score(_ features: Set<String>, reasons: Int = 3) -> (logOdds: Double, because: [String]) {
        var total = prior
        var raising: [(String, Double)] = []
        for feature in features {
            guard let ratio = ratios[feature] else { continue }
            total += ratio
            if ratio > 0 { raising.append((feature, ratio)) }
        }
        // Ties broken by the feature itself, so the reasons are the same every run.
        raising.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return (total, raising.prefix(reasons).map(\.0))
    }

    /// The probability a log-odds stands for.
    public static func probability(_ logOdds: Double) -> Double { 1 / (1 + exp(-logOdds)) }
}
