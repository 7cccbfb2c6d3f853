import ArgumentParser
import CodingEngine
import Exchange
import Foundation

func decimal(_ value: Double?) -> JSONValue { value.map(JSONValue.double) ?? .null }

/// `intertwine cooccur`: which codes are coded together.
struct CooccurCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cooccur",
        abstract:
            "Code co-occurrence: for each pair of codes the passages where they overlap and c = overlaps / (n1 + n2 - overlaps).",
        discussion:
            "Per coder (--coder narrows to one), or with --coders A,B --agreed where the coders agree; --turn counts speaker turns instead of overlaps."
    )

    @OptionGroup var global: GlobalOptions
    @Option(
        help: ArgumentHelp(
            "Coders (comma-separated); with --agreed, only text they all coded counts.", valueName: "a,b"))
    var coders: String?
    @Flag(help: "Count where the chosen coders agree.") var agreed = false
    @Flag(help: "Count co-occurrence within the same speaker turn.") var turn = false
    @Option(name: .customLong("code"), help: ArgumentHelp("Only these codes; repeatable.", valueName: "path"))
    var codes: [String] = []
    @Flag(help: "Also list the passages (table and JSON).") var passages = false
    @Option(help: "table, csv or json.") var format: OutputFormat = .table

    func run() throws {
        var names = coders?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        let project = try global.openProjectForReading()
        // No coders named: the study's coding (the one asked for, the consensus when complete, else each coder apart).
        if names.isEmpty { names = try CodersShown.resolve(project, asked: global.coder).coders }
        let pairs = try Cooccurrence.compute(
            project, coders: names, agreed: agreed, unit: turn ? .turn : .overlap, codes: codes
        )
        .filter { $0.overlaps > 0 || !codes.isEmpty }
        let listing = Listing(
            columns: ["code_a", "code_b", "coder", "n1", "n2", "overlaps", "c"] + (passages ? ["passages"] : []),
            rows: pairs.sorted { ($0.c ?? 0) > ($1.c ?? 0) }.map { pair in
                [
                    .string(pair.a), .string(pair.b), .string(pair.coder), .int(pair.n1), .int(pair.n2),
                    .int(pair.overlaps), decimal(pair.c),
                ]
                    + (passages
                        ? [.array(pair.passages.map { .string("\($0.document) [\($0.range.start), \($0.range.end))") })]
                        : [])
            },
            truncate: ["passages": 60], rightAligned: ["n1", "n2", "overlaps", "c"])
        try listing.emit(format)
    }
}

/// `intertwine matrix`: cases × the codes of a folder.
struct MatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "A case matrix: cases × the codes of one folder, with counts, extracts and your cell summaries.",
        subcommands: [Show.self, Summarize.self],
        defaultSubcommand: Show.self
    )

    enum Format: String, ExpressibleByArgument { case table, csv, json, md, html }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Print the matrix (table, csv, json, md or html).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "What the rows are: cases.") var rows: String = "cases"
        @Option(
            help: ArgumentHelp(
                "The folder whose codes are the columns, e.g. \"Knowledge source\".", valueName: "folder")) var cols:
            String
        @Option(help: "table, csv, json, md or html.") var format: Format = .table
        @OptionGroup var destination: OutputOptions

        func run() throws {
            guard rows == "cases" else { throw ValidationError("--rows takes cases") }
            try destination.check()
            let matrix = try CaseMatrix.compute(global.openProjectForReading(), folder: cols, coder: global.coder)
            let text: String
            switch format {
            case .table, .csv:
                let names = matrix.codes.map { String($0.split(separator: "/").last ?? "") }
                let listing = Listing(
                    columns: ["case", "coder"] + names,
                    rows: matrix.cells.enumerated().map { i, row in
                        [.string(matrix.rows[i].caseName), .string(matrix.rows[i].coder)]
                            + row.map { cell in
                                .string("\(cell.codings.count)" + (cell.summary.map { " · \($0)" } ?? ""))
                            }
                    }, truncate: Dictionary(names.map { ($0, 28) }, uniquingKeysWith: { first, _ in first }))
                text =
                    try listing.render(format == .csv ? .csv : .table)
                    + (format == .table ? matrix.shown.description + "\n" : "")
            case .json:
                text =
                    JSONValue.object([
                        ("folder", .string(matrix.folder)), ("cases", .array(matrix.cases.map(JSONValue.string))),
                        ("codes", .array(matrix.codes.map(JSONValue.string))),
                        ("coders", .array(matrix.shown.coders.map(JSONValue.string))),
                        ("shown", .string(matrix.shown.basisName)),
                        (
                            "cells",
                            .array(
                                matrix.cells.flatMap { $0 }.map { cell in
                                    .object([
                                        ("case", .string(cell.caseName)), ("code", .string(cell.code)),
                                        ("coder", .string(cell.coder)),
                                        ("count", .int(cell.codings.count)),
                                        ("summary", cell.summary.map(JSONValue.string) ?? .null),
                                        (
                                            "extracts",
                                            .array(
                                                cell.codings.map { c in
                                                    .object([
                                                        ("document", .string(c.document)), ("start", .int(c.start)),
                                                        ("end", .int(c.end)),
                                                        ("coder", .string(c.coder)), ("text", .string(c.text)),
                                                    ])
                                                })
                                        ),
                                    ])
                                })
                        ),
                    ]).serialized(indent: "  ") + "\n"
            case .md: text = MatrixFormat.markdown(matrix)
            case .html: text = MatrixFormat.html(matrix)
            }
            if destination.output == nil, format == .table {
                emit(text)
            } else {
                try destination.write(text, summary: "\(matrix.cases.count) cases × \(matrix.codes.count) codes")
            }
        }
    }

    struct Summarize: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "summarize", abstract: "Write the summary of one cell (empty text removes it).")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: ArgumentHelp("The case (row).", valueName: "name")) var caseName:
            String
        @Option(help: ArgumentHelp("The code (column), by path.", valueName: "path")) var code: String
        @Argument(help: "The summary.") var text: String

        func run() throws {
            try global.openProject().setCellSummary(
                case: caseName, code: code, to: text, coder: try? global.coderName())
            emit(
                text.isEmpty
                    ? "removed the summary of \(caseName) × \(code)\n" : "summary of \(caseName) × \(code) saved\n")
        }
    }
}

