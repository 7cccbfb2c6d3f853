import ArgumentParser
import CodingEngine

/// `intertwine consensus`: the study's final coding of two coders.
struct ConsensusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consensus",
        abstract:
            "Write every stretch two coders coded alike as the consensus coder; keep what is settled; list what is not.",
        discussion: """
            Running it again adds only what is new. Settle the rest in the workbench (a, then Enter on a code) or with \
            `intertwine settle`. --overlap 0.9 counts two codings whose common part is at least 90% of what either coded \
            in the stretch as agreed (MAXQDA's rule) and writes their common part.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var compared: ComparisonOptions
    @Option(name: .customLong("as"), help: ArgumentHelp("The consensus coder.", valueName: "name")) var consensus =
        "consensus"
    @Option(
        help: ArgumentHelp(
            "Near-identical codings agree: their common part at least this share of their union (0.9 is MAXQDA's; off by default).",
            valueName: "share"))
    var overlap: Double?
    @Option(help: "table, csv or json (the table of codes).") var format: OutputFormat = .table

    func run() throws {
        let names = compared.names
        let project = try global.openProject()
        try global.refuseWhileBlind(project, "building the consensus")
        let report = try project.buildConsensus(
            Project.ConsensusOptions(
                coders: names, consensus: consensus, documents: compared.documents,
                allDocuments: compared.allDocuments, overlap: overlap))
        let listing = Listing(
            columns: ["code", "agreed", "settled", "unsettled"],
            rows: report.codes.map { [.string($0.code), .int($0.agreed), .int($0.settled), .int($0.unsettled)] },
            rightAligned: ["agreed", "settled", "unsettled"])
        if format != .table {
            emit(try listing.render(format), data: true)
            return
        }
        emit(
            "wrote \(Words.count(report.written, "consensus coding")) as \(consensus) (stretches both coded alike"
                + (report.nearlyAlike > 0 ? ", \(report.nearlyAlike) of them nearly alike: their common part" : "")
                + "); "
                + "kept \(Words.count(report.kept, "stretch", plural: "stretches")) already there; "
                + (report.complete
                    ? "nothing left to settle: the consensus is complete\n"
                    : "\(Words.count(report.unsettled.count, "stretch", plural: "stretches")) still to settle\n"))
        if let decided = report.decisionSummary(coders: names) { emit(decided + "\n") }
        emit(try listing.render(.table))
        if let line = ComparisonOptions.leftOutLine(report.leftOut) { emit(line) }
    }
}
