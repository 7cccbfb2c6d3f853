/// Krippendorff's unitizing alphas for chosen coders, codes and documents: for each
/// code, how reliably the coders tell its passages from the rest of the text; for a
/// folder taken as a semantic domain (its codes the values), the 2016 family. The
/// documents are pooled as one continuum, end to end.
public struct UnitizingReport: Equatable, Sendable {
    /// One code against the text not coded with it.
    public struct CodeFigures: Equatable, Sendable {
        public var code: String
        /// |uα of the code (with one value, the same as its uα).
        public var binaryUAlpha: Double?
        /// The 1995/2004 α_u of the code.
        public var alpha2004: Double?
    }

    /// A semantic domain: a folder whose codes are the values.
    public struct DomainFigures: Equatable, Sendable {
        public var domain: String
        /// The codes below the folder, in codebook order: the values.
        public var values: [String]
        public var uAlpha: Double?
        public var binaryUAlpha: Double?
        public var cuAlpha: Double?
        /// The share of all coincidences that are of units with units (what cuα covers).
        public var cuCoverage: Double?
        /// (k)uα for each value, in `values` order, with the share of its coincidences cuα covers.
        public var kuAlpha: [Double?]
        public var coverage: [Double?]
        /// α_u (1995/2004) over the domain's codes, each taken on its own.
        public var alpha2004: Double?
        /// Per coder, characters they coded with two or more of the domain's codes,
        /// given to one of them (the shorter coding; see `UnitizedContinuum`).
        public var resolvedCharacters: [Int]
        /// The tally the figures come from, for pooling domains into Cuα.
        var tally: UnitizingTally
    }

    public var coders: [String]
    public var codes: [CodeFigures]
    public var domains: [DomainFigures]

    /// Cuα over every domain: each domain's cuα disagreements, observed and expected,
    /// summed: Cuα = 1 − Σ_d (cu·· − Σ_c cu_cc) / Σ_d (cu·· − Σ_c cε_cc). With one
    /// domain, its cuα.
    public var combinedCuAlpha: Double? {
        var observed = 0.0, expected = 0.0
        for domain in domains {
            guard let disagreement = domain.tally.cuDisagreement else { return nil }
            observed += disagreement.observed
            expected += disagreement.expected
        }
        return domains.isEmpty ? nil : UnitizingTally.alpha(observed: observed, expected: expected)
    }

    /// Computes the report: `options` as for `AgreementReport`, `domains` folder paths.
    public static func compute(_ store: some CodingStore, _ options: AgreementReport.Options, domains: [String]) throws
        -> UnitizingReport
    {
        let codebook = try store.codebook()
        var domainCodes: [(path: String, values: [Code])] = []
        for path in domains {
            guard let folder = codebook.code(path: path) else { throw EngineError.unknownCode(path) }
            let values = codebook.subtree(of: folder.id).filter { $0.id != folder.id && $0.codable }
            guard !values.isEmpty else { throw EngineError.emptyDomain(folder.path) }
            domainCodes.append((folder.path, values))
        }
        var inputOptions = options
        if !options.codes.isEmpty { inputOptions.codes += domainCodes.map(\.path) }
        let input = try AgreementInput(store, inputOptions)
        let chosen =
            options.codes.isEmpty
            ? input.codes
            : input.codes.filter { code in
                options.codes.contains {
                    codebook.code(path: $0).map { codebook.subtree(of: $0.id).contains(code) } ?? false
                }
            }
        let m = input.coders.count
        let totalLength = input.documents.reduce(0) { $0 + $1.length }

        // Every coder's units of `codes` (value = index) over the documents end to end.
        func concatenated(_ codes: [Code]) -> [[UnitizedContinuum.Unit]] {
            var units = Array(repeating: [UnitizedContinuum.Unit](), count: m)
            var offset = 0
            for document in input.documents {
                for (value, code) in codes.enumerated() {
                    for (coder, ranges) in input.ranges(code: code.id, document: document.id).enumerated() {
                        let continuum = UnitizedContinuum(length: document.length, codings: ranges.map { ($0, value) })
                        units[coder] += continuum.units.map { .init($0.start + offset, $0.end + offset, value: value) }
                    }
                }
                offset += document.length
            }
            return units
        }

        let codes = chosen.map { code -> CodeFigures in
            var tally = UnitizingTally(values: 1, coders: m)
            for document in input.documents {
                let continua = input.ranges(code: code.id, document: document.id).map {
                    UnitizedContinuum(length: document.length, codings: $0.map { ($0, 0) })
                }
                tally.add(UnitizingTally(continua, values: 1))
            }
            let alpha2004 = UnitizingAlpha2004(length: totalLength, units: concatenated([code]), values: 1)
            return CodeFigures(code: code.path, binaryUAlpha: tally.binaryUAlpha, alpha2004: alpha2004.alpha)
        }

        let domainFigures = domainCodes.map { domain -> DomainFigures in
            let values = domain.values
            var tally = UnitizingTally(values: values.count, coders: m)
            var resolved = Array(repeating: 0, count: m)
            for document in input.documents {
                var codings = Array(repeating: [(range: TextRange, value: Int)](), count: m)
                for (value, code) in values.enumerated() {
                    for (coder, ranges) in input.ranges(code: code.id, document: document.id).enumerated() {
                        codings[coder] += ranges.map { ($0, value) }
                    }
                }
                let continua = codings.map { UnitizedContinuum(length: document.length, codings: $0) }
                for (coder, continuum) in continua.enumerated() { resolved[coder] += continuum.resolvedCharacters }
                tally.add(UnitizingTally(continua, values: values.count))
            }
            let alpha2004 = UnitizingAlpha2004(length: totalLength, units: concatenated(values), values: values.count)
            return DomainFigures(
                domain: domain.path, values: values.map(\.path), uAlpha: tally.uAlpha, binaryUAlpha: tally.binaryUAlpha,
                cuAlpha: tally.cuAlpha, cuCoverage: tally.unitCoverage,
                kuAlpha: values.indices.map { tally.kuAlpha($0) }, coverage: values.indices.map { tally.coverage($0) },
                alpha2004: alpha2004.alpha, resolvedCharacters: resolved, tally: tally)
        }
        return UnitizingReport(coders: input.coders, codes: codes, domains: domainFigures)
    }
}