/// `intertwine flows`: 4I/5I learning flows per case.
struct FlowsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flows",
        abstract:
            "Learning flows per case: the process codes in transcript order, feed-forward (up the 4I/5I ladder) and feedback (down).",
        discussion:
            "Also which knowledge-source codes overlap the institutionalising and intertwining passages. --coder narrows to one coder."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The folder of knowledge-source codes.", valueName: "folder")) var sources: String =
        "Knowledge source"
    @Option(help: "table, csv or json.") var format: OutputFormat = .table

    func run() throws {
        let project = try global.openProjectForReading()
        let shown = try CodersShown.resolve(project, asked: global.coder)
        // One coder (asked for, or the complete consensus): theirs; else every coder's strips apart.
        let flows = try LearningFlows.compute(
            project, coder: shown.coders.count == 1 ? shown.coders[0] : nil, sources: sources)
        func name(_ path: String) -> String { String(path.split(separator: "/").last ?? "") }
        let short = [
            "Intuiting": "Intu", "Interpreting": "Intp", "Integrating": "Intg", "Institutionalising": "Inst",
            "Intertwining": "Intw",
        ]
        switch format {
        case .json:
            emit(
                JSONValue.array(
                    flows.map { flow in
                        .object([
                            ("case", .string(flow.caseName)), ("coder", .string(flow.coder)),
                            (
                                "sequence",
                                .array(
                                    flow.steps.map {
                                        .object([
                                            ("code", .string($0.code)), ("document", .string($0.document)),
                                            ("start", .int($0.range.start)), ("end", .int($0.range.end)),
                                        ])
                                    })
                            ),
                            (
                                "transitions",
                                .array(
                                    flow.transitions.map {
                                        .object([
                                            ("from", .string($0.from)), ("to", .string($0.to)),
                                            ("count", .int($0.count)),
                                        ])
                                    })
                            ),
                            ("feed_forward", .int(flow.feedForward)), ("feedback", .int(flow.feedback)),
                            ("repeats", .int(flow.repeats)),
                            ("feed_forward_share", decimal(flow.feedForwardShare)),
                            ("feedback_share", decimal(flow.feedbackShare)),
                            ("sources", .object(flow.sources.map { ($0.code, .int($0.passages)) })),
                        ])
                    }
                ).serialized(indent: "  ") + "\n", data: true)
        case .csv, .table:
            let listing = Listing(
                columns: [
                    "case", "coder", "sequence", "feed_forward", "feedback", "repeats", "ff_share", "fb_share",
                    "sources",
                ],
                rows: flows.map { flow in
                    [
                        .string(flow.caseName), .string(flow.coder),
                        .string(
                            flow.steps.map { short[name($0.code)] ?? String(name($0.code).prefix(4)) }.joined(
                                separator: "→")),
                        .int(flow.feedForward), .int(flow.feedback), .int(flow.repeats),
                        .string(flow.feedForwardShare.map { String(format: "%.0f%%", $0 * 100) } ?? "n/a"),
                        .string(flow.feedbackShare.map { String(format: "%.0f%%", $0 * 100) } ?? "n/a"),
                        .string(flow.sources.map { "\(name($0.code)) \($0.passages)" }.joined(separator: ", ")),
                    ]
                }, truncate: ["sequence": 48, "sources": 60],
                rightAligned: ["feed_forward", "feedback", "repeats", "ff_share", "fb_share"])
            try listing.emit(format)
        }
    }
}

/// `intertwine compare`: code frequencies by groups of cases.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract:
            "Compare groups of cases (by an attribute such as learning_type): codings, documents, characters and coverage per code."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The case attribute that groups the cases.", valueName: "attribute")) var by: String
    @Option(help: "table, csv or json.") var format: OutputFormat = .table
    @Flag(help: "In the table, show codes no one applied in a group too.") var zeros = false

    func run() throws {
        let rows = try CaseComparison.compute(global.openProjectForReading(), by: by, coder: global.coder)
        let shown = format == .table && !zeros ? rows.filter { $0.codings > 0 } : rows
        let listing = Listing(
            columns: [
                "group", "cases", "code", "coder", "codings", "documents", "characters", "coverage", "aggregate",
            ],
            rows: shown.map { row in
                [
                    .string(row.group), .array(row.cases.map(JSONValue.string)), .string(row.code), .string(row.coder),
                    .int(row.codings),
                    .int(row.documents), .int(row.characters), .double(row.coverage), .bool(row.aggregate),
                ]
            }, truncate: ["cases": 24], rightAligned: ["codings", "documents", "characters", "coverage"])
        try listing.emit(format)
    }
}
