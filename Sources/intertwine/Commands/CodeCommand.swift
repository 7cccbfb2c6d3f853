import ArgumentParser
import CodingEngine

/// `intertwine code add|remove`: code passages from the command line.
struct CodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Add or remove codings.",
        subcommands: [Add.self, Remove.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Code a passage: a range (--start/--end), a turn (--turn) or every match of a pattern (--match).",
            discussion: """
                Offsets are Unicode scalars of the stored text, from 0, end exclusive. --turn K codes the words \
                of turn K (from 1), not its speaker label. --match widens each match to --unit: the match itself, \
                its sentence or its turn; passages you already coded with the code are skipped. Prints the new \
                codings' ids.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The document's name (see `intertwine documents`).", valueName: "name"))
        var doc: String

        @Option(help: ArgumentHelp("The code's path, e.g. Processes/Intuiting.", valueName: "path"))
        var code: String

        @Option(help: "First character of the passage.")
        var start: Int?

        @Option(help: "End of the passage (exclusive).")
        var end: Int?

        @Option(help: "A turn number.")
        var turn: Int?

        @Option(help: ArgumentHelp("A regular expression; (?i) at its start ignores case.", valueName: "regex"))
        var match: String?

        @Option(help: "With --match: match, sentence or turn.")
        var unit: PassageSelector.MatchUnit = .match

        @Option(help: "A memo on the new codings.")
        var memo: String?

        func validate() throws {
            let ways = [start != nil || end != nil, turn != nil, match != nil].filter { $0 }.count
            guard ways == 1 else {
                throw ValidationError("name the passage one way: --start N --end N, --turn K, or --match REGEX")
            }
            if start != nil || end != nil, start == nil || end == nil {
                throw ValidationError("--start and --end go together")
            }
        }

        func run() throws {
            let selector: PassageSelector
            if let start, let end {
                selector = .range(start: start, end: end)
            } else if let turn {
                selector = .turn(turn)
            } else {
                selector = .match(pattern: match ?? "", unit: unit)
            }
            let result = try global.openProject().code(
                document: doc, selector, with: code, coder: try global.coderName(), memo: memo)
            for id in result.ids { emit("\(id)\n") }
            if case .match = selector {
                emit(
                    "coded \(Words.count(result.ids.count, "passage"))"
                        + (result.alreadyCoded.isEmpty
                            ? "" : "; \(result.alreadyCoded.count) already coded, left as they were") + "\n")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Remove a coding by its id (see `intertwine codings`)."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The coding's id.")
        var id: Int64

        func run() throws {
            let removed = try global.openProject().removeCoding(id: id)
            emit(
                "removed \(removed.id): \(removed.code) by \(removed.coder) in \(removed.document) [\(removed.start), \(removed.end))\n"
            )
        }
    }
}

extension PassageSelector.MatchUnit: ExpressibleByArgument {}
