import ArgumentParser
import CodingEngine
import Exchange

/// `intertwine memo`: writing memos and listing them from the command line.
struct MemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memo",
        abstract:
            "Write a memo on the project, a case, a document or a code, or list every memo (export --memos writes a report).",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Write a memo: on the project, or with --case, --doc or --code on one of those.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The memo's text.") var text: String
        @Option(name: .customLong("case"), help: ArgumentHelp("On this case.", valueName: "name")) var caseName: String?
        @Option(name: .customLong("doc"), help: ArgumentHelp("On this document.", valueName: "name")) var document:
            String?
        @Option(help: ArgumentHelp("On this code.", valueName: "path")) var code: String?

        func run() throws {
            let targets: [Memo.Target] = [
                caseName.map(Memo.Target.case), document.map(Memo.Target.document), code.map(Memo.Target.code),
            ].compactMap { $0 }
            guard targets.count <= 1 else {
                throw ValidationError(
                    "a memo is on one thing: give one of --case, --doc and --code (or none for the project)")
            }
            guard !Name.trimmed(text).isEmpty else {
                throw ValidationError("the memo is empty; write its text in quotes")
            }
            let target = targets.first ?? .project
            try global.openProject().addMemo(on: target, text: text, coder: try global.coderName())
            emit("wrote a memo on " + Self.describe(target) + "\n")
        }

        static func describe(_ target: Memo.Target) -> String {
            switch target {
            case .project: return "the project"
            case .case(let name): return "case \(name)"
            case .document(let name): return "document \(name)"
            case .code(let path): return "code \(path)"
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Every memo: kind, what it is on, coder, date and text.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() throws {
            var memos = try global.openProjectForReading().allMemos()
            // Pseudonymised, a memo on a coding names the coding's stretch in the pseudonymised text.
            if OutputPseudonyms.current != nil { memos = try OutputPseudonyms.current!.memos(memos) }
            let listing = Listing(
                columns: ["kind", "on", "coder", "updated_at", "text"],
                rows: memos.map {
                    [
                        .string($0.kind.rawValue), .string($0.target), $0.coder.map(JSONValue.string) ?? .null,
                        .string($0.updatedAt), .string($0.text),
                    ]
                },
                truncate: ["text": 60, "updated_at": 20])
            try listing.emit(format)
        }
    }
}
