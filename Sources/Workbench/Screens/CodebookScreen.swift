import CodingEngine

/// The codebook under the researcher's control (`K`): the tree with each code's
/// colour, hotkey and counts, the highlighted code's definition, counts per coder and
/// history; keys to add, rename, move (cut and paste), merge (mark, then merge into
/// the code under the cursor), delete, recolour, give a hotkey, make a folder or a
/// code, and edit the definition. Every change is one undoable edit.
public struct CodebookScreen: TranscriptPlace {
    /// What the screen is asking, when it asks something.
    public enum Prompt: Equatable, Sendable {
        /// A new code's name, placed below `parent` (nil: the top level).
        case add(parent: String?, LineEditor)
        case rename(path: String, LineEditor)
        /// Waiting for the key to give the code as its hotkey.
        case hotkey(path: String)
        case confirmDelete(path: String, codings: Int, codes: Int)
        case confirmMerge(sources: [String], target: String, codings: Int)
    }

    public var list = ListCursor()
    /// Codes marked for merging, by path.
    public var marked: [String] = []
    /// The code cut for moving, by path.
    public var cut: String?
    public var prompt: Prompt?
    /// Codings per code (by id) and coder.
    public var counts: [Int64: [String: Int]] = [:]
    public var history: [HistoryEntry] = []
    public var loaded = false
    /// A code just added, moved or renamed, to put the cursor on when the codebook is read again.
    public var follow: String?

    public init() {}

    public static let keys = KeyBindings.Table(
        title: "Codebook",
        bindings: [
            .init(
                [.character("a")], .addCode, "add a code beside the one under the cursor (Folder/Name makes folders)",
                hint: true),
            .init([.character("A")], .addChildCode, "add a code below the one under the cursor"),
            .init([.character("r")], .renameCode, "rename the code", hint: true),
            .init([.character("x")], .cutCode, "cut the code, to move it with p or P", hint: true, word: "move"),
            .init([.character("p")], .pasteCode, "paste the cut code below the code under the cursor"),
            .init([.character("P")], .pasteTopLevel, "paste the cut code at the top level"),
            .init([.character(" ")], .markCode, "mark the code for merging (again to unmark)"),
            .init([.character("m")], .mergeCodes, "merge the marked codes into the code under the cursor", hint: true),
            .init(
                [.character("d")], .deleteCode, "delete the code (asks first, saying how many codings go)", hint: true),
            .init([.character("c")], .nextColour, "give the code the next colour of the palette"),
            .init(
                [.character("h")], .setHotkey, "give the code a hotkey: then press the key", hint: true, word: "hotkey"),
            .init([.character("f")], .toggleCodable, "make the code a folder, or a folder a code"),
            .init([.enter, .character("e")], .editDefinition, "edit the definition", hint: true, word: "define"),
            .init([.character("u"), .control("z")], .undo, "undo"),
            .init([.control("r"), .control("y")], .redo, "redo"),
            .init([.escape, .character("q"), .character("K")], .cancel, "close", hint: true),
            .init([.character("?")], .help, "help"),
        ])

    public static let nameKeys = KeyBindings.Table(
        title: "Codebook: a name",
        bindings: [
            .init([.enter, .control("s")], .submit, "add or rename", hint: true, word: "save"),
            .init([.escape], .cancel, "cancel", hint: true),
        ])

    public static let confirmKeys = KeyBindings.Table(
        title: "Codebook: confirming",
        bindings: [
            .init([.character("y")], .confirm, "yes, do it", hint: true, word: "yes"),
            .init([.character("n"), .escape], .cancel, "no, leave it as it is", hint: true, word: "no"),
        ])

    public static let hotkeyKeys = KeyBindings.Table(
        title: "Codebook: a hotkey (any key not in the transcript's table)",
        bindings: [
            .init([.backspace, .delete], .editBackspace, "take the hotkey off", hint: true, word: "none"),
            .init([.escape], .cancel, "keep the hotkey as it is", hint: true, word: "keep"),
        ])

    public static let opening = Opening(
        [.character("K")], "the codebook: add, rename, move, merge, delete, define codes", needsDocument: false)

    public static func open(_ app: State) -> Outcome {
        // The cursor on the code applied last.
        var screen = CodebookScreen()
        let codes = app.codebook.codes
        let last = app.lastCode.flatMap { app.codebook.code(path: $0) }
        screen.list = ListCursor(
            count: codes.count, selected: last.flatMap { code in codes.firstIndex { $0.id == code.id } } ?? 0)
        return .open(screen, app)
    }

    /// Every table it answers from: its own, and its questions'.
    public static var tables: [KeyBindings.Table] { [keys, nameKeys, confirmKeys, hotkeyKeys] }

