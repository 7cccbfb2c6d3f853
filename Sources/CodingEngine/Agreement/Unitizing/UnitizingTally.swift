/// What Krippendorff, Mathet, Bouvry & Widlöcher (2016, "On the reliability of
/// unitizing textual continua") compute their family of unitizing alphas from, for
/// `m` coders' unitizings of one continuum: the coincidences of values (and gaps)
/// along it, and the pairs each segment makes with itself.
///
/// Every count is a sum over segments, so the tallies of several documents add up to
/// the tally of the documents end to end: that is how documents are pooled.
///
/// In the paper's notation the observed coincidences are
/// `l_ck = Σ_i Σ_{j≠i} Σ_g Σ_h |s_ig ∩ s_jh| / (m − 1)`, over coder i's segments g of
/// value c and coder j's segments h of value k, gaps being one more value, ∅.
public struct UnitizingTally: Equatable, Sendable {
    /// The values compared (codes); index `values` is the gap ∅.
    public let values: Int
    /// The number of coders, at least 2.
    public let coders: Int
    /// `(m − 1)·l_ck`, row-major over `values + 1` values (the gap last): kept as
    /// whole numbers so that adding documents is exact.
    private(set) var sharedLengths: [Int]
    /// For each value (and the gap), what its segments pair with themselves: the
    /// squared length of each unit, the length of each gap (a gap is divisible).
    private(set) var selfPairs: [Int]
    /// For each value, the squared pairable length of each unit: the part of it that
    /// another coder marked as some unit (for cuα, which ignores gaps).
    private(set) var pairableSelfPairs: [Int]

    /// An empty tally (no continuum yet).
    public init(values: Int, coders: Int) {
        precondition(coders >= 2 && values >= 1)
        self.values = values
        self.coders = coders
        sharedLengths = Array(repeating: 0, count: (values + 1) * (values + 1))
        selfPairs = Array(repeating: 0, count: values + 1)
        pairableSelfPairs = Array(repeating: 0, count: values)
    }

    /// The tally of one continuum read by `continua.count` coders (all of one length).
    public init(_ continua: [UnitizedContinuum], values: Int) {
        precondition(Set(continua.map(\.length)).count <= 1, "the coders' continua differ in length")
        self.init(partitions: continua.map(\.segments), values: values)
    }

    /// The tally of coders' partitions given segment by segment, in order, gaps
    /// (value nil) as well as units: a character in no segment of a coder takes no part
    /// in that coder's pairs.
    public init(partitions: [[(start: Int, end: Int, value: Int?)]], values: Int) {
        self.init(values: values, coders: partitions.count)
        let gap = values
        for (i, mine) in partitions.enumerated() {
            for segment in mine {
                let length = segment.end - segment.start
                selfPairs[segment.value ?? gap] += segment.value == nil ? length : length * length
            }
            for j in partitions.indices where j > i {
                // Walk both partitions together: each overlap once, counted both ways.
                let theirs = partitions[j]
                var a = 0, b = 0
                while a < mine.count, b < theirs.count {
                    let shared = min(mine[a].end, theirs[b].end) - max(mine[a].start, theirs[b].start)
                    if shared > 0 {
                        let c = mine[a].value ?? gap, k = theirs[b].value ?? gap
                        sharedLengths[c * (values + 1) + k] += shared
                        sharedLengths[k * (values + 1) + c] += shared
                    }
                    if mine[a].end <= theirs[b].end { a += 1 } else { b += 1 }
                }
            }
        }
        // A unit's pairable length: the part of it some other coder marked as a unit.
        // Each unit with its value (the gaps between units left out).
        let units = partitions.map {
            $0.compactMap { unit in unit.value.map { (start: unit.start, end: unit.end, value: $0) } }
        }
        for (i, mine) in units.enumerated() {
            let others = TextRange.union(
                units.enumerated().filter { $0.offset != i }.flatMap { other in
                    other.element.map { TextRange($0.start, $0.end) }
                })
            var o = 0
            for unit in mine {
                while o < others.count, others[o].end <= unit.start { o += 1 }
                var pairable = 0, p = o
                while p < others.count, others[p].start < unit.end {
                    pairable += min(unit.end, others[p].end) - max(unit.start, others[p].start)
                    p += 1
                }
                pairableSelfPairs[unit.value] += pairable * pairable
            }
        }
    }

    /// Two tallies of the same values and coders, as one continuum after the other.
    public static func + (a: UnitizingTally, b: UnitizingTally) -> UnitizingTally {
        precondition(a.values == b.values && a.coders == b.coders)
        var sum = a
        sum.add(b)
        return sum
    }

    /// Adds another continuum's tally (documents pooled).
    public mutating func add(_ other: UnitizingTally) {
        for i in sharedLengths.indices { sharedLengths[i] += other.sharedLengths[i] }
        for i in selfPairs.indices { selfPairs[i] += other.selfPairs[i] }
        for i in pairableSelfPairs.indices { pairableSelfPairs[i] += other.pairableSelfPairs[i] }
    }

    /// l_ck: the observed coincidences of value c with value k (`values` for ∅).
    public func coincidences(_ c: Int, _ k: Int) -> Double {
        Double(sharedLengths[c * (values + 1) + k]) / Double(coders - 1)
    }

