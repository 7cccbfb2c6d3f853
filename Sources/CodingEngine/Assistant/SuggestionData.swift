import Crypto
import Foundation

/// What suggestions learn from and are made for: a coder's codings, the passages of the
/// documents involved with their features (numbered once, kept in one flat array), which
/// passages have each code, and the rejected proposals. Built once; `suggest` learns on
/// every document the coder coded, `--evaluate` on all but a fold.
struct SuggestionData: Sendable {
    let coder: String
    let settings: SuggestionModel.Settings
    /// The codes to learn, in codebook order.
    let codes: [Code]
    /// The documents the coder coded, by name.
    let codedDocuments: [String]
    /// The other documents asked for (given the coded ones): those suggested for.
    let targets: [String]
    private(set) var vocabulary = FeatureVocabulary()
    /// Each document's passages: a range of the passage numbers below.
    private var documents: [String: Range<Int>] = [:]
    private var ranges: [TextRange] = []
    private var documentOf: [String] = []
    /// Passage p's features are `features[starts[p]..<starts[p + 1]]`.
    private var starts: [Int] = [0]
    private var features: [Int32] = []
    /// By code (in `codes`' order): the passages the coder gave it (a coding covers half),
    /// and those a coding of it overlaps at all.
    private var coded: [[Bool]]
    private var touched: [Set<Int>]
    /// By code: the passages of rejected proposals, examples without it.
    private var rejected: [[(document: String, range: TextRange, features: [Int32])]]

    /// What was learnt for one code.
    struct Learnt: Sendable {
        var model: SuggestionModel?
        var cutoff: SuggestionCutoff?
        /// Why there is no model.
        var why: String?
    }

