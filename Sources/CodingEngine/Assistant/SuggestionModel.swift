import Foundation

/// What `intertwine suggest` learns for one code from a coder's codings: naive Bayes
/// over the words and word pairs of each passage (sentence or turn), each counted once
/// per passage ("binarized"), with add-one smoothing. Small, local, deterministic and
/// explainable: a passage's score is the sum of its features' log-count ratios plus
/// the prior's, and the features that added most are its reasons ("because: audit,
/// failed, procedures"). Wang and Manning (2012) found this the strongest simple
/// baseline for short texts with few examples, which is what a code's passages are.
///
/// Naive Bayes orders passages well but its log-odds are not probabilities (its words
/// are not independent, and a code is rare): the cutoff above which it suggests is
/// chosen on the coder's own held-out documents (`SuggestionCutoff`), not assumed.
public struct SuggestionModel: Equatable, Sendable {
    /// The settings every code's model is trained with.
    public struct Settings: Equatable, Sendable {
        /// Add-α smoothing of each feature's count.
        public var smoothing: Double = 1
        /// Fewer example passages than this: no model (and no suggestions) for the code.
        public var minimumExamples = 5
        /// The folds by document the cutoff is chosen in.
        public var cutoffFolds = 5
        /// The calibrated share of held-out passages with the code a score must reach to be suggested.
        public var cutoffPrecision = 0.5
        /// The passages' worth at the code's rate each held-out share is taken with (Cestnik's m).
        public var cutoffM = 2.0

        public init() {}

        /// The settings in words, as the provenance of a suggestion records them.
        public var description: String {
            "naive Bayes over words and word pairs (binarized, add-\(Self.number(smoothing)) smoothing, at least \(minimumExamples) examples, suggested where at least \(Self.number(cutoffPrecision * 100))% right on held-out documents: isotonic calibration, m-estimate m = \(Self.number(cutoffM)), \(cutoffFolds)-fold by document)"
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
    /// The log-odds at or above which it suggests the code (0: more likely than not, as
    /// the model reckons; `.infinity`: never).
    public var cutoff: Double = 0
    /// Passages with and without the code that have each feature.
    private var with: [Int32]
    private var without: [Int32]
    /// log(count + α) for every count.
    private var logs: [Double]
    /// log(P(code) / P(not code)), and what each feature's ratio adds for the totals.
    private var prior: Double
    private var shift: Double

    /// Learns the code from the counts of a set of passages (`all`), of those of them
    /// with the code (`positive`), and of passages known to be without it (`rejected`);
    /// nil when it has fewer positive examples than the settings ask.
    init?(
        code: String, all: FeatureCounts, positive: FeatureCounts, rejected: FeatureCounts, settings: Settings
    ) {
        positives = positive.passageCount
        negatives = all.passageCount - positive.passageCount + rejected.passageCount
        guard positives >= settings.minimumExamples, negatives > 0 else { return nil }
        self.code = code
        let size = all.passages.count
        with = positive.passages
        without = [Int32](repeating: 0, count: size)
        var vocabulary = 0, largest: Int32 = 0
        without.withUnsafeMutableBufferPointer { without in
            for index in 0..<size {
                let count = all.passages[index] - positive.passages[index] + rejected.passages[index]
                without[index] = count
                if count > 0 || positive.passages[index] > 0 { vocabulary += 1 }
                largest = max(largest, count, positive.passages[index])
            }
        }
        let alpha = settings.smoothing
        logs = (0...Int(largest)).map { log(Double($0) + alpha) }
        let totalWith = Double(positive.total) + alpha * Double(vocabulary)
        let totalWithout = Double(all.total - positive.total + rejected.total) + alpha * Double(vocabulary)
        shift = log(totalWithout) - log(totalWith)
        prior = log(Double(positives) / Double(negatives))
    }

    /// Learns the code from example passages' features (numbered by one vocabulary of
    /// `size` features), with the code or without.
    public static func train(
        code: String, examples: [(features: [Int32], positive: Bool)], size: Int, settings: Settings = Settings()
    ) -> SuggestionModel? {
        var all = FeatureCounts(size: size), positive = FeatureCounts(size: size)
        for example in examples {
            all.add(example.features)
            if example.positive { positive.add(example.features) }
        }
        return SuggestionModel(
            code: code, all: all, positive: positive, rejected: FeatureCounts(size: size), settings: settings)
    }

    /// log(P(feature | code) / P(feature | not code)); nil for a feature not learnt from.
    func ratio(_ feature: Int32) -> Double? {
        let index = Int(feature)
        guard index < with.count, with[index] > 0 || without[index] > 0 else { return nil }
        return logs[Int(with[index])] - logs[Int(without[index])] + shift
    }

    /// A passage's score: the log-odds that it has the code.
    public func score(_ features: some Collection<Int32>) -> Double {
        var total = prior, counted = 0
        with.withUnsafeBufferPointer { with in
            without.withUnsafeBufferPointer { without in
                logs.withUnsafeBufferPointer { logs in
                    for feature in features {
                        let index = Int(feature)
                        guard index < with.count else { continue }
                        let yes = Int(with[index]), no = Int(without[index])
                        guard yes | no != 0 else { continue }
                        total += logs[yes] - logs[no]
                        counted += 1
                    }
                }
            }
        }
        return total + Double(counted) * shift
    }

    /// Whether the model suggests the code for a passage of this score.
    public func suggests(_ score: Double) -> Bool { score >= cutoff }

    /// The features of a passage that raised its score most, strongest first.
    public func because(_ features: some Collection<Int32>, in vocabulary: FeatureVocabulary, count: Int = 3)
        -> [String]
    {
        var raising = features.compactMap { feature -> (String, Double)? in
            guard let ratio = ratio(feature), ratio > 0 else { return nil }
            return (vocabulary.name(feature), ratio)
        }
        // Ties broken by the feature itself, so the reasons are the same every run.
        raising.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return raising.prefix(count).map(\.0)
    }

    /// A passage's words and word pairs, as `FeatureVocabulary` finds them.
    public static func features(_ text: String) -> Set<String> {
        var vocabulary = FeatureVocabulary()
        return Set(vocabulary.features(of: text.unicodeScalars).map(vocabulary.name))
    }

    /// The probability a log-odds stands for.
    public static func probability(_ logOdds: Double) -> Double { 1 / (1 + exp(-logOdds)) }
}
