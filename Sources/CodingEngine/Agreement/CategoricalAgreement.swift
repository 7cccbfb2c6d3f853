/// Agreement coefficients for any categories, with missing ratings: the general
/// forms behind the character-level figures, checked against published vectors.
///
/// Ratings are given per unit as counts per category (`rows[unit][category]`), the
/// layout of Fleiss (1971) and Gwet (2014). With missing ratings: observed agreement
/// is averaged over units rated at least twice; category prevalence is averaged over
/// units rated at least once. Every coefficient is nil where it is undefined.
public enum CategoricalAgreement {
    /// Counts per unit and category from a coders × units table of optional labels.
    public static func rows<Label: Hashable>(codersByUnits: [[Label?]], categories: [Label]) -> [[Int]] {
        let index = Dictionary(categories.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let units = codersByUnits.map(\.count).max() ?? 0
        return (0..<units).map { unit in
            var row = Array(repeating: 0, count: categories.count)
            for coder in codersByUnits where unit < coder.count {
                if let label = coder[unit], let k = index[label] { row[k] += 1 }
            }
            return row
        }
    }

    /// Observed agreement: the share of agreeing pairs of ratings, per unit, averaged
    /// over units rated at least twice.
    public static func percentAgreement(_ rows: [[Int]]) -> Double? {
        var sum = 0.0, rated = 0
        for row in rows {
            let r = row.reduce(0, +)
            guard r >= 2 else { continue }
            sum += Double(row.reduce(0) { $0 + $1 * ($1 - 1) }) / Double(r * (r - 1))
            rated += 1
        }
        return rated > 0 ? sum / Double(rated) : nil
    }

    /// Category prevalence: each category's share of a unit's ratings, averaged over
    /// units rated at least once.
    static func prevalence(_ rows: [[Int]]) -> [Double]? {
        let rated = rows.filter { $0.reduce(0, +) > 0 }
        guard let first = rated.first else { return nil }
        var pi = Array(repeating: 0.0, count: first.count)
        for row in rated {
            let r = Double(row.reduce(0, +))
            for (k, n) in row.enumerated() { pi[k] += Double(n) / r }
        }
        return pi.map { $0 / Double(rated.count) }
    }

    /// Fleiss' kappa: chance agreement Σ πₖ².
    public static func fleissKappa(_ rows: [[Int]]) -> Double? {
        guard let pa = percentAgreement(rows), let pi = prevalence(rows) else { return nil }
        return BinaryUnits.chanceCorrected(pa, pi.reduce(0) { $0 + $1 * $1 })
    }

    /// Gwet's AC1: chance agreement Σ πₖ(1 − πₖ) / (q − 1), q the number of categories.
    public static func gwetAC1(_ rows: [[Int]]) -> Double? {
        guard let pa = percentAgreement(rows), let pi = prevalence(rows), pi.count > 1 else { return nil }
        return BinaryUnits.chanceCorrected(pa, pi.reduce(0) { $0 + $1 * (1 - $1) } / Double(pi.count - 1))
    }

    /// Brennan and Prediger's coefficient (Randolph's free-marginal kappa): chance 1/q.
    public static func brennanPrediger(_ rows: [[Int]]) -> Double? {
        guard let pa = percentAgreement(rows), let q = rows.first?.count, q > 0 else { return nil }
        return BinaryUnits.chanceCorrected(pa, 1 / Double(q))
    }

    /// How disagreements between ordered categories are weighted in Cohen's kappa.
    public enum Weights: String, Sendable { case none, linear, quadratic }

    /// Cohen's kappa for two coders, optionally weighted (categories in `labels`
    /// order): κ = 1 − Σ w·O / Σ w·E, E from the coders' marginals.
    public static func cohenKappa<Label: Hashable>(
        _ a: [Label], _ b: [Label], weights: Weights = .none,
        labels: [Label]? = nil
    ) -> Double? {
        var categories = labels ?? []
        if labels == nil { for label in a + b where !categories.contains(label) { categories.append(label) } }
        let index = Dictionary(categories.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let q = categories.count, n = Double(a.count)
        guard n > 0, a.count == b.count else { return nil }
        var observed = Array(repeating: Array(repeating: 0.0, count: q), count: q)
        for (x, y) in zip(a, b) {
            guard let i = index[x], let j = index[y] else { return nil }
            observed[i][j] += 1
        }
        let rowSums = observed.map { $0.reduce(0, +) }
        let columnSums = (0..<q).map { j in observed.reduce(0) { $0 + $1[j] } }
        var disagreementObserved = 0.0, disagreementExpected = 0.0
        for i in 0..<q {
            for j in 0..<q {
                let w: Double
                switch weights {
                case .none: w = i == j ? 0 : 1
                case .linear: w = Double(abs(i - j))
                case .quadratic: w = Double((i - j) * (i - j))
                }
                disagreementObserved += w * observed[i][j]
                disagreementExpected += w * rowSums[i] * columnSums[j] / n
            }
        }
        guard disagreementExpected > 1e-12 else { return nil }
        return 1 - disagreementObserved / disagreementExpected
    }

    /// The measurement level of Krippendorff's alpha.
    public enum Level: String, CaseIterable, Sendable { case nominal, ordinal, interval, ratio }

    /// Krippendorff's alpha for coders × units of numeric values (nil = missing),
    /// through the coincidence matrix: α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
    public static func krippendorffAlpha(codersByUnits: [[Double?]], level: Level) -> Double? {
        let values = Array(Set(codersByUnits.flatMap { $0.compactMap { $0 } })).sorted()
        let index = Dictionary(values.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let v = values.count
        guard v > 0 else { return nil }
        var o = Array(repeating: Array(repeating: 0.0, count: v), count: v)
        let units = codersByUnits.map(\.count).max() ?? 0
        for unit in 0..<units {
            let ratings = codersByUnits.compactMap { unit < $0.count ? $0[unit] : nil }.compactMap { index[$0] }
            let m = ratings.count
            guard m >= 2 else { continue }
            for i in 0..<m {
                for j in 0..<m where i != j { o[ratings[i]][ratings[j]] += 1 / Double(m - 1) }
            }
        }
        let nc = o.map { $0.reduce(0, +) }
        let n = nc.reduce(0, +)
        func delta(_ c: Int, _ k: Int) -> Double {
            switch level {
            case .nominal: return c == k ? 0 : 1
            case .interval: return (values[c] - values[k]) * (values[c] - values[k])
            case .ratio:
                let sum = values[c] + values[k]
                return sum == 0 ? 0 : ((values[c] - values[k]) / sum) * ((values[c] - values[k]) / sum)
            case .ordinal:
                let (low, high) = (min(c, k), max(c, k))
                let between = (low...high).reduce(0.0) { $0 + nc[$1] } - (nc[c] + nc[k]) / 2
                return between * between
            }
        }
        var observed = 0.0, expected = 0.0
        for c in 0..<v {
            for k in 0..<v {
                let d = delta(c, k)
                observed += o[c][k] * d
                expected += nc[c] * nc[k] * d
            }
        }
        guard expected > 1e-12, n > 1 else { return nil }
        return 1 - (n - 1) * observed / expected
    }
}
