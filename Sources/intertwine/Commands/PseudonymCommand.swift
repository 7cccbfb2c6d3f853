import ArgumentParser
import CodingEngine

/// `intertwine pseudonym`: the project's pseudonym table, for sharing and publishing
/// transcripts and extracts without the real names of people, firms and places.
struct PseudonymCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pseudonym",
        abstract: "The pseudonym table: real names and what a pseudonymised export writes instead.",
        discussion: """
            The transcripts are never changed (every offset stays valid): a pseudonymised export, report or answer to \
            an assistant writes each real name of the table as its pseudonym. Names are matched as whole words, as \
            written and in capitals, composed or with combining marks alike, and before a possessive ("Watson's"); \
            where names overlap the longest wins.
            """,
        subcommands: [List.self, Add.self, Remove.self, Default.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The table: each real name, its pseudonym, its kind, who added it and when.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() throws {
            let project = try global.openProjectForReading()
            let table = try project.pseudonyms().sorted { $0.real < $1.real }
            try Listing(
                columns: ["real", "pseudonym", "kind", "who", "at"],
                rows: table.map {
                    [
                        .string($0.real), .string($0.pseudonym), .string($0.kind.rawValue), .string($0.who),
                        .string($0.at),
                    ]
                }
            ).emit(format)
            guard format == .table else { return }
            if table.isEmpty { emit("add names with `intertwine pseudonym add REAL PSEUDONYM --kind person`\n") }
            emit(
                try project.pseudonymisesByDefault()
                    ? "every export is pseudonymised (`intertwine pseudonym default off` makes it --pseudonymise only)\n"
                    : "exports are pseudonymised with --pseudonymise (`intertwine pseudonym default on` makes it every one)\n"
            )
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a real name and the pseudonym written in its place.")
        @OptionGroup var global: GlobalOptions
        @Argument(
            help: ArgumentHelp("The real name, as the transcripts write it (\"Roger Watson\").", valueName: "real"))
        var real: String
        @Argument(help: ArgumentHelp("What is written instead (\"OM-BRW\").", valueName: "pseudonym"))
        var pseudonym: String
        @Option(help: "person (the default), firm, place or other.") var kind: Pseudonym.Kind = .person

        func run() throws {
            let project = try global.openProject()
            let entry = try project.addPseudonym(
                real: real, pseudonym: pseudonym, kind: kind, who: try global.coderName())
            emit("\(entry.real) → \(entry.pseudonym) (\(entry.kind.rawValue))\n")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove a real name from the table.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The real name.", valueName: "real")) var real: String

        func run() throws {
            let entry = try global.openProject().removePseudonym(real: real)
            emit("removed \(entry.real) → \(entry.pseudonym)\n")
        }
    }

    struct Default: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "default",
            abstract: "Whether every export is pseudonymised (on), or only with --pseudonymise (off).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: Switch.help) var setting: Switch?

        func run() throws {
            let project = try global.openProject()
            if let setting { try project.setPseudonymisesByDefault(setting == .on) }
            emit(
                try project.pseudonymisesByDefault()
                    ? "every export, report and answer to an assistant is pseudonymised\n"
                    : "exports are pseudonymised when asked (--pseudonymise)\n")
        }
    }
}

extension Pseudonym.Kind: ExpressibleByArgument {}
