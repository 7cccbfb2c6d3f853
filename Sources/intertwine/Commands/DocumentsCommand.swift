import ArgumentParser
import CodingEngine

/// `intertwine documents`: list the documents.
struct DocumentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents",
        abstract:
            "List the documents: name, case, length (Unicode scalars), words spoken, sha256, turns, speakers, title, recording."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @Flag(help: "In the table, cut nothing (titles, speakers, the sha256).")
    var wide = false

    func run() throws {
        let project = try global.openProjectForReading()
        let documents = try project.documents()
        let words = try documents.map { try project.words(ofDocument: $0.id) }
        let property: (DocumentInfo, String) -> JSONValue = { info, key in
            info.properties.first { $0.key == key }.map { .string($0.value.description) } ?? .null
        }
        let listing = Listing(
            columns: [
                "name", "case", "length", "words", "sha256", "turns", "speakers", "title", "participant", "date",
                "media",
                "imported_at",
            ],
            rows: zip(documents, words).map { d, words in
                [
                    .string(d.name), .string(d.caseName), .int(d.length), .int(words), .string(d.sha256),
                    .int(d.turnCount),
                    .array(d.speakers.map(JSONValue.string)), property(d, "title"), property(d, "participant"),
                    property(d, "date"),
                    property(d, Recording.property), .string(d.importedAt),
                ]
            },
            truncate: wide
                ? ["sha256": 64, "title": Int.max, "speakers": Int.max, "media": Int.max]
                : ["sha256": 12, "title": 40, "speakers": 40, "participant": 24, "media": 30],
            rightAligned: ["length", "words", "turns"])
        try listing.emit(format)
    }
}
