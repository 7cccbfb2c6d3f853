import Foundation

/// How uncertain a code's character-level agreement is: a bootstrap (Efron's, as
/// Hayes & Krippendorff 2007 use it for alpha) that resamples the *stretches* of text
/// between coding boundaries and recomputes the figures from each resample.
///
/// Characters next to each other are not independent judgments: a coder decides
/// once for a whole passage. So the units resampled are the stretches on which every
/// coder's decision is the same (cut at every start and end of any coder's coding of
/// the code, in every document), each with its length in characters. A resample draws
/// as many stretches as there are, with replacement, adds their lengths into the
/// table, and computes alpha and kappa from it. The 95% interval is the 2.5th and
/// 97.5th percentile of the resampled alphas; `belowReliable` and `belowTentative` are
/// the shares of resamples with alpha below .800 and .667 (Krippendorff's q, the
/// probability of failing to reach that level); a resample with no variation (alpha
/// 0/0) is left out and counted.
public struct AgreementBootstrap: Equatable, Sendable {
    /// How to resample.
    public struct Options: Equatable, Sendable {
        /// The most resamples asked for: more narrow an interval no further worth
        /// reading (its ends move in the third decimal by 10,000) and only cost time.
        public static let maximumDraws = 100_000

        /// Resamples per code.
        public var draws: Int
        /// The seed: the same seed gives the same figures.
        public var seed: UInt64

        public init(draws: Int = 1000, seed: UInt64 = 1) {
            self.draws = draws
            self.seed = seed
        }
    }

    /// A code's stretches over the compared documents: each one's length and its
    /// cell, which coders coded it (two coders: 0 neither, 1 first only, 2 second only,
    /// 3 both; more: how many coded it).
    public struct Stretches: Equatable, Sendable {
        public let coders: Int
        public private(set) var lengths: [Int] = []
        public private(set) var cells: [UInt8] = []

        public init(coders: Int) { self.coders = coders }

        /// Adds one document's stretches: `ranges[coder]` that coder's codings of the code.
        public mutating func add(length: Int, ranges: [[TextRange]]) {
            CharacterUnits.forEachStretch(length: length, ranges: ranges) { append($0, $1) }
        }

        private mutating func append(_ length: Int, _ covering: [Bool]) {
            let cell = coders == 2 ? (covering[0] ? 1 : 0) + (covering[1] ? 2 : 0) : covering.filter { $0 }.count
            lengths.append(length)
            cells.append(UInt8(cell))
        }

        /// The number of cells: 4 for two coders, m + 1 for m.
        var cellCount: Int { coders == 2 ? 4 : coders + 1 }

        /// The units of a table of cell totals.
        func units(_ totals: [Int]) -> BinaryUnits {
            coders == 2 ? table(totals).units : BinaryUnits(coders: coders, counts: totals)
        }

        func table(_ totals: [Int]) -> TwoByTwo {
            TwoByTwo(both: totals[3], aOnly: totals[1], bOnly: totals[2], neither: totals[0])
        }
    }

    /// Resamples drawn, and those whose alpha was undefined (left out of the figures).
    public var draws: Int
    public var undefinedDraws: Int
    /// The 95% percentile interval of alpha.
    public var alphaLow: Double?
    public var alphaHigh: Double?
    /// The standard deviation of the resampled alphas: alpha's standard error.
    public var alphaStandardError: Double?
    /// P(α < .800) and P(α < .667) over the resamples.
    public var belowReliable: Double?
    public var belowTentative: Double?
    /// Kappa (Cohen's for two coders, Fleiss' for more): the standard deviation of the
    /// resampled kappas, and their 95% percentile interval.
    public var kappaStandardError: Double?
    public var kappaLow: Double?
    public var kappaHigh: Double?

    /// Resamples `stretches` `options.draws` times with a generator seeded from the
    /// seed and `name` (so a code's figures do not depend on the other codes compared).
    public init(_ stretches: Stretches, options: Options, name: String) {
        var generator = SplitMix64(seed: options.seed ^ Self.hash(name))
        let count = stretches.lengths.count
        var alphas: [Double] = [], kappas: [Double] = []
        alphas.reserveCapacity(options.draws)
        var totals = Array(repeating: 0, count: stretches.cellCount)
        for _ in 0..<(count > 0 ? options.draws : 0) {
            for i in totals.indices { totals[i] = 0 }
            stretches.lengths.withUnsafeBufferPointer { lengths in
                stretches.cells.withUnsafeBufferPointer { cells in
                    totals.withUnsafeMutableBufferPointer { totals in
                        for _ in 0..<count {
                            let pick = generator.index(below: count)
                            totals[Int(cells[pick])] += lengths[pick]
                        }
                    }
                }
            }
            let units = stretches.units(totals)
            if let alpha = units.krippendorffAlpha { alphas.append(alpha) }
            let kappa = stretches.coders == 2 ? stretches.table(totals).cohenKappa : units.fleissKappa
            if let kappa { kappas.append(kappa) }
        }
        draws = count > 0 ? options.draws : 0
        undefinedDraws = draws - alphas.count
        alphas.sort()
        kappas.sort()
        alphaLow = Self.quantile(alphas, 0.025)
        alphaHigh = Self.quantile(alphas, 0.975)
        alphaStandardError = Self.standardDeviation(alphas)
        belowReliable = alphas.isEmpty ? nil : Double(alphas.filter { $0 < 0.800 }.count) / Double(alphas.count)
        belowTentative = alphas.isEmpty ? nil : Double(alphas.filter { $0 < 0.667 }.count) / Double(alphas.count)
        kappaStandardError = Self.standardDeviation(kappas)
        kappaLow = Self.quantile(kappas, 0.025)
        kappaHigh = Self.quantile(kappas, 0.975)
    }

    /// The q-quantile of sorted values, interpolating between neighbours.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = q * Double(sorted.count - 1)
        let below = Int(position.rounded(.down)), above = min(below + 1, sorted.count - 1)
        return sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
    }

    /// The sample standard deviation; nil for fewer than two values.
    static func standardDeviation(_ values: [Double]) -> Double? {
        guard values.count > 1 else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
    }

    /// FNV-1a of the name's UTF-8: a stable hash (Swift's own is seeded per process).
    static func hash(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
