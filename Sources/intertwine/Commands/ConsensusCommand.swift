import ArgumentParser
import CodingEngine

/// `intertwine consensus`: the study's final coding of two coders.
struct ConsensusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consensus",
        abstract: "Write every stretch two coders coded alike as the consensus coder; keep what is settled; list what is not.",
        discussion: "Running it again adds only what is new. Settle the rest in the workbench (a, then Enter on a code).")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The two coders.", valueName: "A,B")) var coders: String
    @Option(name: .customLong("as"), help: ArgumentHelp("The consensus coder.", valueName: "name")) var consensus = "consensus"
    @Option(help: "table, csv or json (the table of codes).") var format: OutputFormat = .table

    func run() throws {
        let names = coders.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let project = try global.openProject()
        try global.refuseWhileBlind(project, "building the consensus")
        let report = try project.buildConsensus(coders: names, as: consensus)
        let listing = Listing(columns: ["code", "agreed", "settled", "unsettled"],
                              rows: report.codes.map { [.string($0.code), .int($0.agreed), .int($0.settled), .int($0.unsettled)] },
                              rightAligned: ["agreed", "settled", "unsettled"])
        if format != .table {
            emit(try listing.render(format), data: true)
            return
        }
        emit("wrote \(Words.count(report.written, "consensus coding")) as \(consensus) (stretches both coded alike); "
             + "kept \(Words.count(report.kept, "stretch", plural: "stretches")) already there; "
             + (report.complete ? "nothing left to settle: the consensus is complete\n"
                                : "\(Words.count(report.unsettled.count, "stretch", plural: "stretches")) still to settle\n"))
        emit(try listing.render(.table))
    }
}
