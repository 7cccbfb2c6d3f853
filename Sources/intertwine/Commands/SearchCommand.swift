import ArgumentParser
import CodingEngine

/// `intertwine search`: a regular expression over every document, keyword in context.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract:
            "Search every document for a regular expression: each match in context, with document, case and turn; --code codes them."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("An ICU regular expression; (?i) ignores case.", valueName: "regex")) var pattern:
        String
    @Option(name: .customLong("doc"), help: ArgumentHelp("Only this document (repeatable).", valueName: "name"))
    var documents: [String] = []
    @Option(help: ArgumentHelp("Code every match with this code.", valueName: "path")) var code: String?
    @Option(help: "With --code: the match itself, its sentence or its turn.") var unit: PassageSelector.MatchUnit =
        .match
    @Option(help: "table, csv or json.") var format: OutputFormat = .table

    func run() throws {
        if let code {
            let project = try global.openProject()
            let (result, touched) = try project.codeMatches(
                pattern, unit: unit, with: code, coder: try global.coderName(), documents: documents)
            emit(
                "coded \(Words.count(result.ids.count, "passage")) in \(Words.count(touched, "document")) as \(code)"
                    + (result.alreadyCoded.isEmpty
                        ? "" : " (\(result.alreadyCoded.count) already coded, left as they were)") + "\n")
            return
        }
        let hits = try global.openProjectForReading().search(pattern, documents: documents)
        let listing = Listing(
            columns: ["document", "case", "turn", "speaker", "start", "end", "before", "match", "after"],
            rows: hits.map { hit in
                [
                    .string(hit.document), .string(hit.caseName), hit.turn.map(JSONValue.int) ?? .null,
                    hit.speaker.map(JSONValue.string) ?? .null,
                    .int(hit.range.start), .int(hit.range.end), .string(hit.before), .string(hit.match),
                    .string(hit.after),
                ]
            },
            truncate: ["match": 40, "speaker": 20],
            rightAligned: ["turn", "start", "end", "before"])
        try listing.emit(format)
    }
}