    init(
        _ project: Project, coder: String, codes paths: [String], unit: SuggestionUnit,
        settings: SuggestionModel.Settings, alsoDocuments: (_ coded: Set<String>) -> [String]
    ) throws {
        self.coder = coder
        self.settings = settings
        let codebook = try project.codebook()
        let theirs = try project.codings(CodingFilter(coders: [coder]), includeText: false)
        guard !theirs.isEmpty else {
            throw EngineError.assistantCoder(name: coder, problem: "has no codings to learn from")
        }
        if paths.isEmpty {
            let used = Set(theirs.map(\.code))
            codes = codebook.codes.filter { $0.codable && used.contains($0.path) }
        } else {
            codes = try paths.flatMap { path -> [Code] in
                guard let code = codebook.code(path: path) else { throw EngineError.unknownCode(path) }
                return codebook.subtree(of: code.id).filter(\.codable)
            }
        }
        let byDocument = Dictionary(grouping: theirs, by: \.document)
        codedDocuments = byDocument.keys.sorted()
        targets = alsoDocuments(Set(codedDocuments))
        for name in Set(codedDocuments).union(targets).sorted() {
            let document = try project.document(named: name)
            let text = ScalarText(document.text)
            let first = ranges.count
            for range in Project.units(of: document, text: text, unit: unit) {
                ranges.append(range)
                documentOf.append(name)
                features += vocabulary.features(of: text.scalars[range.start..<range.end])
                starts.append(features.count)
            }
            documents[name] = first..<ranges.count
        }
        let number = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($0.element.path, $0.offset) })
        coded = Array(repeating: Array(repeating: false, count: ranges.count), count: codes.count)
        touched = Array(repeating: [], count: codes.count)
        for (name, codings) in byDocument {
            let passages = documents[name] ?? 0..<0
            for coding in codings {
                guard let code = number[coding.code] else { continue }
                // The first passage ending after the coding starts (passages are in text order).
                var low = passages.lowerBound, high = passages.upperBound
                while low < high {
                    let middle = (low + high) / 2
                    if ranges[middle].end <= coding.range.start { low = middle + 1 } else { high = middle }
                }
                var passage = low
                while passage < passages.upperBound && ranges[passage].start < coding.range.end {
                    if coding.range.overlaps(ranges[passage]) { touched[code].insert(passage) }
                    if Project.covers(coding.range, ranges[passage]) { coded[code][passage] = true }
                    passage += 1
                }
            }
        }
        rejected = Array(repeating: [], count: codes.count)
        for proposal in try project.proposals(status: .rejected) {
            guard let code = number[proposal.code] else { continue }
            rejected[code].append(
                (proposal.document, proposal.range, vocabulary.features(of: proposal.text.unicodeScalars)))
        }
    }

    /// The passages of documents, in order.
    func passages(of names: [String]) -> [Int] { names.flatMap { Array(documents[$0] ?? 0..<0) } }

    func range(_ passage: Int) -> TextRange { ranges[passage] }

    /// Whether the coder gave a passage the code (by its number in `codes`).
    func isCoded(_ passage: Int, code: Int) -> Bool { coded[code][passage] }

    private func features(_ passage: Int) -> ArraySlice<Int32> { features[starts[passage]..<starts[passage + 1]] }

    private func counts(_ passages: some Sequence<Int>) -> FeatureCounts {
        var counts = FeatureCounts(size: vocabulary.count)
        for passage in passages { counts.add(features(passage)) }
        return counts
    }

    /// Every code's model learnt from the coder's codings in `names` (and the rejected
    /// proposals, except those in documents the coder coded but that are not among
    /// `names`), its cutoff chosen by cross-validation within `names`, and the SHA-256 of
    /// the training set (each passage's document, range and codes; each rejection).
    func learn(on names: [String]) -> (codes: [Learnt], sha256: String) {
        let names = names.sorted()
        let training = passages(of: names)
        let all = counts(training)
        let k = min(settings.cutoffFolds, names.count)
        let folds =
            k < 2 ? [] : (0..<k).map { fold in names.enumerated().filter { $0.offset % k == fold }.map(\.element) }
        let foldPassages = folds.map { passages(of: $0) }
        let allBut = foldPassages.map { all.subtracting(counts($0)) }
        let coded = Set(codedDocuments), held = Set(names)
        // The codes are independent of each other: learnt on every core.
        let examples = rejected.map { $0.filter { held.contains($0.document) || !coded.contains($0.document) } }
        let slots = ResultSlots<Learnt>(count: codes.count)
        DispatchQueue.concurrentPerform(iterations: codes.count) { index in
            slots[index] = learn(
                index, training: training, all: all, folds: folds, foldPassages: foldPassages, allBut: allBut,
                rejections: examples[index])
        }
        let learnt = codes.indices.map { slots[$0] ?? Learnt() }
        var hash = SHA256()
        for (code, examples) in zip(codes, examples) {
            for example in examples {
                hash.update(
                    data: Data(
                        "\(example.document)|\(example.range.start)|\(example.range.end)|\(code.path)|rejected\n".utf8))
            }
        }
        for passage in training {
            let codes = codes.indices.filter { self.coded[$0][passage] }.map { self.codes[$0].path }
            let range = ranges[passage]
            hash.update(
                data: Data("\(documentOf[passage])|\(range.start)|\(range.end)|\(codes.joined(separator: ","))\n".utf8))
        }
        return (learnt, hash.finalize().map { String(format: "%02x", $0) }.joined())
    }

    /// Why a code with `examples` passages is not learnt.
    func tooFew(_ examples: Int) -> String {
        "\(Words.count(examples, "example passage")) coded by \(coder); at least \(settings.minimumExamples) are needed"
    }

    /// One code's model (by its number in `codes`) learnt from the training passages and
    /// the rejections, its cutoff chosen on the folds' held-out passages.
    private func learn(
        _ index: Int, training: [Int], all: FeatureCounts, folds: [[String]], foldPassages: [[Int]],
        allBut: [FeatureCounts], rejections: [(document: String, range: TextRange, features: [Int32])]
    ) -> Learnt {
        let code = codes[index], isCoded = coded[index]
        var rejection = FeatureCounts(size: vocabulary.count)
        for example in rejections { rejection.add(example.features) }
        let positives = training.filter { isCoded[$0] }
        let positive = counts(positives)
        guard
            var model = SuggestionModel(
                code: code.path, all: all, positive: positive, rejected: rejection, settings: settings)
        else {
            return Learnt(why: tooFew(positives.count))
        }
        guard !folds.isEmpty else { return Learnt(model: model) }
        var inner = settings
        inner.minimumExamples = 1
        var scored: [(score: Double, coded: Bool)] = []
        scored.reserveCapacity(training.count)
        for (fold, names) in folds.enumerated() {
            let out = Set(names)
            var without = FeatureCounts(size: vocabulary.count)
            for example in rejections where !out.contains(example.document) { without.add(example.features) }
            let foldModel = SuggestionModel(
                code: code.path, all: allBut[fold],
                positive: positive.subtracting(counts(foldPassages[fold].filter { isCoded[$0] })),
                rejected: without, settings: inner)
            for passage in foldPassages[fold] {
                scored.append((foldModel?.score(features(passage)) ?? -.infinity, isCoded[passage]))
            }
        }
        let cutoff = SuggestionCutoff(scored, precision: settings.cutoffPrecision, m: settings.cutoffM)
        model.cutoff = cutoff.score
        return Learnt(model: model, cutoff: cutoff)
    }

    /// The passages of `document` a code's model suggests it for, with the score (log-odds), the confidence
    /// (the held-out share right at that score, or the model's probability without a
    /// cutoff) and the reasons; none the coder's codings of it overlap, when asked.
    func predictions(_ learnt: Learnt, code: Int, in document: String, skippingCoded: Bool)
        -> [(range: TextRange, score: Double, confidence: Double, because: [String])]
    {
        guard let model = learnt.model else { return [] }
        return (documents[document] ?? 0..<0).compactMap { passage in
            guard !(skippingCoded && touched[code].contains(passage)) else { return nil }
            let score = model.score(features(passage))
            guard model.suggests(score) else { return nil }
            let confidence = learnt.cutoff?.confidence(score) ?? SuggestionModel.probability(score)
            return (ranges[passage], score, confidence, model.because(features(passage), in: vocabulary))
        }
    }
}
