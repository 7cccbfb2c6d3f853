import ArgumentParser
import CodingEngine
import Foundation

/// `intertwine codebook`: show or import the codebook.
struct CodebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codebook",
        abstract: "Show, import or change the codebook (add, rename, move, merge, delete, set), and its history.",
        subcommands: [
            Show.self, Import.self, Add.self, Rename.self, Move.self, Merge.self, Delete.self, Set.self, History.self,
        ],
        defaultSubcommand: Show.self
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, yaml, json }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show the codebook as a tree (table), as YAML or as JSON."
        )

        @OptionGroup var global: GlobalOptions

        @Option(help: "table, yaml or json.")
        var format: Format = .table

        func run() throws {
            let project = try global.openProjectForReading()
            switch format {
            case .yaml:
                emit(try project.codebookFile().yaml(), data: true)
            case .json:
                emit(Self.tree(try project.codebook(), parent: nil).serialized(indent: "  ") + "\n", data: true)
            case .table:
                let codebook = try project.codebook()
                let counts = Dictionary(grouping: try project.codingSpans(coder: nil), by: \.codeID).mapValues(\.count)
                let listing = Listing(
                    columns: ["code", "hotkey", "color", "codable", "codings", "path"],
                    rows: codebook.codes.map { code in
                        [
                            .string(String(repeating: "  ", count: code.depth) + code.name),
                            code.hotkey.map(JSONValue.string) ?? .null,
                            .string(code.color), .bool(code.codable), .int(counts[code.id] ?? 0), .string(code.path),
                        ]
                    },
                    rightAligned: ["codings"])
                emit(try listing.render(.table))
            }
        }

        /// The codebook as nested JSON objects.
        static func tree(_ codebook: Codebook, parent: Int64?) -> JSONValue {
            .array(
                codebook.children(of: parent).map { code in
                    .object([
                        ("name", .string(code.name)), ("path", .string(code.path)), ("codable", .bool(code.codable)),
                        ("hotkey", code.hotkey.map(JSONValue.string) ?? .null), ("color", .string(code.color)),
                        ("description", .string(code.description)), ("children", tree(codebook, parent: code.id)),
                    ])
                })
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Merge a codebook YAML file into the project by code path.",
            discussion: """
                New codes are added; codes in the file are updated (description, colour, hotkey, order); codes \
                the file does not name are kept; every coding stays on its code. A hotkey moves to the code the \
                file gives it to.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("A codebook YAML file, or a bundled one: 5i or 4i.", valueName: "file"))
        var file: String

        func run() throws {
            let codebook = try CodebookSource.load(file)
            let report = try global.openProject().importCodebook(codebook)
            for path in report.added { emit("added \(path)\n") }
            for path in report.updated { emit("updated \(path)\n") }
            for move in report.movedHotkeys { emit("hotkey \(move)\n") }
            emit("\(report.added.count) added, \(report.updated.count) updated, \(report.kept) kept as they were\n")
        }
    }
}
