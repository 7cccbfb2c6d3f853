import ArgumentParser
import CodingEngine
import Foundation

/// `intertwine query`: the passages a coding query selects, and saved queries.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract:
            "The passages a coding query selects (codes combined with and, or, not, overlaps, within, near, followed by, same turn, coders, speakers, attributes, text).",
        discussion: """
            Example: intertwine query '"Knowledge source/Consultant" overlaps Processes/Institutionalising and case.learning_type = "Coercive"'. \
            The README's "Queries" gives the grammar.
            """,
        subcommands: [Find.self, Save.self, List.self, Run.self, Delete.self],
        defaultSubcommand: Find.self)

    static let columns = ["document", "case", "start", "end", "text"]

    static func row(_ passage: QueryEvaluator.Passage) -> [JSONValue] {
        [
            .string(passage.document), .string(passage.caseName), .int(passage.range.start), .int(passage.range.end),
            .string(passage.text),
        ]
    }

    /// The passages as a listing: document, case, start, end, text.
    static func listing(_ passages: [QueryEvaluator.Passage]) -> Listing {
        Listing(columns: columns, rows: passages.map(row), truncate: ["text": 70], rightAligned: ["start", "end"])
    }

    /// Runs `expression` and writes its passages in `format`; JSON goes out a document
    /// at a time as they are found, each passage's text copied from the document's UTF-8.
    /// What the query left out goes to standard error as notes (a case whose attribute
    /// is not a number, in a comparison with a number), after the passages.
    static func show(_ expression: String, in project: Project, format: OutputFormat) throws {
        defer {
            StandardOutput.flush()
            for note in (try? QueryEvaluator.notes(expression, on: project)) ?? [] {
                FileHandle.standardError.write(Data("intertwine: note: \(note)\n".utf8))
            }
        }
        guard format == .json, OutputPseudonyms.current == nil else {
            try listing(try project.query(expression)).emit(format)
            return
        }
        var stream = JSONArrayStream(columns: columns)
        try project.query(expression) { (found: QueryEvaluator.DocumentPassages) in
            let document = Array(JSONValue.quoted(found.document).utf8),
                caseName = Array(JSONValue.quoted(found.caseName).utf8)
            var text = found.text
            text.withUTF8 { bytes in
                for (range, inBytes) in zip(found.ranges, found.byteRanges) {
                    stream.append { column, out in
                        switch column {
                        case 0: out += document
                        case 1: out += caseName
                        case 2: JSONValue.writeDigits(range.start, to: &out)
                        case 3: JSONValue.writeDigits(range.end, to: &out)
                        default: JSONValue.writeQuoted(utf8: UnsafeBufferPointer(rebasing: bytes[inBytes]), to: &out)
                        }
                    }
                }
            }
        }
        stream.finish()
    }

    struct Find: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "find", abstract: "Run a query given on the command line.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The query, in single quotes.", valueName: "expr")) var expression: String
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() throws {
            try QueryCommand.show(expression, in: try global.openProjectForReading(), format: format)
        }
    }

    struct Save: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "save", abstract: "Keep a query in the project under a name.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Its name.", valueName: "name")) var name: String
        @Argument(help: ArgumentHelp("The query.", valueName: "expr")) var expression: String
        @Flag(help: "Replace a query saved under that name.") var replace = false

        func run() throws {
            let saved = try global.openProject().saveQuery(
                name, expression, replacing: replace, by: try global.coderName())
            emit("saved the query \(saved.name)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The saved queries.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() throws {
            let queries = try global.openProjectForReading().savedQueries()
            let listing = Listing(
                columns: ["name", "expression", "who", "updated_at"],
                rows: queries.map {
                    [.string($0.name), .string($0.expression), .string($0.who), .string($0.updatedAt)]
                })
            try listing.emit(format)
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a saved query.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Its name.", valueName: "name")) var name: String
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() throws {
            let project = try global.openProjectForReading()
            try QueryCommand.show(try project.savedQuery(name).expression, in: project, format: format)
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Remove a saved query.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Its name.", valueName: "name")) var name: String

        func run() throws {
            try global.openProject().deleteQuery(name)
            emit("deleted the query \(name)\n")
        }
    }
}
