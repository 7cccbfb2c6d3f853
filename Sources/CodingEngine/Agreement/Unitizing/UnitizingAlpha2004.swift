/// Krippendorff's alpha for unitizing a continuum with gaps, as first defined
/// (Krippendorff 1995, "On the reliability of unitizing contiguous data"; Content
/// Analysis, 2nd ed., 2004): for each value c on its own, every coder's units of c
/// against the rest of the continuum (other values counted as gaps), with a squared
/// distance between overlapping segments.
///
/// For two segments g (coder i) and h (coder j) that overlap, with beginnings b and
/// ends e: δ²(g, h) = (b_g − b_h)² + (e_g − e_h)² when both are units of c; l_g² when
/// g is a unit lying wholly inside h, a gap (and the same the other way round);
/// 0 otherwise. Over a continuum of length L and m coders:
///
/// - cD_o = 2 / (m(m − 1)L²) · Σ_{i<j} Σ_g Σ_h δ²(g, h)
/// - cD_e = (2/L) · Σ_{units u of c} [ (N_c − 1)(2l_u³ − 3l_u² + l_u)/3
///   + l_u² Σ_{gaps γ with l_γ ≥ l_u} (l_γ − l_u + 1) ] / (mL(mL − 1) − Σ_u l_u(l_u − 1)),
///   N_c the number of units of c (all coders), the gaps those of every coder for c
/// - cα_u = 1 − cD_o / cD_e, and over all values α_u = 1 − Σ_c cD_o / Σ_c cD_e.
public struct UnitizingAlpha2004: Equatable, Sendable {
    /// Observed and expected disagreement per value.
    public var observed: [Double]
    public var expected: [Double]

    /// The disagreements of coders' units (`units[coder]`, over a continuum of
    /// `length`) for `values` values. A coder's units of one value must not overlap;
    /// units of different values may, since each value is taken on its own.
    public init(length: Int, units coders: [[UnitizedContinuum.Unit]], values: Int) {
        precondition(coders.count >= 2)
        let m = Double(coders.count)
        let L = Double(length)
        observed = Array(repeating: 0, count: values)
        expected = Array(repeating: 0, count: values)
        guard length > 0 else { return }
        for value in 0..<values {
            // Each coder's units of this value, the rest gaps.
            let binary = coders.map { units in
                UnitizedContinuum(
                    length: length, units: units.filter { $0.value == value }.sorted { $0.start < $1.start })
            }
            var distances = 0.0
            for i in binary.indices {
                for j in binary.indices where j > i {
                    distances += Self.distances(binary[i].segments, binary[j].segments)
                }
            }
            observed[value] = 2 * distances / (m * (m - 1) * L * L)
            let units = binary.flatMap(\.units).map { Double($0.length) }
            let gaps = binary.flatMap(\.gaps).map { Double($0.length) }.sorted()
            // Σ over gaps at least l long of (l_γ − l + 1), from suffix sums of the sorted gaps.
            var suffix = Array(repeating: 0.0, count: gaps.count + 1)
            for index in gaps.indices.reversed() { suffix[index] = suffix[index + 1] + gaps[index] }
            let count = Double(units.count)
            var sum = 0.0, selfPairs = 0.0
            for l in units {
                var low = 0, high = gaps.count
                while low < high {
                    let mid = (low + high) / 2
                    if gaps[mid] >= l { high = mid } else { low = mid + 1 }
                }
                let longEnough = Double(gaps.count - low)
                sum += (count - 1) * (2 * l * l * l - 3 * l * l + l) / 3
                sum += l * l * (suffix[low] - longEnough * (l - 1))
                selfPairs += l * (l - 1)
            }
            let denominator = m * L * (m * L - 1) - selfPairs
            expected[value] = denominator > 0 ? (2 / L) * sum / denominator : 0
        }
    }

    /// cα_u for one value; nil where no disagreement could be expected.
    public func alpha(_ value: Int) -> Double? {
        UnitizingTally.alpha(observed: observed[value], expected: expected[value])
    }

    /// α_u over all values.
    public var alpha: Double? {
        UnitizingTally.alpha(observed: observed.reduce(0, +), expected: expected.reduce(0, +))
    }

    /// Σ δ² over the overlapping segments of two coders' partitions.
    static func distances(_ a: [(start: Int, end: Int, value: Int?)], _ b: [(start: Int, end: Int, value: Int?)])
        -> Double
    {
        var total = 0.0
        var i = 0, j = 0
        while i < a.count, j < b.count {
            let g = a[i], h = b[j]
            if min(g.end, h.end) > max(g.start, h.start) {
                switch (g.value != nil, h.value != nil) {
                case (true, true):
                    let begin = Double(g.start - h.start), end = Double(g.end - h.end)
                    total += begin * begin + end * end
                case (true, false) where h.start <= g.start && g.end <= h.end:
                    total += Double(g.end - g.start) * Double(g.end - g.start)
                case (false, true) where g.start <= h.start && h.end <= g.end:
                    total += Double(h.end - h.start) * Double(h.end - h.start)
                default: break
                }
            }
            if g.end <= h.end { i += 1 } else { j += 1 }
        }
        return total
    }
}
