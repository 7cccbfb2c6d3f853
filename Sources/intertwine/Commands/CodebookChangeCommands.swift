import ArgumentParser
import CodingEngine

/// The commands that change the codebook: each is one transaction, kept in the
/// codebook's history with who made it.
extension CodebookCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a code at PATH (Folder/Name); folders that are missing are created.")

        @OptionGroup var global: GlobalOptions
        @Argument(
            help: ArgumentHelp("The new code's path, e.g. \"Knowledge source/Trade association\".", valueName: "path"))
        var path: String
        @OptionGroup var settings: CodeSettingsOptions

        func run() throws {
            let change = try global.openProject().addCode(
                path, settings: try settings.settings(), by: try global.coderName())
            emit(change.entry.detail + "\n")
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rename", abstract: "Rename a code; its codings, memos and place in the tree stay.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The code's path.", valueName: "path")) var path: String
        @Argument(
            help: ArgumentHelp(
                "Its new name (no \"/\": use `codebook move` to change its folder).", valueName: "new-name"))
        var newName: String

        func run() throws {
            emit(try global.openProject().renameCode(path, to: newName, by: try global.coderName()).entry.detail + "\n")
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "move",
            abstract: "Move a code (with the codes below it) into another folder; --to / for the top level.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The code's path.", valueName: "path")) var path: String
        @Option(
            help: ArgumentHelp("The folder (any code) to move it into, or / for the top level.", valueName: "folder"))
        var to: String

        func run() throws {
            emit(try global.openProject().moveCode(path, to: to, by: try global.coderName()).entry.detail + "\n")
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract:
                "Merge codes into one: every coding moves to TARGET, the same passage twice becomes one (memos joined).",
            discussion: """
                The sources' descriptions, memos and cell summaries are kept on TARGET and the codes below a \
                source move below TARGET; then the sources are removed. A TARGET that is a folder is refused \
                unless --make-codable.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The codes to merge.", valueName: "source")) var sources: [String]
        @Option(help: ArgumentHelp("The code they become.", valueName: "target")) var into: String
        @Flag(help: "Make TARGET codable when it is a folder.") var makeCodable = false

        func run() throws {
            emit(
                try global.openProject().mergeCodes(
                    sources, into: into, makeCodable: makeCodable, by: try global.coderName()
                ).entry.detail + "\n")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete a code and the codes below it; refused while they have codings unless --with-codings.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The code's path.", valueName: "path")) var path: String
        @Flag(help: "Delete the codings of the code (and of the codes below it) too.") var withCodings = false

        func run() throws {
            emit(
                try global.openProject().deleteCode(path, withCodings: withCodings, by: try global.coderName()).entry
                    .detail + "\n")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Set a code's colour, hotkey, definition or whether it can be applied.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The code's path.", valueName: "path")) var path: String
        @OptionGroup var settings: CodeSettingsOptions

        func run() throws {
            let settings = try settings.settings()
            guard settings != CodeSettings() else {
                throw ValidationError("say what to set: --color, --hotkey or --no-hotkey, --description or --codable")
            }
            emit(try global.openProject().setCode(path, settings, by: try global.coderName()).entry.detail + "\n")
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "How the codebook evolved: each change with who, when, before, after and the codings it touched.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @Flag(help: "Also the changes to cases and documents.") var all = false

        func run() throws {
            let kinds: Swift.Set<HistoryEntry.Kind> = all ? [] : [.code, .coding]
            let entries = try global.openProjectForReading().history(kinds)
            let listing = Listing(
                columns: ["at", "who", "operation", "subject", "before", "after", "codings", "detail"],
                rows: entries.map { entry in
                    [
                        .string(entry.at), .string(entry.who), .string(entry.operation), .string(entry.subject),
                        entry.before.map(JSONValue.string) ?? .null, entry.after.map(JSONValue.string) ?? .null,
                        .int(entry.codings), .string(entry.detail),
                    ]
                },
                truncate: ["before": 40, "after": 40, "detail": 70],
                rightAligned: ["codings"])
            try listing.emit(format)
        }
    }
}

/// A code's settings as options, for `codebook add` and `codebook set`.
struct CodeSettingsOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Its colour, #rrggbb.", valueName: "color")) var color: String?
    @Option(help: ArgumentHelp("One key that applies it in the workbench.", valueName: "key")) var hotkey: String?
    @Flag(help: "Take its hotkey off.") var noHotkey = false
    @Option(help: ArgumentHelp("Its definition.", valueName: "text")) var description: String?
    @Option(help: ArgumentHelp("Whether it can be applied (false for a folder).", valueName: "true|false")) var codable:
        Bool?

    func settings() throws -> CodeSettings {
        if noHotkey, hotkey != nil { throw ValidationError("give --hotkey or --no-hotkey, not both") }
        return CodeSettings(
            color: color, hotkey: noHotkey ? .some(nil) : hotkey.map { .some($0) },
            description: description, codable: codable)
    }
}

/// `intertwine recode`: move codings to another code.
struct RecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recode",
        abstract:
            "Move codings (by id, as `codings` lists them) to another code; splitting a code is adding codes and recoding."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The codings' ids.", valueName: "id")) var ids: [Int64] = []
    @Option(
        help: ArgumentHelp(
            "A file of ids, one or more a line (- for standard input): for more than a command line holds.",
            valueName: "file")) var idsFrom: String?
    @Option(help: ArgumentHelp("The code they move to.", valueName: "path")) var to: String

    func run() throws {
        var all = ids
        if let idsFrom { all += try IDList.read(idsFrom) }
        guard !all.isEmpty else { throw ValidationError("name the codings to move: their ids, or --ids-from FILE") }
        emit(try global.openProject().recode(all, to: to, by: try global.coderName()).entry.detail + "\n")
    }
}

/// `intertwine document`: rename, move or remove a document.
struct DocumentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "document",
        abstract: "Rename a document, move it to another case, remove it, or mark it done (blind coding).",
        subcommands: [Rename.self, Move.self, Remove.self, Done.self])

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "done",
            abstract:
                "Mark a document done for the coder: with blind coding on, the other coders' codings of it then show.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Its name.", valueName: "name")) var name: String
        @Flag(help: "Mark it not done again.") var undo = false
        func run() throws {
            let coder = try global.coderName()
            let project = try global.openProject()
            try project.markDone(document: name, coder: coder, done: !undo)
            let blind = try project.blindCoding()
            emit(
                undo
                    ? "\(name) is not done for \(coder)\(blind ? "; the other coders' codings of it are hidden again" : "")\n"
                    : "\(name) is done for \(coder)\(blind ? "; the other coders' codings of it now show" : "")\n")
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a document.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Its name.", valueName: "old")) var old: String
        @Argument(help: ArgumentHelp("Its new name.", valueName: "new")) var new: String
        func run() throws {
            emit(try global.openProject().renameDocument(old, to: new, by: try global.coderName()).entry.detail + "\n")
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "move", abstract: "Move a document to another case (created if missing).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Its name.", valueName: "name")) var name: String
        @Option(name: .customLong("case"), help: ArgumentHelp("The case it belongs to now.", valueName: "case"))
        var caseName: String
        func run() throws {
            emit(
                try global.openProject().moveDocument(name, toCase: caseName, by: try global.coderName()).entry.detail
                    + "\n")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove a document with its codings and memos.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Its name.", valueName: "name")) var name: String
        func run() throws {
            emit(try global.openProject().removeDocument(name, by: try global.coderName()).entry.detail + "\n")
        }
    }
}

extension CaseCommand {
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a case.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Its name.", valueName: "old")) var old: String
        @Argument(help: ArgumentHelp("Its new name.", valueName: "new")) var new: String
        func run() throws {
            emit(try global.openProject().renameCase(old, to: new, by: try global.coderName()).entry.detail + "\n")
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Merge a case into another: its documents, memos and attributes the other lacks move there.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The case that goes.", valueName: "source")) var source: String
        @Option(help: ArgumentHelp("The case that stays.", valueName: "target")) var into: String
        func run() throws {
            emit(try global.openProject().mergeCase(source, into: into, by: try global.coderName()).entry.detail + "\n")
        }
    }
}
