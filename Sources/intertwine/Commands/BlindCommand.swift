import ArgumentParser
import CodingEngine

/// `intertwine blind on|off`: blind coding for the project.
struct BlindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blind",
        abstract:
            "Turn blind coding on or off: while on, a coder sees no other coder's codings of a document until they mark it done.",
        discussion: """
            While on, the workbench and the command line show each coder only their own codings, and the others' of the \
            documents they marked done (`intertwine document done NAME`, or :done in the workbench). Every coding records \
            whether its coder could see another coder's codings of the document when it was made; `agree` says how many \
            of the compared codings were made blind and `agree --independent` compares only those. Without on or off: \
            whether it is on.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: Switch.help) var setting: Switch?

    @Option(help: "table, csv or json (each coder's codings, and how many were made blind).")
    var format: OutputFormat = .table

    func run() throws {
        let project = try global.openProject()
        if let setting { try project.setBlindCoding(setting == .on) }
        let on = try project.blindCoding()
        let me = try? global.coderName()
        // While blind coding is on, a coder sees only their own row.
        let names = try project.coderNames()
        let everyone = CodersShown.ordered(Set(try project.codingSpans(coder: nil).compactMap { names[$0.coderID] }))
        let coders = on ? [me].compactMap { $0 } : everyone
        let work = try CoderWork.compute(project, coders: coders)
        let listing = Listing(
            columns: ["coder", "documents", "codings", "blind", "seeing_others", "not_recorded", "accepted"],
            rows: work.map {
                [
                    .string($0.coder), .int($0.documents), .int($0.codings), .int($0.blind), .int($0.seeingOthers),
                    .int($0.unknown), .int($0.accepted),
                ]
            },
            rightAligned: ["documents", "codings", "blind", "seeing_others", "not_recorded", "accepted"])
        if format != .table {
            emit(try listing.render(format), data: true)
            return
        }
        emit(
            "blind coding is \(on ? "on" : "off")\(on ? ": each coder sees only their own codings until they mark a document done" : "")\n"
        )
        if on, let me {
            let done = try project.documentsDone(coder: me)
            emit("\(me) has marked \(done.count) of \(try project.documentSizes().count) documents done\n")
        }
        if !work.isEmpty {
            emit(
                "\nEach coder's codings: blind = made while they could see no other coder's codings of the document; "
                    + "not recorded = made before the project kept this; accepted = from an AI assistant's proposals\n\n"
            )
            emit(try listing.render(.table))
        }
    }
}
