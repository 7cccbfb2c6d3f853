import Foundation

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
        /// Where it starts suggesting and how that did on the coder's held-out documents
        /// (nil when the coder coded one document: the model's even odds are the cutoff).
        public var cutoff: SuggestionCutoff?
    }

    /// A code not learnt, and why.
    public struct Skipped: Equatable, Sendable {
        public var code: String
        public var why: String
    }

    /// The documents suggested for.
    public var documents: [String] = []
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
    /// (default: those `coder` has not coded at all) it scores at or above its cutoff
    /// (chosen on `coder`'s held-out documents: `SuggestionCutoff`). A code
    /// with fewer than `settings.minimumExamples` passages is skipped, saying so. The
    /// passages of rejected proposals of a code are examples without it. The proposals go
    /// through the proposal store as an MCP assistant's do: checked, with provenance (the
    /// model's kind and settings, the training set's size and hash), reviewed by a person.
    public func suggest(
        from coder: String, codes: [String] = [], documents: [String] = [], unit: SuggestionUnit = .sentence,
        as name: String = "suggest", person: String, settings: SuggestionModel.Settings = .init()
    ) throws -> SuggestionRun {
        let all = try self.documents().map(\.name)
        let named = documents.map(Name.normalized)
        for name in named where !all.contains(name) { throw EngineError.unknownDocument(name) }
        let data = try SuggestionData(
            self, coder: coder, codes: codes, unit: unit, settings: settings,
            alsoDocuments: { coded in named.isEmpty ? all.filter { !coded.contains($0) } : named })
        let targets = data.targets
        var run = SuggestionRun(documents: targets)
        var items: [ProposedCoding] = []
        let (learnt, sha256) = data.learn(on: data.codedDocuments)
        for (index, (code, found)) in zip(data.codes, learnt).enumerated() {
            guard let model = found.model else {
                run.skipped.append(.init(code: code.path, why: found.why ?? ""))
                continue
            }
            run.learnt.append(
                .init(code: code.path, positives: model.positives, negatives: model.negatives, cutoff: found.cutoff))
            for name in targets {
                for suggestion in data.predictions(found, code: index, in: name, skippingCoded: true) {
                    items.append(
                        ProposedCoding(
                            document: name, start: suggestion.range.start, end: suggestion.range.end, code: code.path,
                            reason: "because: " + suggestion.because.joined(separator: ", ")
                                + String(format: " · score %.2f", suggestion.score)
                                + (found.cutoff == nil ? "" : String(format: ", suggested from %.2f", model.cutoff)),
                            confidence: (suggestion.confidence * 1000).rounded() / 1000))
                }
            }
        }
        run.trainingPassages = data.passages(of: data.codedDocuments).count
        run.trainingSHA256 = sha256
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