    /// The tables answering keys now.
    public var keyTables: [KeyBindings.Table] {
        switch prompt {
        case nil: return [Self.keys, ListCursor.keys]
        case .add, .rename: return [Self.nameKeys, LineEditor.keys]
        case .hotkey: return [Self.hotkeyKeys]
        case .confirmDelete, .confirmMerge: return [Self.confirmKeys]
        }
    }

    public func offers(_ command: Command, _ app: State) -> Bool {
        command == .mergeCodes ? marked.contains { $0 != selected(app)?.path } : true
    }

    public var takesText: Bool {
        switch prompt {
        case .add, .rename: return true
        default: return false
        }
    }

    /// Each code's codings per coder, and the history of codes and codings.
    public struct Data: Equatable, Sendable {
        var counts: [Int64: [String: Int]]
        var history: [HistoryEntry]
    }

    public func load(_ app: State) -> [Effect] {
        [
            Self.reading("counts and history") { reader in
                let names = try reader.store.coderNames()
                var counts: [Int64: [String: Int]] = [:]
                for span in try reader.store.codingSpans(coder: nil) {
                    counts[span.codeID, default: [:]][names[span.coderID] ?? "?", default: 0] += 1
                }
                return Data(counts: counts, history: try reader.store.history([.code, .coding]))
            }
        ]
    }

    public mutating func receive(_ data: Data, _ app: State) -> Outcome {
        counts = data.counts
        history = data.history
        loaded = true
        let codebook = app.codebook
        list.resize(codebook.codes.count)
        if let path = follow, let code = codebook.code(path: path),
            let index = codebook.codes.firstIndex(where: { $0.id == code.id })
        {
            list.select(index, rows: Self.rows(app))
        }
        follow = nil
        return .stay
    }

    /// Every write may change the counts or the history: they are read again.
    public mutating func written(_ edit: State.Edit, _ app: State) -> [Effect] { load(app) }

    /// Rows for the tree on a terminal of this size.
    static func rows(_ state: State) -> Int { max(1, state.height - 5 - (state.width >= 100 ? 0 : 8)) }

    func selected(_ state: State) -> Code? {
        state.codebook.codes.indices.contains(list.selected) ? state.codebook.codes[list.selected] : nil
    }

