/// Binary reliability data summarized for coefficients: `m` coders each say yes (1)
/// or no (0) for every unit; `counts[k]` is the number of units that exactly `k`
/// coders said yes to. At the character level a unit is one character and "yes"
/// means the coder's (unioned) ranges for the code cover it.
///
/// Every coefficient is nil where it is undefined (0/0), never 1 or 0.
public struct BinaryUnits: Equatable, Sendable {
    /// The number of coders, at least 2.
    public let coders: Int
    /// `counts[k]`: units with exactly `k` yes votes, for k in 0...coders.
    public private(set) var counts: [Int]

    public init(coders: Int, counts: [Int]) {
        precondition(coders >= 2 && counts.count == coders + 1)
        self.coders = coders
        self.counts = counts
    }

    /// No units yet.
    public init(coders: Int) {
        self.init(coders: coders, counts: Array(repeating: 0, count: coders + 1))
    }

    /// Adds another table's units (pooling over documents adds tables).
    public static func + (a: BinaryUnits, b: BinaryUnits) -> BinaryUnits {
        BinaryUnits(coders: a.coders, counts: zip(a.counts, b.counts).map(+))
    }

    public mutating func add(_ units: Int, yes k: Int) { counts[k] += units }

    /// The number of units.
    public var units: Int { counts.reduce(0, +) }
    /// Yes votes in all.
    public var yesVotes: Int { counts.enumerated().reduce(0) { $0 + $1.offset * $1.element } }
    /// The share of all votes that are yes.
    var p1: Double? { units > 0 ? Double(yesVotes) / Double(units * coders) : nil }

    /// Pairwise percent agreement: the share of agreeing pairs of coders over all
    /// units, P̄ = Σ_u [k(k−1) + (m−k)(m−k−1)] / (m(m−1)) / N. For two coders, the
    /// share of units both coded or both left uncoded.
    public var percentAgreement: Double? {
        guard units > 0 else { return nil }
        let m = Double(coders)
        var agreeing = 0.0
        for (k, c) in counts.enumerated() where c > 0 {
            let yes = Double(k), no = m - yes
            agreeing += Double(c) * (yes * (yes - 1) + no * (no - 1)) / (m * (m - 1))
        }
        return agreeing / Double(units)
    }

    /// Fleiss' kappa: (P̄ − P̄e) / (1 − P̄e), P̄e = p₁² + p₀². For two coders this is
    /// Scott's pi.
    public var fleissKappa: Double? {
        guard let pa = percentAgreement, let p1 else { return nil }
        let pe = p1 * p1 + (1 - p1) * (1 - p1)
        return Self.chanceCorrected(pa, pe)
    }

    /// Gwet's AC1 with two categories: (P̄ − Pe) / (1 − Pe), Pe = 2·p₁·(1 − p₁).
    public var gwetAC1: Double? {
        guard let pa = percentAgreement, let p1 else { return nil }
        return Self.chanceCorrected(pa, 2 * p1 * (1 - p1))
    }

    /// Krippendorff's alpha for binary (nominal) data without missing values:
    /// α = 1 − (n − 1) · Σ_u n_u0·n_u1/(m − 1) / (n₀·n₁), with n = N·m pairable values.
    public var krippendorffAlpha: Double? {
        let m = Double(coders)
        let n = Double(units) * m
        let n1 = Double(yesVotes), n0 = n - n1
        guard n0 * n1 > 0 else { return nil }
        var disagreeing = 0.0
        for (k, c) in counts.enumerated() where c > 0 {
            disagreeing += Double(c) * Double(k) * (m - Double(k)) / (m - 1)
        }
        return 1 - (n - 1) * disagreeing / (n0 * n1)
    }

    /// Jaccard overlap of the coded text: units every coder said yes to, divided by
    /// units any coder said yes to.
    public var jaccard: Double? {
        let any = units - counts[0]
        return any > 0 ? Double(counts[coders]) / Double(any) : nil
    }

    /// (observed − chance) / (1 − chance), nil when chance agreement is 1.
    static func chanceCorrected(_ observed: Double, _ chance: Double) -> Double? {
        guard abs(1 - chance) > 1e-12 else { return nil }
        return (observed - chance) / (1 - chance)
    }
}

/// The 2×2 table of two coders over binary units.
public struct TwoByTwo: Equatable, Sendable {
    public var both: Int
    public var aOnly: Int
    public var bOnly: Int
    public var neither: Int

    public init(both: Int, aOnly: Int, bOnly: Int, neither: Int) {
        self.both = both
        self.aOnly = aOnly
        self.bOnly = bOnly
        self.neither = neither
    }

    public var total: Int { both + aOnly + bOnly + neither }

    /// (both + neither) / N.
    public var percentAgreement: Double? { total > 0 ? Double(both + neither) / Double(total) : nil }

    /// Cohen's chance agreement: pA·pB + (1 − pA)(1 − pB), with each coder's own share.
    public var cohenChanceAgreement: Double? {
        guard total > 0 else { return nil }
        let n = Double(total)
        let pA = Double(both + aOnly) / n, pB = Double(both + bOnly) / n
        return pA * pB + (1 - pA) * (1 - pB)
    }

    /// Cohen's kappa: (Po − Pe) / (1 − Pe).
    public var cohenKappa: Double? {
        guard let po = percentAgreement, let pe = cohenChanceAgreement else { return nil }
        return BinaryUnits.chanceCorrected(po, pe)
    }

    /// The same units as counts of yes votes, for the multi-coder coefficients.
    public var units: BinaryUnits {
        BinaryUnits(coders: 2, counts: [neither, aOnly + bOnly, both])
    }
}
