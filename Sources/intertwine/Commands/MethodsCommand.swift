import ArgumentParser
import CodingEngine
import Exchange

/// `intertwine methods`: the paragraphs and tables a methods section needs, from the
/// project alone.
struct MethodsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "methods",
        abstract:
            "Write the methods section's paragraphs and tables: the data, the codebook, who coded what, agreement, settling, the AI assistant's share.",
        discussion: """
            Phrased as a paper puts it (third person, past tense), with the references. Every figure is one another \
            command prints: documents (words), codebook history, blind (each coder's codings), agree (with its \
            defaults: 1,000 resamples, seed 1), consensus and proposals. Without --coders, every person who coded \
            (not the consensus coder, not an assistant) is compared. `export --format html` includes it.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The coders compared, comma-separated (else every person who coded).", valueName: "a,b"))
    var coders: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("The consensus coder of the two coders.", valueName: "name"))
    var consensus = "consensus"

    @Option(help: ArgumentHelp("Where the paper prints the full codebook.", valueName: "text"))
    var appendix = "Appendix A"

    @Option(help: ArgumentHelp("The report's heading.", valueName: "text"))
    var title = "Methods"

    @Option(help: "md (Markdown, to paste), html (a page to print) or json (every figure).")
    var format: Format = .md

    enum Format: String, ExpressibleByArgument { case md, html, json }

    func run() throws {
        let project = try global.openProjectForReading()
        try global.refuseWhileBlind(project, "the methods report counts every coder's codings, so it")
        var options = MethodsReport.Options(
            coders: coders.map(ComparisonOptions.names) ?? [], consensus: consensus, appendix: appendix)
        if let coders, options.coders.count < 2 {
            throw ValidationError("--coders takes two or more coders, comma-separated; \"\(coders)\" names fewer")
        }
        options.coders = options.coders.map(Name.trimmed)
        let report = try MethodsReport.compute(project, options)
        // Names are replaced in the report's text before it is marked up (an escaped name would not match).
        var blocks = MethodsText.blocks(report)
        if let pseudonymised = OutputPseudonyms.current {
            blocks = blocks.map { $0.map { pseudonymised.pseudonymiser($0) } }
        }
        switch format {
        case .md: emit(MethodsText.markdown(blocks, title: title), data: true)
        case .html: emit(MethodsText.html(blocks, title: title), data: true)
        case .json: emit(MethodsOutput.json(report).serialized(indent: "  ") + "\n", data: true)
        }
    }
}