    // MARK: Keys

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        let state = app
        list.resize(state.codebook.codes.count)
        if let prompt { return answer(prompt, message, state) }
        guard case .command(let command) = message else { return .stay }
        let rows = Self.rows(state)
        if list.perform(command, rows: rows) { return .stay }
        let code = selected(state)
        switch command {
        case .cancel: return .back
        case .addCode:
            let parent = code.flatMap { $0.parentID }.flatMap { state.codebook.code(id: $0)?.path }
            prompt = .add(parent: parent, LineEditor())
        case .addChildCode:
            guard let code else { prompt = .add(parent: nil, LineEditor()); break }
            prompt = .add(parent: code.path, LineEditor())
        case .renameCode:
            guard let code else { break }
            prompt = .rename(path: code.path, LineEditor(code.name))
        case .cutCode:
            guard let code else { break }
            cut = cut == code.path ? nil : code.path
            return .say(
                cut.map { "cut \($0): p pastes it below the code under the cursor, P at the top level" }
                    ?? "nothing cut")
        case .pasteCode, .pasteTopLevel:
            guard let moving = cut else { return .say("cut a code first with x") }
            cut = nil
            return Outcome(
                .stay, [.perform(.moveCode(path: moving, folder: command == .pasteTopLevel ? nil : code?.path))])
        case .markCode:
            guard let code else { break }
            if let index = marked.firstIndex(of: code.path) {
                marked.remove(at: index)
            } else {
                marked.append(code.path)
            }
            list.move(1, rows: rows)
            return .say(
                marked.isEmpty
                    ? "nothing marked" : "marked \(marked.count): m merges them into the code under the cursor")
        case .mergeCodes:
            guard let code else { break }
            let sources = marked.filter { $0 != code.path }
            guard !sources.isEmpty else {
                return .say(
                    marked == [code.path]
                        ? "mark the codes to merge into this one (Space on each), then m here"
                        : "mark the codes to merge with Space first, then m on the code they become")
            }
            // Merging moves the sources' own codings (the codes below them move along, theirs with them).
            let codings = sources.compactMap { state.codebook.code(path: $0) }.reduce(0) {
                $0 + (counts[$1.id]?.values.reduce(0, +) ?? 0)
            }
            prompt = .confirmMerge(sources: sources, target: code.path, codings: codings)
        case .deleteCode:
            guard let code else { break }
            let subtree = state.codebook.subtree(of: code.id)
            prompt = .confirmDelete(path: code.path, codings: total(of: code, state), codes: subtree.count)
        case .nextColour:
            guard let code else { break }
            let palette = CodingEngine.CodebookFile.palette
            let next = palette[((palette.firstIndex(of: code.color.lowercased()) ?? -1) + 1) % palette.count]
            return Outcome(.stay, [.perform(.setCode(path: code.path, settings: CodeSettings(color: next)))])
        case .setHotkey:
            guard let code else { break }
            prompt = .hotkey(path: code.path)
        case .toggleCodable:
            guard let code else { break }
            return Outcome(.stay, [.perform(.setCode(path: code.path, settings: CodeSettings(codable: !code.codable)))])
        case .editDefinition:
            guard let code else { break }
            return .open(MemoScreen(.definition(code.path), text: code.description), app)
        default: break
        }
        return .stay
    }

    private mutating func answer(_ asked: Prompt, _ message: ScreenMessage, _ state: State) -> Outcome {
        switch asked {
        case .add(_, var editor), .rename(_, var editor):
            if message == .command(.cancel) { prompt = nil; return .stay }
            if message == .command(.submit) {
                prompt = nil
                let typed = Name.trimmed(editor.text)
                guard !typed.isEmpty else { return .stay }
                switch asked {
                case .rename(let path, _):
                    let parent = path.split(separator: "/").dropLast().joined(separator: "/")
                    follow = parent.isEmpty ? typed : parent + "/" + typed
                    return Outcome(.stay, [.perform(.renameCode(path: path, name: typed))])
                case .add(let parent, _):
                    let path = (parent.map { $0 + "/" } ?? "") + typed
                    follow = Codebook.normalizedPath(path)
                    return Outcome(.stay, [.perform(.addCode(path: path, settings: CodeSettings(), coding: nil))])
                default: return .stay
                }
            }
            _ = editor.take(message)
            switch asked {
            case .rename(let path, _): prompt = .rename(path: path, editor)
            case .add(let parent, _): prompt = .add(parent: parent, editor)
            default: break
            }
        case .hotkey(let path):
            prompt = nil
            switch message {
            case .command(.cancel): return .stay
            case .command(.editBackspace):
                return Outcome(.stay, [.perform(.setCode(path: path, settings: CodeSettings(hotkey: .some(nil))))])
            default:
                // Any key no table of this question binds is the hotkey asked for.
                guard case .key(.character(let c)) = message else {
                    return .say("a hotkey is one character; Esc keeps the hotkey")
                }
                if let problem = Hotkey.problem(String(c)) { return .say(problem) }
                return Outcome(
                    .stay, [.perform(.setCode(path: path, settings: CodeSettings(hotkey: .some(String(c)))))])
            }
        case .confirmDelete(let path, let codings, _):
            prompt = nil
            guard message == .command(.confirm) else { return .stay }
            return Outcome(.stay, [.perform(.deleteCode(path: path, withCodings: codings > 0))])
        case .confirmMerge(let sources, let target, _):
            prompt = nil
            guard message == .command(.confirm) else { return .stay }
            marked = []
            let makeCodable = !(state.codebook.code(path: target)?.codable ?? true)
            return Outcome(.stay, [.perform(.mergeCodes(sources: sources, target: target, makeCodable: makeCodable))])
        }
        return .stay
    }

    /// Every coder's codings of `code` (not of the codes below it).
    /// Codings of the code and of every code below it (a folder shows what its codes hold).
    func total(of code: Code, _ state: State) -> Int {
        state.codebook.subtree(of: code.id).reduce(0) { $0 + (counts[$1.id]?.values.reduce(0, +) ?? 0) }
    }

    /// The coder's codings of the code and of every code below it.
    func mine(of code: Code, _ state: State) -> Int {
        state.codebook.subtree(of: code.id).reduce(0) { $0 + (counts[$1.id]?[state.coder] ?? 0) }
    }

    // MARK: Drawing

    public func draw(_ state: State, into screen: inout ScreenBuffer) {
        let area = Layout.body(&screen)
        var list = self.list
        list.resize(state.codebook.codes.count)
        Layout.title(
            "Codebook · \(state.codebook.codes.count) codes · yours/all codings", position: list.position, in: area,
            &screen)
        let wide = state.width >= 100
        let treeWidth = wide ? area.width / 2 : area.width - 1
        let rows = Self.rows(state)
        for (row, index) in list.visible(rows: rows).enumerated() {
            let code = state.codebook.codes[index]
            let y = area.y + 2 + row
            let selected = index == list.selected
            var x = area.x + 1 + code.depth * 2
            let mark = marked.contains(code.path) ? "●" : cut == code.path ? "✂" : " "
            x = screen.put(mark, x: area.x, y: y, style: .bold)
            x = area.x + 1 + code.depth * 2
            let swatch = state.labels.swatch(code, colors: state.colors)
            x = screen.put(swatch.text + " ", x: x, y: y, style: swatch.style)
            x = screen.put((code.hotkey ?? " ") + " ", x: x, y: y, style: .bold)
            let counted = "\(mine(of: code, state))/\(total(of: code, state))"
            let right = area.x + treeWidth
            let name = code.name + (code.codable ? "" : "/")
            screen.put(
                name, x: x, y: y, style: Style(bold: !code.codable || selected, reverse: selected),
                limit: max(x, right - counted.count - 1))
            screen.put(counted, x: right - counted.count, y: y, style: .dim)
        }
        guard let code = selected(state) else {
            screen.put("The codebook is empty: a adds a code.", x: area.x + 1, y: area.y + 2, style: .dim)
            return
        }
        let details =
            wide
            ? Geometry.Rect(
                x: area.x + treeWidth + 3, y: area.y + 2, width: area.width - treeWidth - 4, height: area.height - 4)
            : Geometry.Rect(x: area.x + 1, y: area.y + 3 + rows, width: area.width - 2, height: 7)
        drawDetails(code, state, in: details, into: &screen)
        drawPrompt(state, area: area, into: &screen)
    }

    private func drawDetails(_ code: Code, _ state: State, in rect: Geometry.Rect, into screen: inout ScreenBuffer) {
        var lines: [(String, Style)] = [(code.path, .bold)]
        let perCoder = (counts[code.id] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        lines.append(
            (
                (code.codable ? "code" : "folder") + " · hotkey " + (code.hotkey ?? "none") + " · "
                    + (perCoder.isEmpty ? "no codings" : perCoder.joined(separator: " · ")), .dim
            ))
        for line in TextWrap.lines(
            code.description.isEmpty ? "(no definition: Enter writes one)" : code.description, width: rect.width)
        {
            lines.append((line, .plain))
        }
        let mine = history.filter { $0.subjectGUID == code.guid || $0.subject == code.path }.suffix(5)
        if !mine.isEmpty {
            lines.append(("", .plain))
            lines.append(("History", .bold))
            for entry in mine.reversed() {
                lines.append(("\(entry.at.prefix(10)) \(entry.who): \(entry.detail)", .dim))
            }
        }
        for (offset, line) in lines.prefix(rect.height).enumerated() {
            screen.put(line.0, x: rect.x, y: rect.y + offset, style: line.1, limit: rect.right)
        }
    }

    private func drawPrompt(_ state: State, area: Geometry.Rect, into screen: inout ScreenBuffer) {
        guard let prompt else { return }
        let y = area.bottom - 1
        screen.fill(x: 0, y: y, width: screen.width, height: 1)
        switch prompt {
        case .add(let parent, let editor):
            let x = screen.put(
                "new code " + (parent.map { "in \($0)" } ?? "at the top level") + ": ", x: area.x + 1, y: y,
                style: .bold)
            screen.cursor = editor.draw(x: x, y: y, width: max(1, area.right - x), style: .plain, into: &screen)
        case .rename(let path, let editor):
            let x = screen.put("rename \(path) to: ", x: area.x + 1, y: y, style: .bold)
            screen.cursor = editor.draw(x: x, y: y, width: max(1, area.right - x), style: .plain, into: &screen)
        case .hotkey(let path):
            screen.put(
                "press the key that applies \(path) (Backspace: no hotkey, Esc: keep)", x: area.x + 1, y: y,
                style: .bold, limit: area.right)
        case .confirmDelete(let path, let codings, let codes):
            let what = codes > 1 ? "\(path) and the \(codes - 1) code\(codes == 2 ? "" : "s") below it" : path
            screen.put(
                "delete \(what)" + (codings > 0 ? " with \(Words.count(codings, "coding"))" : "")
                    + "? y deletes · n keeps (u undoes)",
                x: area.x + 1, y: y, style: .bold, limit: area.right)
        case .confirmMerge(let sources, let target, let codings):
            let folder = state.codebook.code(path: target).map { !$0.codable } ?? false
            screen.put(
                "merge \(sources.joined(separator: ", ")) into \(target) (\(Words.count(codings, "coding")) move"
                    + (folder ? "; the folder becomes a code you can apply" : "") + ")? y merges · n keeps",
                x: area.x + 1, y: y, style: .bold, limit: area.right)
        }
    }
}
