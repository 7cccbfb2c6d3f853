import ArgumentParser
import CodingEngine
import Exchange
import Foundation

/// `intertwine agree`: inter-coder agreement per code.
struct AgreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agree",
        abstract:
            "Inter-coder agreement per code, character by character, with the formula's table beside every figure.",
        discussion: """
            Each character of each document is a unit; a coder's ranges of a code are unioned first; documents \
            are pooled by adding their tables. Krippendorff's alpha is the headline: reliable ≥ .800, tentative \
            .667 to .800. Undefined coefficients show as n/a (null in JSON). See the README for every formula.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var compared: ComparisonOptions

    @Option(
        name: .customLong("code"),
        help: ArgumentHelp("Only this code (and the codes below it); repeatable.", valueName: "path"))
    var codes: [String] = []

    @Option(help: "document: add a row per code and document.")
    var by: By?

    @Flag(help: "Trim white space and punctuation at the edges of codings before comparing.")
    var trim = false

    @Option(help: "Segment matching: standard (intersection over union above 0.5) or strict (at least 0.9).")
    var segments: SegmentPreset = .standard

    @Flag(
        help:
            "Add Krippendorff's unitizing alphas: each code's |uα against the text not coded with it, and α_u (1995/2004)."
    )
    var unitizing = false

    @Option(
        name: .customLong("domain"),
        help: ArgumentHelp(
            "A folder taken as a semantic domain, its codes the values: uα, |uα, cuα and each code's (k)uα (implies --unitizing); repeatable.",
            valueName: "folder"))
    var domains: [String] = []

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Resamples per code for alpha's and kappa's uncertainty, 0 (none) to 100,000.", valueName: "n"))
    var bootstrap = 1000

    @Option(help: ArgumentHelp("The resampling's seed: the same seed gives the same intervals.", valueName: "s"))
    var seed: UInt64 = 1

    @Flag(
        help: "Compare only codings made blind (while their coder could see no other coder's codings of the document).")
    var independent = false

    @Flag(
        name: .customLong("exclude-assisted"),
        help: "Leave out codings accepted from an AI assistant's proposals: compare what people coded unaided.")
    var excludeAssisted = false

    @Option(help: "table, csv, json or html.")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument { case table, csv, json, html }

    enum By: String, ExpressibleByArgument { case document }
    enum SegmentPreset: String, ExpressibleByArgument {
        case standard, strict
        var threshold: SegmentMatching.Threshold { self == .strict ? .strict : .standard }
    }

    func run() throws {
        let names = compared.names
        guard (0...AgreementBootstrap.Options.maximumDraws).contains(bootstrap) else {
            throw ValidationError(
                "--bootstrap takes a number of resamples from 0 (none) to \(Words.thousands(AgreementBootstrap.Options.maximumDraws)); \(bootstrap) is not"
            )
        }
        var options = AgreementReport.Options(
            coders: names, codes: codes, documents: compared.documents, trim: trim,
            threshold: segments.threshold,
            bootstrap: bootstrap > 0 ? AgreementBootstrap.Options(draws: bootstrap, seed: seed) : nil)
        options.independentOnly = independent
        options.excludeAssisted = excludeAssisted
        options.allDocuments = compared.allDocuments
        let project = try global.openProjectForReading()
        let report = try AgreementReport.compute(project, options)
        let unitized =
            unitizing || !domains.isEmpty ? try UnitizingReport.compute(project, options, domains: domains) : nil
        switch format {
        case .json:
            emit(
                AgreementOutput.json(report, byDocument: by == .document, unitizing: unitized).serialized(indent: "  ")
                    + "\n", data: true)
        case .csv:
            emit(
                try AgreementOutput.listing(report, byDocument: by == .document, unitizing: unitized).render(.csv),
                data: true)
        case .html: emit(AgreementHTML.render(report, unitizing: unitized, options: options), data: true)
        case .table:
            emit(try AgreementOutput.table(report, byDocument: by == .document))
            if let unitized { emit("\n" + (try UnitizingOutput.table(unitized))) }
            if let line = ComparisonOptions.leftOutLine(report.leftOut) { emit(line) }
            if names.count == 2 {
                let status = try global.openProjectForReading().buildConsensus(
                    Project.ConsensusOptions(
                        coders: names, documents: compared.documents, allDocuments: compared.allDocuments),
                    writing: false)
                emit("\n" + status.summary(coders: names, as: "consensus") + "\n")
            }
        }
    }
}
