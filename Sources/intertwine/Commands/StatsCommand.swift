import ArgumentParser
import Foundation
import CodingEngine

/// `intertwine stats`: code frequencies per case, document or coder.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Code frequencies per case (or document, or coder): codings, documents, characters, coverage.",
        discussion: """
            Counts are per coder unless --coder narrows them to one; they are never summed across coders. \
            characters counts the text a coder coded with the code, overlapping codings once; coverage divides \
            it by the characters of the case (document; all documents for --by coder). A code with codes below \
            it aggregates them and is marked aggregate (Σ in the table).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "case, document or coder.")
    var by: CodeFrequencies.Grouping = .case

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @Flag(help: "In the table, show codes no one applied in a group too.")
    var zeros = false

    func run() throws {
        let rows = try CodeFrequencies.compute(global.openProjectForReading(), by: by, coder: global.coder)
        let groupKey = by.rawValue
        var columns = [groupKey]
        if by == .document { columns.append("case") }
        if by != .coder { columns.append("coder") }
        columns += ["code", "codings", "documents", "characters", "coverage", "aggregate"]
        func values(_ row: CodeFrequencies.Row) -> [JSONValue] {
            var cells: [JSONValue] = [.string(row.group)]
            if by == .document { cells.append(row.caseName.map(JSONValue.string) ?? .null) }
            if by != .coder { cells.append(.string(row.coder)) }
            return cells + [
                .string(row.code), .int(row.codings), .int(row.documents), .int(row.characters),
                .double(row.coverage), .bool(row.aggregate),
            ]
        }
        switch format {
        case .json:
            // Laid out as the whole object serialized, written row by row.
            StandardOutput.writeBytes { out in
                out += Array("{\n  \"by\": \(JSONValue.quoted(groupKey)),\n  \"rows\": ".utf8)
            }
            var stream = JSONArrayStream(columns: columns, level: 1)
            for row in rows { stream.append(values(row)) }
            stream.finish(after: "\n}\n")
        case .csv:
            emit(try Listing(columns: columns, rows: rows.map(values)).render(.csv), data: true)
        case .table:
            let shown = zeros ? rows : rows.filter { $0.codings > 0 }
            let listing = Listing(
                columns: Array(columns.dropLast(2)) + ["coverage"],
                rows: shown.map { row in
                    var cells = Array(values(row).dropLast(2))
                    if let i = columns.firstIndex(of: "code") {
                        cells[i] = .string(row.code + (row.aggregate ? " Σ" : ""))
                    }
                    return cells + [.string(String(format: "%.1f%%", row.coverage * 100))]
                },
                rightAligned: ["codings", "documents", "characters", "coverage"])
            emit(try listing.render(.table))
        }
    }
}

extension CodeFrequencies.Grouping: ExpressibleByArgument {}
