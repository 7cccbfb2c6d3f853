import ArgumentParser
import CodingEngine

/// `intertwine documents`: list the documents.
struct DocumentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents",
        abstract: "List the documents: name, case, length (Unicode scalars), sha256, turns, speakers, title, recording."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @Flag(help: "In the table, cut nothing (titles, speakers, the sha256).")
    var wide = false

    func run() throws {
        let documents = try global.openProjectForReading().documents()
        let property: (DocumentInfo, String) -> JSONValue = { info, key in
            info.properties.first { $0.key == key }.map { .string($0.value.description) } ?? .null
        }
        let listing = Listing(
            columns: [
                "name", "case", "length", "sha256", "turns", "speakers", "title", "participant", "date", "media",
                "imported_at",
            ],
            rows: documents.map {
                [
                    .string($0.name), .string($0.caseName), .int($0.length), .string($0.sha256), .int($0.turnCount),
                    .array($0.speakers.map(JSONValue.string)), property($0, "title"), property($0, "participant"),
                    property($0, "date"),
                    property($0, Recording.property), .string($0.importedAt),
                ]
            },
            truncate: wide
                ? ["sha256": 64, "title": Int.max, "speakers": Int.max, "media": Int.max]
                : ["sha256": 12, "title": 40, "speakers": 40, "participant": 24, "media": 30],
            rightAligned: ["length", "turns"])
        try listing.emit(format)
    }
}
