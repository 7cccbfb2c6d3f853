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
            not coded (or --doc's) where it is more likely than not. The proposals are those of the coder \
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

    enum Unit: String, ExpressibleByArgument { case sentence, turn }

    func run() throws {
        let project = try global.openProject()
        guard try project.assistantsAllowed() else { throw EngineError.assistantSwitchedOff(path: global.projectPath) }
        let run = try project.suggest(
            from: from, codes: codes, documents: documents, unit: SuggestionUnit(rawValue: unit.rawValue) ?? .sentence,
            as: name, person: try global.coderName())
        let learnt = run.learnt.map { "\($0.code) (\($0.positives) with it, \($0.negatives) without)" }
        emit(
            "learnt \(Words.count(run.learnt.count, "code")) from \(from)'s codings (\(Words.thousands(run.trainingPassages)) passages; training set SHA-256 \(run.trainingSHA256.prefix(16))): \(learnt.joined(separator: "; "))\n"
        )
        for skipped in run.skipped { emit("skipped \(skipped.code): \(skipped.why)\n") }
        let written = run.outcome.written.count
        emit(
            "proposed \(Words.count(written, "coding")) as \(Assistant.coderName(name))"
                + (written > 0 ? " for review: `intertwine proposals`, or A in the workbench" : "")
                + (run.outcome.refused.isEmpty
                    ? "" : "; \(run.outcome.refused.count) not proposed (rejected before, or proposed already)") + "\n")
    }
}
