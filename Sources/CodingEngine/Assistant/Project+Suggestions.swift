import Crypto
import Foundation
import GRDB

/// The passages suggestions are made for: sentences, or turns (a turn's words, without
/// its speaker label).
public enum SuggestionUnit: String, Sendable, CaseIterable {
    case sentence, turn
}

/// What a suggestion run learnt and proposed.
public struct SuggestionRun: Equatable, Sendable {
    /// A code learnt: its passages with the code and without.
    public struct Learnt: Equatable, Sendable {
        public var code: String
        public var positives: Int
        public var negatives: Int
    }

    /// A code not learnt, and why.
    public struct Skipped: Equatable, Sendable {
        public var code: String
        public var why: String
    }

    public var learnt: [Learnt] = []
    public var skipped: [Skipped] = []
    /// The proposals written (and those the proposal store refused, with why).
    public var outcome = ProposalOutcome()
    /// The passages learnt from (of the documents the coder coded), and the SHA-256 of
    /// the training set (each passage's document, range, code and label).
    public var trainingPassages = 0
    public var trainingSHA256 = ""
}

extension Project {
    /// Learns each code from `coder`'s codings (`codes`, or every code they used) and
    /// proposes it, as the assistant `assistant:NAME`, for the passages of `documents`
    /// (default: those `coder` has not coded at all) it scores above even odds. A code
    /// with fewer than `settings.minimumExamples` passages is skipped, saying so. The
    /// passages of rejected proposals of a code are examples without it. The proposals go
    /// through the proposal store as an MCP assistant's do: checked, with provenance (the
    /// model's kind and settings, the training set's size and hash), reviewed by a person.
    public func suggest(
        from coder: String, codes: [String] = [], documents: [String] = [], unit: SuggestionUnit = .sentence,
        as name: String = "suggest", person: String, settings: SuggestionModel.Settings = .init()
    ) throws -> SuggestionRun {
        let codebook = try codebook()
        let theirs = try codings(CodingFilter(coders: [coder]), includeText: false)
        guard !theirs.isEmpty else {
            throw EngineError.assistantCoder(name: coder, problem: "has no codings to learn from")
        }
        let wanted: [Code]
        if codes.isEmpty {
            let used = Set(theirs.map(\.code))
            wanted = codebook.codes.filter { $0.codable && used.contains($0.path) }
        } else {
            wanted = try codes.flatMap { path -> [Code] in
                guard let code = codebook.code(path: path) else { throw EngineError.unknownCode(path) }
                return codebook.subtree(of: code.id).filter(\.codable)
            }
        }
        let byDocument = Dictionary(grouping: theirs, by: \.document)
        let all = try self.documents().map(\.name)
        let targets = documents.isEmpty ? all.filter { byDocument[$0] == nil } : documents.map(Name.normalized)
        for name in targets where !all.contains(name) { throw EngineError.unknownDocument(name) }
        // The passages of the documents learnt from and of those suggested for, with their features.
        var passages: [String: [(range: TextRange, features: Set<String>)]] = [:]
        for name in Set(byDocument.keys).union(targets) {
            let document = try self.document(named: name)
            let text = ScalarText(document.text)
            passages[name] = Self.units(of: document, text: text, unit: unit).map {
                ($0, SuggestionModel.features(text.slice($0.start, $0.end)))
            }
        }
        let rejected = try proposals(status: .rejected)
        var run = SuggestionRun()
        var lines: [String] = []
        var items: [ProposedCoding] = []
        for code in wanted {
            var examples: [(features: Set<String>, positive: Bool)] = []
            for (name, mine) in byDocument.sorted(by: { $0.key < $1.key }) {
                let coded = mine.filter { $0.code == code.path }.map(\.range)
                for passage in passages[name] ?? [] {
                    let positive = coded.contains { Self.covers($0, passage.range) }
                    examples.append((passage.features, positive))
                    lines.append("\(name)|\(passage.range.start)|\(passage.range.end)|\(code.path)|\(positive ? 1 : 0)")
                }
            }
            for proposal in rejected where proposal.code == code.path {
                examples.append((SuggestionModel.features(proposal.text), false))
                lines.append("\(proposal.document)|\(proposal.range.start)|\(proposal.range.end)|\(code.path)|rejected")
            }
            guard let model = SuggestionModel.train(code: code.path, examples: examples, settings: settings) else {
                let count = examples.filter(\.positive).count
                run.skipped.append(
                    .init(
                        code: code.path,
                        why:
                            "\(Words.count(count, "example passage")) coded by \(coder); at least \(settings.minimumExamples) are needed"
                    ))
                continue
            }
            run.learnt.append(.init(code: code.path, positives: model.positives, negatives: model.negatives))
            for name in targets {
                let done = (byDocument[name] ?? []).filter { $0.code == code.path }.map(\.range)
                for passage in passages[name] ?? [] where !done.contains(where: { $0.overlaps(passage.range) }) {
                    let (logOdds, because) = model.score(passage.features)
                    guard logOdds > 0 else { continue }
                    items.append(
                        ProposedCoding(
                            document: name, start: passage.range.start, end: passage.range.end, code: code.path,
                            reason: "because: " + because.joined(separator: ", "),
                            confidence: (SuggestionModel.probability(logOdds) * 1000).rounded() / 1000))
                }
            }
        }
        run.trainingPassages = byDocument.keys.reduce(0) { $0 + (passages[$1]?.count ?? 0) }
        run.trainingSHA256 = SHA256.hash(data: Data(lines.joined(separator: "\n").utf8)).map {
            String(format: "%02x", $0)
        }.joined()
        guard !items.isEmpty else { return run }
        let source = ProposalSource(
            assistant: name, requestedBy: person, client: "intertwine suggest", clientVersion: "1",
            model:
                "\(settings.description), by \(unit.rawValue), from \(coder)'s codings: \(Words.thousands(run.trainingPassages)) passages, training set SHA-256 \(run.trainingSHA256.prefix(16))",
            requestSHA256: run.trainingSHA256)
        run.outcome = try propose(items, from: source)
        return run
    }

    /// A document's passages of `unit`: each turn's words (or the whole text when it has
    /// no turns), or the sentences in them.
    static func units(of document: Document, text: ScalarText, unit: SuggestionUnit) -> [TextRange] {
        let spans =
            document.turns.isEmpty
            ? [TextRange(0, text.length)] : document.turns.map(\.speech).filter { $0.length > 0 }
        switch unit {
        case .turn: return spans.map { TurnFinder.trimmed(text, $0) }.filter { $0.length > 0 }
        case .sentence: return spans.flatMap { Sentences.sentences(in: text, within: $0) }
        }
    }

    /// Whether a coding counts for a passage: it covers at least half of the passage, or
    /// half of itself lies in it.
    static func covers(_ coding: TextRange, _ passage: TextRange) -> Bool {
        let shared = min(coding.end, passage.end) - max(coding.start, passage.start)
        return shared > 0 && shared * 2 >= min(coding.length, passage.length)
    }
}
