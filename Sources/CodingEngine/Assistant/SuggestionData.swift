import Crypto
import Foundation

/// What suggestions learn from and are made for: a coder's codings, the passages of the
/// documents involved with their features, and the rejected proposals. Built once;
/// `suggest` trains on every document the coder coded, `--evaluate` on all but a fold.
struct SuggestionData {
    let coder: String
    let unit: SuggestionUnit
    let settings: SuggestionModel.Settings
    /// The codes to learn, in codebook order.
    let codes: [Code]
    /// The coder's codings by document.
    let byDocument: [String: [Coding]]
    /// Each document's passages with their features.
    private(set) var passages: [String: [Passage]] = [:]
    /// Passages of rejected proposals, by code: examples without it.
    let rejected: [String: [Proposal]]

    struct Passage {
        var range: TextRange
        var features: Set<String>
    }

    init(
        _ project: Project, coder: String, codes paths: [String], unit: SuggestionUnit,
        settings: SuggestionModel.Settings, alsoDocuments: [String]
    ) throws {
        self.coder = coder
        self.unit = unit
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
        byDocument = Dictionary(grouping: theirs, by: \.document)
        rejected = Dictionary(grouping: try project.proposals(status: .rejected), by: \.code)
        for name in Set(byDocument.keys).union(alsoDocuments) {
            let document = try project.document(named: name)
            let text = ScalarText(document.text)
            passages[name] = Project.units(of: document, text: text, unit: unit).map {
                Passage(range: $0, features: SuggestionModel.features(text.slice($0.start, $0.end)))
            }
        }
    }

    /// The documents the coder coded, by name.
    var codedDocuments: [String] { byDocument.keys.sorted() }

    /// Whether the coder coded each passage of `document` with `code`.
    func labels(_ code: String, in document: String) -> [Bool] {
        let coded = (byDocument[document] ?? []).filter { $0.code == code }.map(\.range)
        return (passages[document] ?? []).map { passage in coded.contains { Project.covers($0, passage.range) } }
    }

    /// The code's model learnt from `documents` (and the rejected proposals), with the
    /// training set's lines for its hash; nil with why when too few examples.
    func train(_ code: Code, on documents: [String]) -> (model: SuggestionModel?, lines: [String], why: String?) {
        var examples: [(features: Set<String>, positive: Bool)] = []
        var lines: [String] = []
        for name in documents.sorted() {
            for (passage, positive) in zip(passages[name] ?? [], labels(code.path, in: name)) {
                examples.append((passage.features, positive))
                lines.append("\(name)|\(passage.range.start)|\(passage.range.end)|\(code.path)|\(positive ? 1 : 0)")
            }
        }
        let held = Set(documents)
        for proposal in rejected[code.path] ?? []
        where held.contains(proposal.document) || !byDocument.keys.contains(proposal.document) {
            examples.append((SuggestionModel.features(proposal.text), false))
            lines.append("\(proposal.document)|\(proposal.range.start)|\(proposal.range.end)|\(code.path)|rejected")
        }
        guard let model = SuggestionModel.train(code: code.path, examples: examples, settings: settings) else {
            let count = examples.filter(\.positive).count
            return (
                nil, lines,
                "\(Words.count(count, "example passage")) coded by \(coder); at least \(settings.minimumExamples) are needed"
            )
        }
        return (model, lines, nil)
    }

    /// The passages of `document` the model gives the code (above even odds), with
    /// their log-odds and reasons; none the coder coded with it already.
    func predictions(_ model: SuggestionModel, in document: String, skippingCoded: Bool)
        -> [(range: TextRange, logOdds: Double, because: [String])]
    {
        let coded = skippingCoded ? (byDocument[document] ?? []).filter { $0.code == model.code }.map(\.range) : []
        return (passages[document] ?? []).compactMap { passage in
            guard !coded.contains(where: { $0.overlaps(passage.range) }) else { return nil }
            let (logOdds, because) = model.score(passage.features)
            return logOdds > 0 ? (passage.range, logOdds, because) : nil
        }
    }

    static func sha256(_ lines: [String]) -> String {
        SHA256.hash(data: Data(lines.joined(separator: "\n").utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
