import CodingEngine

/// Key bindings as data: one table per place in the workbench, each entry a set of
/// keys, the command and its help text. The help screen and the status-bar hints are
/// generated from these tables, so they cannot drift from what the keys do.
public enum KeyBindings {
    public struct Binding: Sendable {
        public var keys: [Key]
        public var command: Command
        public var help: String
        /// Shown in the status bar's hints.
        public var hint: Bool
        /// The hint's word, when not the help's first word.
        public var hintWord: String?

        init(_ keys: [Key], _ command: Command, _ help: String, hint: Bool = false, word: String? = nil) {
            self.keys = keys
            self.command = command
            self.help = help
            self.hint = hint
            self.hintWord = word
        }
    }

    /// A named table, in the order the help screen shows them.
    public struct Table: Sendable {
        public var title: String
        public var bindings: [Binding]
    }

    static func c(_ s: String) -> [Key] { s.map { Key.character($0) } }

    public static let transcript = Table(
        title: "Transcript",
        bindings: [
            Binding(c("j") + [.down], .lineDown, "next line"),
            Binding(c("k") + [.up], .lineUp, "previous line"),
            Binding(c("h") + [.left], .charLeft, "previous character"),
            Binding(c("l") + [.right], .charRight, "next character"),
            Binding(c("w"), .wordForward, "next word"),
            Binding(c("b"), .wordBackward, "previous word"),
            Binding(c(")"), .sentenceForward, "next sentence"),
            Binding(c("("), .sentenceBackward, "previous sentence"),
            Binding(c("}"), .turnForward, "next turn"),
            Binding(c("{"), .turnBackward, "previous turn"),
            Binding([.pageDown, .control("f"), .character(" ")], .pageDown, "page down"),
            Binding([.pageUp, .control("b")], .pageUp, "page up"),
            Binding(c("g") + [.home], .documentStart, "start of the document"),
            Binding(c("G") + [.end], .documentEnd, "end of the document"),
            Binding(c("]"), .nextCoded, "next coded passage"),
            Binding(c("["), .previousCoded, "previous coded passage"),
            Binding(c("e"), .nextUncodedTurn, "next turn you have not coded"),
            Binding(c("/"), .search, "search", hint: false),
            Binding(c("n"), .searchNext, "next match"),
            Binding(c("N"), .searchPrevious, "previous match"),
            Binding(c("v"), .startSelection, "start selecting at the cursor (movement extends it)", hint: true),
            Binding(c("t"), .selectTurn, "select the turn", hint: true),
            Binding(c("s"), .selectSentence, "select the sentence"),
            Binding(c("p"), .selectParagraph, "select the paragraph"),
            Binding([.escape], .cancel, "cancel the selection"),
            Binding(c("c"), .openPicker, "code the selection (or turn) with a code from the picker", hint: true),
            Binding(c("."), .repeatLastCode, "apply the last code again"),
            Binding(c("x"), .removeCoding, "remove a coding under the cursor", hint: true),
            Binding(c("<"), .startWordEarlier, "move the start of your coding under the cursor a word earlier"),
            Binding(c(">"), .startWordLater, "move the start of your coding under the cursor a word later"),
            Binding(c("-"), .endWordEarlier, "move the end of your coding under the cursor a word earlier"),
            Binding(c("+"), .endWordLater, "move the end of your coding under the cursor a word later"),
            Binding(c("m"), .editMemo, "memo on your coding under the cursor, or on the document"),
            Binding(c("u") + [.control("z")], .undo, "undo", hint: true),
            Binding([.control("r"), .control("y")], .redo, "redo"),
            Binding(c("P"), .playTurn, "play the turn in the interview's recording (mpv), from its time to the next"),
            Binding(c("o"), .toggleOthers, "show or hide other coders' codings"),
            Binding(c("#"), .toggleLineNumbers, "turn numbers or line numbers in the gutter"),
            Binding([.tab] + c("d"), .toggleDocuments, "documents pane", hint: true),
            Binding(c("r"), .retrieve, "retrieve the passages of a code"),
        ] + ScreenCatalogue.openingBindings + [
            Binding(c(":"), .commandLine, "command line (:coder NAME, :open DOC, :q)"),
            Binding(c("?"), .help, "help", hint: true),
            Binding(c("q"), .quit, "quit", hint: true),
        ])

