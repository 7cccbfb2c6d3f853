/// Code co-occurrence: for each pair of codes, the passages where both are coded and
/// the c-coefficient, overlaps / (n₁ + n₂ − overlaps).
///
/// By overlap (default), a code's passages are a coder's unioned ranges of it; the
/// passages where two codes overlap are the stretches of their intersection. By turn,
/// the units are speaker turns: n₁ and n₂ count turns holding each code, the overlaps
/// turns holding both. Counted per coder, or where all the chosen coders agree (a
/// character counts for a code only when every chosen coder coded it).
public enum Cooccurrence {
    public enum Unit: String, CaseIterable, Sendable { case overlap, turn }

    public struct Pair: Equatable, Sendable {
        public var a: String
        public var b: String
        /// The coder, or "agreed: A+B".
        public var coder: String
        public var n1: Int
        public var n2: Int
        public var overlaps: Int
        /// Where the two overlap (by turn: the turns' words).
        public var passages: [(document: String, range: TextRange)]

        /// overlaps / (n₁ + n₂ − overlaps); nil when neither code occurs.
        public var c: Double? {
            let denominator = n1 + n2 - overlaps
            return denominator > 0 ? Double(overlaps) / Double(denominator) : nil
        }

        public static func == (x: Pair, y: Pair) -> Bool {
            x.a == y.a && x.b == y.b && x.coder == y.coder && x.n1 == y.n1 && x.n2 == y.n2 && x.overlaps == y.overlaps
                && x.passages.map(\.document) == y.passages.map(\.document)
                && x.passages.map(\.range) == y.passages.map(\.range)
        }
    }

    /// Every pair of the codes used (or of `codes` when given), per coder or agreed.
    public static func compute(
        _ store: some CodingStore, coders: [String] = [], agreed: Bool = false, unit: Unit = .overlap,
        codes paths: [String] = []
    ) throws -> [Pair] {
        let input = try AnalysisInput(store)
        let idOf = Dictionary(input.coderNames.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let chosen = try CoderList.checked(coders).map { name -> Int64 in
            guard let id = idOf[name] else {
                throw EngineError.unknownCoder(name, known: input.coderNames.values.sorted())
            }
            return id
        }
        var codes: [Code]
        if paths.isEmpty {
            let used = Set(input.ranges.values.flatMap(\.keys))
            codes = input.codebook.codes.filter { $0.codable && used.contains($0.id) }
        } else {
            codes = try paths.map { path in
                guard let code = input.codebook.code(path: path) else { throw EngineError.unknownCode(path) }
                return code
            }
        }
        let documentNames = Dictionary(
            input.documents.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var turns: [Int64: [Turn]] = [:]
        if unit == .turn {
            for document in input.documents { turns[document.id] = try store.document(named: document.name).turns }
        }
        // Per coder (or one agreed group): code → document → ranges.
        var groups: [(name: String, coverage: [Int64: [Int64: [TextRange]]])] = []
        let coderIDs = chosen.isEmpty ? input.coders.map(\.id) : chosen
        if agreed {
            guard coderIDs.count >= 2 else { throw EngineError.tooFewCoders }
            var coverage: [Int64: [Int64: [TextRange]]] = [:]
            for code in codes {
                let perCoder = coderIDs.map { input.ranges(coder: $0, code: code) }
                for document in input.documents {
                    var common = perCoder[0][document.id] ?? []
                    for other in perCoder.dropFirst() {
                        common = CharacterUnits.intersection(common, other[document.id] ?? [])
                    }
                    if !common.isEmpty { coverage[code.id, default: [:]][document.id] = common }
                }
            }
            groups.append(("agreed: " + coderIDs.compactMap { input.coderNames[$0] }.joined(separator: "+"), coverage))
        } else {
            for id in coderIDs {
                var coverage: [Int64: [Int64: [TextRange]]] = [:]
                for code in codes { coverage[code.id] = input.ranges(coder: id, code: code) }
                groups.append((input.coderNames[id] ?? "?", coverage))
            }
        }
        var pairs: [Pair] = []
        for (name, coverage) in groups {
            for (i, a) in codes.enumerated() {
                for b in codes[(i + 1)...] {
                    let ra = coverage[a.id] ?? [:], rb = coverage[b.id] ?? [:]
                    var pair = Pair(a: a.path, b: b.path, coder: name, n1: 0, n2: 0, overlaps: 0, passages: [])
                    for document in input.documents {
                        let x = ra[document.id] ?? [], y = rb[document.id] ?? []
                        switch unit {
                        case .overlap:
                            pair.n1 += x.count
                            pair.n2 += y.count
                            for stretch in CharacterUnits.intersection(x, y) {
                                pair.overlaps += 1
                                pair.passages.append((documentNames[document.id] ?? "?", stretch))
                            }
                        case .turn:
                            for turn in turns[document.id] ?? [] {
                                let span = TextRange(turn.start, max(turn.end, turn.start + 1))
                                let hasA = x.contains { $0.overlaps(span) }, hasB = y.contains { $0.overlaps(span) }
                                if hasA { pair.n1 += 1 }
                                if hasB { pair.n2 += 1 }
                                if hasA && hasB {
                                    pair.overlaps += 1
                                    pair.passages.append((documentNames[document.id] ?? "?", turn.speech))
                                }
                            }
                        }
                    }
                    pairs.append(pair)
                }
            }
        }
        return pairs
    }
}
