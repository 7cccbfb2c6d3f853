import CodingEngine

/// The code picker: filters the codable codes as one types (by path or hotkey),
/// shows the highlighted code's definition, applies (or retrieves) on Enter, and
/// creates the code typed when none matches.
public struct PickerScreen: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable { case apply, retrieve }
    public var purpose: Purpose
    public var query = LineEditor()
    public var list = ListCursor()

    public init(purpose: Purpose) { self.purpose = purpose }

    public static let keys = KeyBindings.Table(title: "Code picker", bindings: [
        .init([.down, .control("n")], .listDown, "next code"),
        .init([.up, .control("p")], .listUp, "previous code"),
        .init([.pageDown], .listPageDown, "page down"),
        .init([.pageUp], .listPageUp, "page up"),
        .init([.enter], .choose, "apply the code (or create the one typed)", hint: true, word: "choose"),
        .init([.escape], .cancel, "close", hint: true),
    ])

    /// The codable codes whose path or hotkey matches the query, in codebook order.
    public static func matches(_ codebook: Codebook, query: String) -> [Code] {
        let needle = Name.trimmed(query.lowercased())
        return codebook.codes.filter { code in
            code.codable && (needle.isEmpty || code.path.lowercased().contains(needle) || code.hotkey == needle)
        }
    }

    /// Where a code typed into the picker is created: the folder of the last code
    /// applied, else the top of the codebook.
    public static func newCodePath(_ state: State, name: String) -> String {
        let clean = Name.trimmed(name).replacingOccurrences(of: "/", with: "-")
        if let last = state.lastCode, let slash = last.lastIndex(of: "/") { return String(last[..<slash]) + "/" + clean }
        return clean
    }

    /// The box's geometry for a terminal: rows for codes.
    static func rows(_ state: State) -> Int { max(1, min(state.height - 2, 26) - 8) }

    mutating func handle(_ key: Key, _ state: inout State) -> Outcome {
        let matches = Self.matches(state.codebook, query: query.text)
        list.resize(matches.count)
        let rows = Self.rows(state)
        switch KeyBindings.command(for: key, in: Self.keys) {
        case .listDown: list.move(1, rows: rows)
        case .listUp: list.move(-1, rows: rows)
        case .listPageDown: list.page(1, rows: rows)
        case .listPageUp: list.page(-1, rows: rows)
        case .cancel: return .back
        case .choose:
            if matches.indices.contains(list.selected) {
                let path = matches[list.selected].path
                switch purpose {
                case .apply: return Outcome(.back, Reducer.apply(path, &state))
                case .retrieve:
                    let reader = ReaderScreen(title: "Retrieve \(path)", query: .code(path), filterable: true)
                    return Outcome(.replace(.reader(reader)), [.loadPassages(.code(path))])
                }
            }
            guard purpose == .apply, !Name.trimmed(query.text).isEmpty,
                  let document = state.document, let range = state.selection ?? state.currentTurn?.speech else { return .stay }
            let path = Self.newCodePath(state, name: query.text)
            state.anchor = nil
            state.lastCode = path
            state.saved = false
            return Outcome(.back, [.createCode(path: path, then: NewCoding(document: document.name, range: range, code: path, coder: state.coder))])
        default:
            if query.handle(key) == .edited { list = ListCursor(count: Self.matches(state.codebook, query: query.text).count) }
        }
        return .stay
    }

    func draw(_ state: State, into screen: inout ScreenBuffer) {
        let matches = Self.matches(state.codebook, query: query.text)
        var list = self.list
        list.resize(matches.count)
        let title = purpose == .apply ? "Code with…" : "Retrieve passages of…"
        let rows = Self.rows(state)
        let inner = Layout.box(title: title, width: 70, height: min(rows, max(4, matches.count)) + 8, &screen)
        screen.put("›", x: inner.x, y: inner.y, style: .bold)
        screen.cursor = query.draw(x: inner.x + 2, y: inner.y, width: inner.width - 14, style: .bold, into: &screen)
        screen.put(matches.isEmpty ? "" : list.position, x: inner.right - 12, y: inner.y, style: .dim, limit: inner.right)
        if matches.isEmpty {
            let text = purpose == .apply && !query.isEmpty
                ? "Enter creates “\(Self.newCodePath(state, name: query.text))” and applies it"
                : "no code matches"
            screen.put(text, x: inner.x, y: inner.y + 2, style: .dim, limit: inner.right)
            return
        }
        for (row, index) in list.visible(rows: min(rows, max(4, matches.count))).enumerated() {
            let code = matches[index]
            let y = inner.y + 2 + row
            let selected = index == list.selected
            var x = screen.put("■ ", x: inner.x, y: y, style: Style(foreground: RGB(hex: code.color)))
            x = screen.put((code.hotkey ?? " ") + " ", x: x, y: y, style: .dim)
            screen.put(code.path, x: x, y: y, style: Style(bold: selected, reverse: selected), limit: inner.right)
        }
        // The highlighted code's definition, under the list.
        let definition = matches.indices.contains(list.selected) ? matches[list.selected].description : ""
        let lines = TextWrap.lines(definition.isEmpty ? "(no definition)" : definition, width: inner.width)
        for (offset, line) in lines.prefix(3).enumerated() {
            screen.put(line, x: inner.x, y: inner.bottom - 3 + offset, style: .dim, limit: inner.right)
        }
    }
}