    public static let documents = Table(
        title: "Documents pane",
        bindings: [
            Binding(c("j") + [.down], .listDown, "next document"),
            Binding(c("k") + [.up], .listUp, "previous document"),
            Binding([.pageDown], .listPageDown, "page down"),
            Binding([.pageUp], .listPageUp, "page up"),
            Binding([.enter], .choose, "open the document", hint: true),
            Binding([.tab, .escape] + c("d"), .toggleDocuments, "back to the transcript", hint: true),
            Binding(c("?"), .help, "help"),
            Binding(c("q"), .quit, "quit", hint: true),
        ])

    /// Keys that work on every screen, in fields too.
    public static let everywhere = Table(
        title: "Everywhere",
        bindings: [
            Binding([.control("c")], .quit, "quit (everything is saved already)")
        ])

    /// The codebook's hotkeys as a table: each codes the selection, or the turn.
    public static func hotkeys(_ codebook: Codebook) -> Table {
        Table(
            title: "Codebook hotkeys",
            bindings: codebook.codes.compactMap { code in
                guard let hotkey = code.hotkey, let key = hotkey.first else { return nil }
                return Binding([.character(key)], .applyHotkey(hotkey), "code with \(code.path)")
            })
    }

    /// Every table, for the help screen: the transcript's, the components', then each
    /// screen's (from `ScreenCatalogue`), each once.
    public static let all: [Table] = {
        let tables =
            [
                transcript, documents, everywhere, ListCursor.keys, ListCursor.fieldKeys, TableCursor.keys,
                LineEditor.keys,
                TextEditor.keys,
            ] + ScreenCatalogue.screens.flatMap { $0.tables }
        return tables.reduce(into: [Table]()) { all, table in
            if !all.contains(where: { $0.title == table.title }) { all.append(table) }
        }
    }()

    /// The tables that answer keys on a screen, its own first: what the reducer
    /// dispatches from, the status bar hints and help lists first.
    public static func tables(for mode: State.Mode, focus: State.Focus) -> [Table] {
        mode.screen?.keyTables ?? [focus == .documents ? documents : transcript]
    }

    /// The command bound to `key` in the first of `tables` that binds it.
    public static func command(for key: Key, in tables: [Table]) -> Command? {
        for table in tables { if let command = command(for: key, in: table) { return command } }
        return nil
    }

    /// The command bound to `key` in `table`, if any.
    public static func command(for key: Key, in table: Table) -> Command? {
        table.bindings.first { $0.keys.contains(key) }?.command
    }

    /// `keys  help` hints for the status bar.
    public static func hints(_ table: Table) -> String { hints(table.bindings.filter(\.hint)) }

    /// `keys  help` for these bindings.
    public static func hints(_ bindings: [Binding]) -> String {
        bindings.map { binding in
            "\(binding.keys[0]) \(binding.hintWord ?? String(binding.help.split(separator: " ").first ?? ""))"
        }.joined(separator: "  ")
    }

    /// What the status bar hints now: the hinted keys of the table shown first that
    /// do something in this state.
    public static func hinted(_ state: State) -> [Binding] {
        guard let table = tables(for: state.mode, focus: state.focus).first else { return [] }
        return table.bindings.filter { $0.hint && offers($0.command, state) }
    }

    /// Whether `command` does something now, on the screen shown or in the transcript.
    static func offers(_ command: Command, _ state: State) -> Bool {
        if let screen = state.mode.screen { return screen.offers(command, state) }
        guard state.focus == .transcript else { return true }
        switch command {
        case .removeCoding: return Reducer.ownCodingUnderCursor(state) != nil
        case .undo: return !state.undoStack.isEmpty
        default: return true
        }
    }

    /// Hints with every key of each binding, for a box's own hint line:
    /// "Enter or Ctrl-S save · Esc cancel".
    public static func spelledOut(_ table: Table) -> String {
        table.bindings.filter(\.hint).map { binding in
            binding.keys.map(\.description).joined(separator: " or ") + " "
                + (binding.hintWord ?? String(binding.help.split(separator: " ").first ?? ""))
        }.joined(separator: " · ")
    }
}
