import ArgumentParser
import CodingEngine

/// `intertwine codings`: list coded passages.
struct CodingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codings",
        abstract: "List codings with their text. A code path includes the codes below it.",
        discussion: "--coder NAME lists that coder's codings only. Repeat --code, --case or --doc to take several."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("code"), help: ArgumentHelp("Only this code (and the codes below it).", valueName: "path"))
    var codes: [String] = []

    @Option(name: .customLong("case"), help: ArgumentHelp("Only this case.", valueName: "name"))
    var cases: [String] = []

    @Option(name: .customLong("doc"), help: ArgumentHelp("Only this document.", valueName: "name"))
    var documents: [String] = []

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    func run() throws {
        // Here --coder (given explicitly, not from the environment) narrows the listing to one coder.
        let filter = CodingFilter(coders: global.coder.map { [$0] } ?? [], codes: codes, cases: cases, documents: documents)
        let listing = Listing(
            columns: ["id", "document", "case", "start", "end", "code", "coder", "memo", "text", "created_at"], rows: [],
            truncate: ["text": 50, "memo": 24, "created_at": 19],
            rightAligned: ["id", "start", "end"])
        var output = ListingOutput(listing, format: format)
        // Codings go to the output as they are read (JSON and CSV), never all held at once.
        try global.openProjectForReading().codings(filter) { coding in
            output.append([.int(Int(coding.id)), .string(coding.document), .string(coding.caseName), .int(coding.start), .int(coding.end),
                           .string(coding.code), .string(coding.coder), coding.memo.map(JSONValue.string) ?? .null, .string(coding.text),
                           .string(coding.createdAt)])
        }
        try output.finish()
    }
}
