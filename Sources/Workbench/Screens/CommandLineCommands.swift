import CodingEngine

/// The `:` commands, as a table: their names, argument, help, and what each does.
/// `:help` and an unknown command list them all.
struct CommandLineCommands {
    var names: [String]
    var argument: String?
    var help: String
    var run: @Sendable (String, inout State) -> [Effect]

    static let all: [CommandLineCommands] = [
        .init(names: ["coder"], argument: "NAME", help: "code as NAME (without NAME: who is coding)") {
            argument, state in
            guard !argument.isEmpty else {
                state.message = "coding as \(state.coder); :coder NAME changes it"
                return []
            }
            return Reducer.switchCoder(to: argument, &state)
        },
        .init(names: ["open", "e", "edit"], argument: "DOC", help: "open a document (a name or its start)") {
            argument, state in
            guard
                let entry = state.documents.first(where: { $0.name == argument })
                    ?? state.documents.first(where: {
                        !argument.isEmpty && $0.name.lowercased().hasPrefix(argument.lowercased())
                    })
            else {
                state.message = "no document \"\(argument)\"; Tab lists them"
                return []
            }
            return Reducer.open(entry.name, &state)
        },
        .init(names: ["matrix"], argument: "FOLDER", help: "the case matrix of a folder's codes") { argument, state in
            guard let folder = state.codebook.code(path: argument) else {
                state.message = "no folder \"\(argument)\"; :matrix FOLDER, e.g. :matrix Learning type"
                return []
            }
            return Reducer.present(MatrixScreen(folder: folder.path), &state)
        },
        .init(names: ["search"], argument: "PATTERN", help: "search every document for a pattern (S)") {
            argument, state in
            return Reducer.present(SearchScreen(argument), &state)
        },
        .init(names: ["memos"], argument: nil, help: "every memo in the project (B)") { _, state in
            return Reducer.present(MemoBrowserScreen(), &state)
        },
        .init(
            names: ["done"], argument: nil,
            help: "mark this document done: with blind coding on, the other coders' codings of it show"
        ) { _, state in
            guard let document = state.document else {
                state.message = "open a document first (Tab lists them)"
                return []
            }
            return [.markDone(document: document.name)]
        },
        .init(
            names: ["agree"], argument: "A,B [--doc NAME]...",
            help:
                "agreement of two coders (over the documents both coded, or those named), and settling their disagreements"
        ) { argument, state in
            var list = words(argument)
            var documents: [String] = []
            while let flag = list.firstIndex(of: "--doc") {
                guard flag + 1 < list.count else {
                    state.message = "--doc needs a document's name: :agree A,B --doc NAME"
                    return []
                }
                documents += list[flag + 1].split(separator: ",").map { Name.trimmed($0) }.filter { !$0.isEmpty }
                list.removeSubrange(flag...(flag + 1))
            }
            guard list.count <= 1 else {
                state.message = "say :agree A,B or :agree A,B --doc NAME"
                return []
            }
            if let unknown = documents.first(where: { name in !state.documents.contains { $0.name == name } }) {
                state.message = "no document \"\(unknown)\"; Tab lists them"
                return []
            }
            let names = (list.first ?? "").split(separator: ",").map { Name.trimmed($0) }.filter { !$0.isEmpty }
            return Reducer.apply(AgreementScreen.open(names, documents: documents, state), updated: state.mode, &state)
        },
        .init(names: ["consensus"], argument: "NAME", help: "the coder settled disagreements are written as") {
            argument, state in
            guard !argument.isEmpty else {
                state.message =
                    "settled disagreements are written as \(state.consensusCoder); :consensus NAME changes it"
                return []
            }
            state.consensusCoder = argument
            state.message = "settled disagreements will be written as \(argument)"
            return []
        },
        .init(
            names: ["case"], argument: "rename OLD NEW | merge SOURCE TARGET",
            help: "rename a case, or merge one into another (names with spaces in \"quotes\")"
        ) { argument, state in
            switch words(argument) {
            case let w where w.count == 3 && w[0] == "rename": return [.perform(.renameCase(name: w[1], newName: w[2]))]
            case let w where w.count == 3 && w[0] == "merge": return [.perform(.mergeCase(source: w[1], target: w[2]))]
            default:
                state.message = "say :case rename OLD NEW or :case merge SOURCE TARGET"
                return []
            }
        },
        .init(
            names: ["document", "doc"], argument: "rename OLD NEW | move NAME CASE | remove NAME",
            help: "rename a document, move it to a case, or remove it with its codings (u undoes)"
        ) { argument, state in
            switch words(argument) {
            case let w where w.count == 3 && w[0] == "rename":
                return [.perform(.renameDocument(name: w[1], newName: w[2]))]
            case let w where w.count == 3 && w[0] == "move":
                return [.perform(.moveDocument(name: w[1], caseName: w[2]))]
            case let w where w.count == 2 && w[0] == "remove": return [.perform(.removeDocument(name: w[1]))]
            default:
                state.message = "say :document rename OLD NEW, :document move NAME CASE or :document remove NAME"
                return []
            }
        },
        .init(names: ["codebook"], argument: nil, help: "the codebook screen (K)") { _, state in
            Reducer.run(CodebookScreen.command, &state)
        },
        .init(names: ["others"], argument: nil, help: "show or hide other coders' codings") { _, state in
            Reducer.run(.toggleOthers, &state)
        },
        .init(names: ["numbers"], argument: nil, help: "turn or line numbers in the gutter") { _, state in
            Reducer.run(.toggleLineNumbers, &state)
        },
        .init(
            names: ["pseudonyms"], argument: "on|off",
            help: "show the text with the pseudonym table's pseudonyms (for sharing the screen), or the real names"
        ) { argument, state in
            switch argument {
            case "on": return [.loadPseudonyms]
            case "off":
                Reducer.showPseudonyms(nil, &state)
                state.message = "showing the real names"
                return []
            default:
                state.message =
                    (state.pseudonyms == nil ? "showing the real names" : "showing pseudonyms")
                    + "; :pseudonyms on or :pseudonyms off"
                return []
            }
        },
        .init(names: ["turn", "t"], argument: "N", help: "go to turn N of the open document") { argument, state in
            guard let document = state.document else {
                state.message = "open a document first (Tab lists them)"
                return []
            }
            guard let number = Int(Name.trimmed(argument)),
                let turn = document.turns.first(where: { $0.index == number })
            else {
                state.message =
                    document.turns.isEmpty
                    ? "\(document.name) has no turns"
                    : "say :turn N with N from 1 to \(document.turns.count)"
                return []
            }
            state.anchor = nil
            state.cursor = turn.speechStart
            Reducer.reveal(&state)
            state.message = "turn \(turn.index)" + (turn.speaker.map { " · \($0)" } ?? "")
            return []
        },
        .init(names: ["help"], argument: nil, help: "the keys and these commands") { _, state in
            state.message = "commands: " + all.map { ":" + $0.names[0] }.joined(separator: " ")
            return Reducer.present(HelpScreen(for: .normal, focus: state.focus), &state)
        },
        .init(names: ["q", "quit", "q!", "wq", "x"], argument: nil, help: "quit (everything is saved already)") {
            _, state in
            Reducer.quit(&state)
        },
    ]

    /// A command's words: split at spaces, except inside double quotes.
    static func words(_ text: String) -> [String] {
        var words: [String] = [], current = "", quoted = false, started = false
        for character in text {
            if character == "\"" { quoted.toggle(); started = true; continue }
            if character == " ", !quoted {
                if started { words.append(current) }
                current = ""; started = false
                continue
            }
            current.append(character); started = true
        }
        if started { words.append(current) }
        return words
    }

    /// Runs a `:` line.
    static func run(_ line: String, _ state: inout State) -> [Effect] {
        let words = line.split(separator: " ", maxSplits: 1).map(String.init)
        guard let verb = words.first else { return [] }
        let argument = words.count > 1 ? Name.trimmed(words[1]) : ""
        guard let command = all.first(where: { $0.names.contains(verb) }) else {
            state.message =
                "unknown command :\(verb); the commands are " + all.map { ":" + $0.names[0] }.joined(separator: " ")
            return []
        }
        return command.run(argument, &state)
    }
}
