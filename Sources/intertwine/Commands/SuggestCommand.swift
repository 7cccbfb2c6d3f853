import ArgumentParser
import CodingEngine

/// `intertwine suggest`: codings proposed from what a coder has coded, for review.
struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Learn each code from a coder's codings and propose it for the passages they have not coded yet.",
        discussion: """
            A small model per code (naive Bayes over the words and word pairs of each sentence or turn), learnt on \
            this machine from --from's codings, proposes the code for the passages of the documents that coder has \
            not coded (or --doc's) where it is right more often than wrong: its scores are calibrated on the \
            coder's own held-out documents (5-fold cross-validation by document, isotonic regression), and it \
            suggests where at least half the held-out passages scoring as high had the code. The proposals are those of the coder \
            assistant:suggest (--as): reviewed like an AI assistant's (`intertwine proposals`, A in the workbench), \
            each with its score and the words that drove it ("because: audit, failed, procedures"). A code with \
            fewer than 5 example passages is skipped, saying so; rejected proposals are examples without the code \
            the next time.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("from"), help: ArgumentHelp("The coder to learn from.", valueName: "coder"))
    var from: String

    @Option(name: .customLong("code"), help: ArgumentHelp("Only this code (and those below it).", valueName: "path"))
    var codes: [String] = []

    @Option(name: .customLong("doc"), help: ArgumentHelp("Propose for this document.", valueName: "name"))
    var documents: [String] = []

    @Option(help: "sentence (the default) or turn.") var unit: Unit = .sentence

    @Option(
        name: .customLong("as"), help: ArgumentHelp("The assistant's name (coder assistant:NAME).", valueName: "name"))
    var name = "suggest"

    @Flag(
        help:
            "Measure instead of proposing: k-fold cross-validation by document against --from's own codings (nothing is written)."
    )
    var evaluate = false

    @Option(help: ArgumentHelp("Folds of documents for --evaluate.", valueName: "k")) var folds = 5

    @Option(help: ArgumentHelp("Resamples for alpha's interval with --evaluate (0: none).", valueName: "n"))
    var bootstrap = 1000

    @Option(help: "table or json (with --evaluate).") var format: Format = .table

    enum Unit: String, ExpressibleByArgument { case sentence, turn }
    enum Format: String, ExpressibleByArgument { case table, json }

    func run() throws {
        if evaluate { return try measure() }
        let project = try global.openProject()
        guard try project.assistantsAllowed() else { throw EngineError.assistantSwitchedOff(path: global.projectPath) }
        let run = try project.suggest(
            from: from, codes: codes, documents: documents, unit: SuggestionUnit(rawValue: unit.rawValue) ?? .sentence,
            as: name, person: try global.coderName())
        emit(
            "learnt \(Words.count(run.learnt.count, "code")) from \(from)'s codings (\(Words.thousands(run.trainingPassages)) passages; training set SHA-256 \(run.trainingSHA256.prefix(16)))\(run.learnt.isEmpty ? "" : ":")\n"
        )
        for learnt in run.learnt { emit("  \(learnt.code): \(Self.describe(learnt, from: from))\n") }
        for skipped in run.skipped { emit("skipped \(skipped.code): \(skipped.why)\n") }
        let written = run.outcome.written.count
        emit(
            "proposed \(Words.count(written, "coding")) as \(Assistant.coderName(name))"
                + (written > 0 ? " for review: `intertwine proposals`, or A in the workbench" : "")
                + (run.outcome.refused.isEmpty
                    ? "" : "; \(run.outcome.refused.count) not proposed (rejected before, or proposed already)") + "\n")
        if run.documents.isEmpty {
            emit(
                "\(from) has coded every document: import the interviews still to code, or name one with --doc\n")
        } else if written == 0 && !run.learnt.isEmpty
            && run.learnt.allSatisfy({ ($0.cutoff?.score ?? 0) == .infinity })
        {
            emit(
                "no code's suggestions were right more often than wrong on \(from)'s held-out documents: code more interviews first (`intertwine suggest --from \(from) --evaluate` shows each code's figures)\n"
            )
        }
    }

    /// A learnt code in a line: its examples, and how its cutoff did on held-out documents.
    static func describe(_ learnt: SuggestionRun.Learnt, from coder: String) -> String {
        let examples =
            "\(Words.thousands(learnt.positives)) passages with it, \(Words.thousands(learnt.negatives)) without"
        guard let cutoff = learnt.cutoff else {
            return "\(examples); suggested where more likely than not (one document coded: no held-out check)"
        }
        guard cutoff.score < .infinity else {
            return
                "\(examples); suggests nothing: no score was right at least half the time on \(coder)'s held-out documents"
        }
        return
            "\(examples); on \(coder)'s held-out documents its suggestions were right \(cutoff.right) of \(cutoff.suggested) times and found \(cutoff.right) of \(cutoff.positives)"
    }

    /// `--evaluate`: the cross-validation's figures per code.
    private func measure() throws {
        let project = try global.openProjectForReading()
        let evaluation = try project.evaluateSuggestions(
            from: from, codes: codes, unit: SuggestionUnit(rawValue: unit.rawValue) ?? .sentence, folds: folds,
            bootstrap: bootstrap > 0 ? AgreementBootstrap.Options(draws: bootstrap, seed: 1) : nil)
        let agreement = Dictionary(
            evaluation.agreement.codes.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        func number(_ value: Double?) -> JSONValue { value.map { .double(($0 * 1000).rounded() / 1000) } ?? .null }
        if format == .json {
            let codes: [JSONValue] = evaluation.codes.map { figures in
                let code = agreement[figures.code]
                let table = code?.figures.table
                return .object([
                    ("code", .string(figures.code)), ("precision", number(figures.precision)),
                    ("recall", number(figures.recall)), ("f1", number(figures.f1)),
                    (
                        "passages",
                        .object([
                            ("both", .int(figures.both)), ("suggested_only", .int(figures.suggestedOnly)),
                            ("coded_only", .int(figures.codedOnly)), ("neither", .int(figures.neither)),
                        ])
                    ),
                    ("krippendorff_alpha", number(code?.figures.krippendorffAlpha)),
                    ("alpha_low", number(code?.bootstrap?.alphaLow)),
                    ("alpha_high", number(code?.bootstrap?.alphaHigh)),
                    ("cohen_kappa", number(code?.figures.cohenKappa)),
                    (
                        "characters",
                        table.map {
                            .object([
                                ("both", .int($0.both)), ("coder_only", .int($0.aOnly)),
                                ("suggestions_only", .int($0.bOnly)), ("neither", .int($0.neither)),
                            ])
                        } ?? .null
                    ),
                ])
            }
            let object: JSONValue = .object([
                ("coder", .string(evaluation.coder)), ("unit", .string(evaluation.unit.rawValue)),
                ("folds", .array(evaluation.folds.map { .array($0.map(JSONValue.string)) })), ("codes", .array(codes)),
                (
                    "pooled",
                    .object([
                        ("precision", number(evaluation.pooled.precision)),
                        ("recall", number(evaluation.pooled.recall)),
                        ("f1", number(evaluation.pooled.f1)),
                    ])
                ),
                (
                    "skipped",
                    .array(evaluation.skipped.map { .object([("code", .string($0.code)), ("why", .string($0.why))]) })
                ),
            ])
            emit(object.serialized(indent: "  ") + "\n", data: true)
            return
        }
        var rows: [[JSONValue]] = evaluation.codes.map { figures in
            let code = agreement[figures.code]
            let interval: JSONValue =
                code?.bootstrap.flatMap { b in
                    b.alphaLow.flatMap { low in b.alphaHigh.map { .string(Self.decimal(low) + "–" + Self.decimal($0)) }
                    }
                } ?? .string("")
            return [
                .string(figures.code), .int(figures.both + figures.codedOnly),
                .int(figures.both + figures.suggestedOnly),
                .string(Self.decimal(figures.precision)), .string(Self.decimal(figures.recall)),
                .string(Self.decimal(figures.f1)), .string(Self.decimal(code?.figures.krippendorffAlpha)), interval,
                .string(Self.decimal(code?.figures.cohenKappa)),
            ]
        }
        if evaluation.codes.count > 1 {
            let all = evaluation.pooled
            rows.append(
                [
                    .string("all codes (passages pooled)"), .int(all.both + all.codedOnly),
                    .int(all.both + all.suggestedOnly), .string(Self.decimal(all.precision)),
                    .string(Self.decimal(all.recall)), .string(Self.decimal(all.f1)), .string(""), .string(""),
                    .string(""),
                ])
        }
        try Listing(
            columns: ["code", "coded", "suggested", "precision", "recall", "F1", "alpha", "95% CI", "cohen κ"],
            rows: rows, rightAligned: ["coded", "suggested", "precision", "recall", "F1", "alpha", "95% CI", "cohen κ"]
        ).emit(.table)
        emit(
            "\n\(evaluation.folds.count)-fold cross-validation by document against \(from)'s codings, by \(evaluation.unit.rawValue): each fold's documents suggested for by models learnt from the other folds only. coded and suggested count \(evaluation.unit.rawValue)s; alpha and kappa compare the suggestions with \(from)'s codings character by character (the agreement engine, as `agree` does).\n"
        )
        for skipped in evaluation.skipped { emit("skipped \(skipped.code): \(skipped.why)\n") }
    }

    static func decimal(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return String(format: "%.3f", value).replacingOccurrences(of: "0.", with: ".", options: .anchored)
    }
}
