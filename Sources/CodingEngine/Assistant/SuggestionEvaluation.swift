import GRDB

/// How far suggestions can be trusted, measured by k-fold cross-validation by document:
/// each fold's documents are suggested for by models learnt from the other folds only
/// (never a passage of a test document in training), and what was suggested is
/// compared with what the coder coded there, through the agreement engine (the
/// suggestions written as the coder `assistant:evaluate` in a copy of the project held
/// in memory) and as precision, recall and F1 over the passages.
public struct SuggestionEvaluation: Sendable {
    /// The suggestions' coder in the comparison.
    public static let assistant = "assistant:evaluate"

    /// One code's figures over the passages of every held-out document.
    public struct CodeFigures: Equatable, Sendable {
        public var code: String
        /// Passages the coder coded with it and the model suggested (true positives),
        /// suggested only, coded only, and neither.
        public var both = 0, suggestedOnly = 0, codedOnly = 0, neither = 0

        public var precision: Double? { both + suggestedOnly > 0 ? Double(both) / Double(both + suggestedOnly) : nil }
        public var recall: Double? { both + codedOnly > 0 ? Double(both) / Double(both + codedOnly) : nil }
        public var f1: Double? {
            guard let p = precision, let r = recall, p + r > 0 else { return nil }
            return 2 * p * r / (p + r)
        }
    }

    public var coder: String
    public var unit: SuggestionUnit
    /// The documents of each fold.
    public var folds: [[String]]
    public var codes: [CodeFigures]
    /// Every code's passages added up (micro-averaged precision, recall and F1).
    public var pooled: CodeFigures {
        codes.reduce(into: CodeFigures(code: "all codes")) { total, code in
            total.both += code.both
            total.suggestedOnly += code.suggestedOnly
            total.codedOnly += code.codedOnly
            total.neither += code.neither
        }
    }
    public var skipped: [SuggestionRun.Skipped]
    /// The suggestions compared with the coder's codings by the agreement engine.
    public var agreement: AgreementReport
}

extension Project {
    /// Cross-validates suggestions learnt from `coder` in `folds` folds by document (at
    /// most one per document the coder coded; at least two).
    public func evaluateSuggestions(
        from coder: String, codes: [String] = [], unit: SuggestionUnit = .sentence, folds wanted: Int = 5,
        settings: SuggestionModel.Settings = .init(), bootstrap: AgreementBootstrap.Options? = nil
    ) throws -> SuggestionEvaluation {
        let data = try SuggestionData(
            self, coder: coder, codes: codes, unit: unit, settings: settings, alsoDocuments: { _ in [] })
        let documents = data.codedDocuments
        guard documents.count >= 2, wanted >= 2 else {
            throw EngineError.assistantCoder(
                name: coder,
                problem:
                    "evaluating needs at least 2 folds of documents the coder coded; \(coder) coded \(Words.count(documents.count, "document"))"
            )
        }
        let k = min(wanted, documents.count)
        let folds = (0..<k).map { fold in documents.enumerated().filter { $0.offset % k == fold }.map(\.element) }
        var figures = data.codes.map { SuggestionEvaluation.CodeFigures(code: $0.path) }
        var suggested: [NewCoding] = []
        for fold in folds {
            let (learnt, _) = data.learn(on: documents.filter { !fold.contains($0) })
            for (index, code) in data.codes.enumerated() {
                for name in fold {
                    let predicted = Set(
                        data.predictions(learnt[index], code: index, in: name, skippingCoded: false).map(\.range))
                    for passage in data.passages(of: [name]) {
                        switch (data.isCoded(passage, code: index), predicted.contains(data.range(passage))) {
                        case (true, true): figures[index].both += 1
                        case (false, true): figures[index].suggestedOnly += 1
                        case (true, false): figures[index].codedOnly += 1
                        case (false, false): figures[index].neither += 1
                        }
                    }
                    for range in predicted.sorted() {
                        var coding = NewCoding(
                            document: name, range: range, code: code.path, coder: SuggestionEvaluation.assistant)
                        coding.independence = .recorded(nil)
                        suggested.append(coding)
                    }
                }
            }
        }
        // A code too rare to learn from everything is skipped, as `suggest` would.
        var skipped: [SuggestionRun.Skipped] = []
        let everything = data.passages(of: documents)
        for (index, code) in data.codes.enumerated().reversed() {
            let examples = everything.filter { data.isCoded($0, code: index) }.count
            guard examples < settings.minimumExamples else { continue }
            skipped.insert(.init(code: code.path, why: data.tooFew(examples)), at: 0)
            figures.remove(at: index)
            suggested.removeAll { $0.code == code.path }
        }
        // The agreement engine on a copy of the project with the suggestions written in.
        let copy = try inMemoryCopy()
        try copy.addCodings(suggested)
        // Known as a coder even when it suggested nothing (its alpha is then what that gives).
        try copy.write { db in _ = try Project.coderID(db, named: SuggestionEvaluation.assistant) }
        var options = AgreementReport.Options(
            coders: [coder, SuggestionEvaluation.assistant], codes: figures.map(\.code), documents: documents,
            bootstrap: bootstrap)
        options.allDocuments = true
        let agreement =
            figures.isEmpty
            ? AgreementReport(coders: options.coders, documents: documents, characters: 0, codes: [])
            : try AgreementReport.compute(copy, options)
        return SuggestionEvaluation(
            coder: coder, unit: unit, folds: folds, codes: figures, skipped: skipped, agreement: agreement)
    }

    /// A copy of the project held in memory (SQLite's backup of every table): for work
    /// that writes what must not be kept, such as an evaluation's suggestions.
    public func inMemoryCopy() throws -> Project {
        let queue = try DatabaseQueue(configuration: Self.configuration(readonly: false))
        do {
            try writer.backup(to: queue)
        } catch {
            throw Project.mapped(error, path: displayPath)
        }
        return Project(copyOf: self, writer: queue)
    }
}
