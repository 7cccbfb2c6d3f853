/// The keys, generated from the key tables: those of the screen it was opened from
/// first, then the codebook's hotkeys, every other table and the `:` commands.
public struct HelpScreen: Screen {
    /// The titles of the tables of the screen help was opened from.
    public var current: [String]
    public var scroll = ListCursor()

    public init(for mode: State.Mode, focus: State.Focus = .transcript) {
        current = KeyBindings.tables(for: mode, focus: focus).map(\.title)
    }

    public var keyTables: [KeyBindings.Table] { [Self.keys] }

    public static let keys = KeyBindings.Table(
        title: "Help",
        bindings: [
            .init([.character("j"), .down], .listDown, "scroll down", hint: true, word: "scroll"),
            .init([.character("k"), .up], .listUp, "scroll up"),
            .init([.pageDown, .character(" ")], .listPageDown, "page down"),
            .init([.pageUp], .listPageUp, "page up"),
            .init([.escape, .character("q"), .character("?")], .cancel, "close", hint: true),
        ])

    static func rows(_ state: State) -> Int { max(1, state.height - 2) }

    /// Every line of help, with its style.
    static func lines(_ current: [String], _ state: State) -> [(String, Style)] {
        var lines: [(String, Style)] = [
            ("Keys (generated from the key tables; Esc closes, j/k scroll)", .bold), ("", .plain),
        ]
        let all = KeyBindings.all
        let keyWidth = min(20, all.flatMap(\.bindings).map { Self.keyLabel($0).count }.max() ?? 12) + 2
        /// Keys a table before it takes here (a screen's own Space over its list's).
        var taken: Set<Key> = []
        func add(_ table: KeyBindings.Table, over: Bool = false) {
            lines.append((table.title, .bold))
            for var binding in table.bindings {
                if over {
                    binding.keys.removeAll { taken.contains($0) }
                    if binding.keys.isEmpty { continue }
                }
                let keys = Self.keyLabel(binding)
                lines.append(
                    ("  " + keys + String(repeating: " ", count: max(1, keyWidth - keys.count)) + binding.help, .plain))
            }
            lines.append(("", .plain))
        }
        // The screen's own keys first, then those it inherits from its list, table or field.
        for title in current {
            guard let table = all.first(where: { $0.title == title }) else { continue }
            add(table, over: true)
            taken.formUnion(table.bindings.flatMap(\.keys))
        }
        let hotkeys = state.codebook.codes.filter { $0.hotkey != nil }
        if !hotkeys.isEmpty {
            lines.append(("Codebook hotkeys", .bold))
            for code in hotkeys {
                let key = code.hotkey ?? ""
                lines.append(
                    ("  " + key + String(repeating: " ", count: max(1, keyWidth - key.count)) + code.path, .plain))
            }
            lines.append(("  (a hotkey codes the selection, or the current turn when nothing is selected)", .dim))
            lines.append(("", .plain))
        }
        for table in all where !current.contains(table.title) { add(table) }
        lines.append(("Commands (type : then the command, Enter runs it)", .bold))
        for command in CommandLineCommands.all {
            let usage = ":" + command.names[0] + (command.argument.map { " " + $0 } ?? "")
            lines.append(
                ("  " + usage + String(repeating: " ", count: max(1, 22 - usage.count)) + command.help, .plain))
        }
        lines.append(("", .plain))
        lines.append(("Undo is u or Ctrl-Z, redo Ctrl-R or Ctrl-Y. Every change is saved as you make it.", .dim))
        return lines
    }

    /// A binding's keys as the help shows them ("PgDn Ctrl-F Space").
    static func keyLabel(_ binding: KeyBindings.Binding) -> String {
        binding.keys.map(\.description).joined(separator: " ")
    }

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        guard case .command(let command) = message else { return .stay }
        let rows = Self.rows(app)
        scroll.resize(max(0, Self.lines(current, app).count - rows + 1))
        switch command {
        case .listDown: scroll.move(1, rows: 1)
        case .listUp: scroll.move(-1, rows: 1)
        case .listPageDown: scroll.move(rows, rows: 1)
        case .listPageUp: scroll.move(-rows, rows: 1)
        case .cancel: return .back
        default: break
        }
        return .stay
    }

    public func draw(_ state: State, into screen: inout ScreenBuffer) {
        let area = Layout.body(&screen)
        let lines = Self.lines(current, state)
        let start = min(scroll.selected, max(0, lines.count - area.height))
        for (row, line) in lines.dropFirst(start).prefix(area.height).enumerated() {
            screen.put(line.0, x: area.x + 1, y: area.y + row, style: line.1, limit: area.right)
        }
    }
}