    /// l_c· (= l_·c, the matrix is symmetric).
    func total(_ c: Int) -> Double { (0...values).reduce(0) { $0 + coincidences(c, $1) } }

    /// l··: for coders who each cover the continuum, m times its length.
    public var pairable: Double { (0...values).reduce(0) { $0 + total($1) } }

    /// The expected coincidences of the paper:
    /// ε_ck = l·· (l_c· l_·k − [c = k] Σ_{segments of c} λ) / (l··² − Σ_{all segments} λ),
    /// with λ = the squared length of a unit, the length of a gap.
    func expected(_ c: Int, _ k: Int) -> Double? {
        let n = pairable
        let denominator = n * n - Double(selfPairs.reduce(0, +))
        guard denominator > 0 else { return nil }
        let numerator = total(c) * total(k) - (c == k ? Double(selfPairs[c]) : 0)
        return n * numerator / denominator
    }

    /// uα: agreement on where units are and on their values, gaps being one more value:
    /// uα = 1 − (l·· − Σ_c l_cc) / (l·· − Σ_c ε_cc) over the values and ∅ (nominal).
    public var uAlpha: Double? {
        let n = pairable
        var observed = n, expected = n
        for c in 0...values {
            guard let e = self.expected(c, c) else { return nil }
            observed -= coincidences(c, c)
            expected -= e
        }
        return Self.alpha(observed: observed, expected: expected)
    }

    /// |uα: agreement on what is a unit and what a gap, whatever the unit's value:
    /// the same with every value taken as one, |uα = 1 − Σ_{c≠∅} (l_c∅ + l_∅c) / Σ_{c≠∅} (ε_c∅ + ε_∅c).
    public var binaryUAlpha: Double? {
        let gap = values
        var observed = 0.0, expected = 0.0
        for c in 0..<values {
            guard let e = self.expected(c, gap) else { return nil }
            observed += 2 * coincidences(c, gap)
            expected += 2 * e
        }
        return Self.alpha(observed: observed, expected: expected)
    }

    /// The coincidences of units with units (gaps left out): cu_ck = l_ck for c, k ≠ ∅.
    func unitTotal(_ c: Int) -> Double { (0..<values).reduce(0) { $0 + coincidences(c, $1) } }

    /// cu··: the coincidences of units with units.
    public var unitPairable: Double { (0..<values).reduce(0) { $0 + unitTotal($1) } }

    /// The expected coincidences among units, each unit counted by its pairable length
    /// π (the part of it other coders marked as units):
    /// cε_ck = cu·· (cu_c· cu_·k − [c = k] Σ_{units of c} π²) / (cu··² − Σ_{units} π²).
    func unitExpected(_ c: Int, _ k: Int) -> Double? {
        let n = unitPairable
        let denominator = n * n - Double(pairableSelfPairs.reduce(0, +))
        guard denominator > 0 else { return nil }
        return n * (unitTotal(c) * unitTotal(k) - (c == k ? Double(pairableSelfPairs[c]) : 0)) / denominator
    }

    /// cuα: agreement on the values of units where coders both marked units:
    /// cuα = 1 − (cu·· − Σ_c cu_cc) / (cu·· − Σ_c cε_cc) over the values (nominal).
    public var cuAlpha: Double? {
        cuDisagreement.flatMap { Self.alpha(observed: $0.observed, expected: $0.expected) }
    }

    /// cuα's disagreements, observed (cu·· − Σ_c cu_cc) and expected (cu·· − Σ_c cε_cc).
    var cuDisagreement: (observed: Double, expected: Double)? {
        let n = unitPairable
        var observed = n, expected = n
        for c in 0..<values {
            guard let e = unitExpected(c, c) else { return nil }
            observed -= coincidences(c, c)
            expected -= e
        }
        return (observed, expected)
    }

    /// (k)uα: how reliably value k is told from the other values among units:
    /// (k)uα = 1 − [(cu_·k − cu_kk) / cu_·k] / [(cε_·k − cε_kk) / cε_·k].
    public func kuAlpha(_ k: Int) -> Double? {
        let observedTotal = unitTotal(k)
        guard observedTotal > 0, let expectedKK = unitExpected(k, k) else { return nil }
        var expectedTotal = 0.0
        for c in 0..<values {
            guard let e = unitExpected(c, k) else { return nil }
            expectedTotal += e
        }
        guard expectedTotal > 0 else { return nil }
        let observed = (observedTotal - coincidences(k, k)) / observedTotal
        let expected = (expectedTotal - expectedKK) / expectedTotal
        return Self.alpha(observed: observed, expected: expected)
    }

    /// The share of all coincidences that are of units with units: what cuα covers.
    public var unitCoverage: Double? {
        let n = pairable
        return n > 0 ? unitPairable / n : nil
    }

    /// The share of value k's coincidences that are with units: what (k)uα covers.
    public func coverage(_ k: Int) -> Double? {
        let all = total(k)
        return all > 0 ? unitTotal(k) / all : nil
    }

    /// 1 − observed/expected, undefined when nothing disagreement could be expected of.
    static func alpha(observed: Double, expected: Double) -> Double? {
        guard expected > 1e-12 else { return nil }
        return 1 - observed / expected
    }
}
