import CodingEngine

/// The code picker: filters the codable codes as one types (by path or hotkey),
/// shows the highlighted code's definition, applies (or retrieves) on Enter, and
/// creates the code typed when none matches.
public struct PickerScreen: Screen {
    public enum Purpose: Equatable, Sendable {
        case apply, retrieve
        /// Moving these codings (by id) to the code chosen, or to a new one typed.
        case recode([Int64])
        /// Coding search hits (widened to `unit`) with the code chosen.
        case codeHits([SearchHit], unit: PassageSelector.MatchUnit)
    }
    public var purpose: Purpose
    public var query = LineEditor()
    public var list = ListCursor()
    /// Enter was pressed once on a name that matches nothing: the next Enter creates it.
    public var confirmingCreate = false

    public init(purpose: Purpose) { self.purpose = purpose }

    public static let keys = KeyBindings.Table(
        title: "Code picker",
        bindings: [
            .init(
                [.enter, .control("s")], .choose, "apply the code (or create the one typed)", hint: true, word: "choose"
            ),
            .init([.escape], .cancel, "close", hint: true),
        ])

    /// The codable codes whose path or hotkey matches the query, or whose name's
    /// initials begin with it ("ktp" finds Knowledge Transfer Partnership), in codebook order.
    public static func matches(_ codebook: Codebook, query: String) -> [Code] {
        let needle = Name.trimmed(query.lowercased())
        return codebook.codes.filter { code in
            code.codable
                && (needle.isEmpty || code.path.lowercased().contains(needle) || code.hotkey == needle
                    || (needle.count >= 2 && !needle.contains(" ") && initials(code.name).hasPrefix(needle)))
        }
    }

    /// A name's initials, lowercased: "Knowledge Transfer Partnership" → "ktp".
    static func initials(_ name: String) -> String {
        String(
            name.split { $0 == " " || $0 == "-" || $0 == "_" }.compactMap(\.first).map { Character($0.lowercased()) })
    }

    /// Where a new code typed into the picker can go: the top level (nil) and every
    /// folder (a code that is not codable or has codes below it).
    public static func places(_ codebook: Codebook) -> [Code?] {
        [nil] + codebook.codes.filter { !$0.codable || codebook.hasChildren($0.id) }.map(Optional.some)
    }

    /// Whether the picker is offering to create the code typed (nothing matches it).
    func creating(_ state: State) -> Bool {
        purpose != .retrieve && !Name.trimmed(query.text).isEmpty
            && Self.matches(state.codebook, query: query.text).isEmpty
    }

    /// The path a new code typed into the picker gets: as typed when it names its
    /// folders (`Folder/Name`), else in the place highlighted.
    public static func newCodePath(_ typed: String, place: Code?) -> String {
        let name = Codebook.normalizedPath(typed)
        if typed.contains("/") { return name }
        return place.map { $0.path + "/" + name } ?? name
    }

    /// The new code's path with the current highlight.
    func newCodePath(_ state: State) -> String {
        let places = Self.places(state.codebook)
        return Self.newCodePath(
            query.text, place: query.text.contains("/") ? nil : places[min(list.selected, places.count - 1)])
    }

    /// The box's geometry for a terminal: rows for codes.
    static func rows(_ state: State) -> Int { max(1, min(state.height - 2, 26) - 8) }

    public var keyTables: [KeyBindings.Table] { [Self.keys, ListCursor.fieldKeys, LineEditor.keys] }
    public var isOverlay: Bool { true }
    public var takesText: Bool { true }

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        let matches = Self.matches(app.codebook, query: query.text)
        let creating = creating(app)
        list.resize(creating ? (query.text.contains("/") ? 1 : Self.places(app.codebook).count) : matches.count)
        if case .command(let command) = message, list.perform(command, rows: Self.rows(app)) { return .stay }
        switch message {
        case .command(.cancel):
            if confirmingCreate {
                confirmingCreate = false
                return .stay
            }
            return .back
        case .command(.choose):
            if !creating, matches.indices.contains(list.selected) {
                let path = matches[list.selected].path
                switch purpose {
                case .apply: return Outcome(.back, requests: [.code(path)])
                case .retrieve:
                    return .replace(
                        with: ReaderScreen(title: "Retrieve \(path)", query: .code(path), filterable: true), app)
                case .recode(let ids):
                    return Outcome(.back, [.perform(.recode(ids: ids, path: path, creating: false))])
                case .codeHits(let hits, let unit):
                    return Outcome(.back, [.codeSearchHits(hits, unit: unit, code: path)], requests: [.lastCode(path)])
                }
            }
            // Creating a code is asked first: the second Enter creates it.
            if creating, !confirmingCreate {
                confirmingCreate = true
                return .stay
            }
            if creating, case .codeHits(let hits, let unit) = purpose {
                // The code is made (one edit), then the hits coded with it (another): u undoes each.
                let path = newCodePath(app)
                return Outcome(
                    .back,
                    [
                        .perform(.addCode(path: path, settings: CodeSettings(), coding: nil)),
                        .codeSearchHits(hits, unit: unit, code: path),
                    ], requests: [.lastCode(path)])
            }
            if creating, case .recode(let ids) = purpose {
                return Outcome(.back, [.perform(.recode(ids: ids, path: newCodePath(app), creating: true))])
            }
            guard creating, let document = app.document, let range = app.selection ?? app.currentTurn?.speech else {
                return .stay
            }
            let path = newCodePath(app)
            return Outcome(
                .back,
                [
                    .perform(
                        .addCode(
                            path: path, settings: CodeSettings(),
                            coding: NewCoding(document: document.name, range: range, code: path, coder: app.coder)))
                ],
                requests: [.unselect, .lastCode(path)])
        default:
            if query.take(message) == .edited {
                confirmingCreate = false
                list = ListCursor(
                    count: self.creating(app)
                        ? Self.places(app.codebook).count : Self.matches(app.codebook, query: query.text).count)
            }
        }
        return .stay
    }

    public func draw(_ state: State, into screen: inout ScreenBuffer) {
        let matches = Self.matches(state.codebook, query: query.text)
        var list = self.list
        let title: String
        switch purpose {
        case .apply: title = "Code with…"
        case .retrieve: title = "Retrieve passages of…"
        case .recode(let ids): title = "Recode \(Words.count(ids.count, "passage")) to…"
        case .codeHits(let hits, let unit):
            title =
                "Code \(Words.count(hits.count, "hit")) (\(unit == .match ? "as matched" : "widened to the \(unit.rawValue)")) with…"
        }
        let rows = Self.rows(state)
        if creating(state) {
            drawCreating(state, rows: rows, into: &screen)
            return
        }
        list.resize(matches.count)
        let inner = Layout.box(title: title, width: 70, height: min(rows, max(4, matches.count)) + 8, &screen)
        screen.put("›", x: inner.x, y: inner.y, style: .bold)
        screen.cursor = query.draw(x: inner.x + 2, y: inner.y, width: inner.width - 14, style: .bold, into: &screen)
        screen.put(
            matches.isEmpty ? "" : list.position, x: inner.right - 12, y: inner.y, style: .dim, limit: inner.right)
        if matches.isEmpty {
            screen.put("no code matches", x: inner.x, y: inner.y + 2, style: .dim, limit: inner.right)
            return
        }
        for (row, index) in list.visible(rows: min(rows, max(4, matches.count))).enumerated() {
            let code = matches[index]
            let y = inner.y + 2 + row
            let selected = index == list.selected
            let swatch = state.labels.swatch(code, colors: state.colors)
            var x = screen.put(swatch.text + " ", x: inner.x, y: y, style: swatch.style)
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

    /// Nothing matches what was typed: the places a new code can go, and what Enter does.
    private func drawCreating(_ state: State, rows: Int, into screen: inout ScreenBuffer) {
        let named = query.text.contains("/")
        let places = named ? [] : Self.places(state.codebook)
        var list = self.list
        list.resize(named ? 1 : places.count)
        let shown = min(rows, max(4, places.count))
        let recoding: Bool
        if case .recode = purpose { recoding = true } else { recoding = false }
        let inner = Layout.box(
            title: recoding ? "Recode to a new code…" : "Code with a new code…", width: 70, height: shown + 7, &screen)
        screen.put("›", x: inner.x, y: inner.y, style: .bold)
        screen.cursor = query.draw(x: inner.x + 2, y: inner.y, width: inner.width - 14, style: .bold, into: &screen)
        screen.put(named ? "" : list.position, x: inner.right - 12, y: inner.y, style: .dim, limit: inner.right)
        let path = newCodePath(state)
        if named {
            screen.put(
                "the folders in the path are made as needed", x: inner.x, y: inner.y + 2, style: .dim,
                limit: inner.right)
        } else {
            screen.put(
                "no code matches; put the new code in (↓/↑ choose):", x: inner.x, y: inner.y + 2, style: .dim,
                limit: inner.right)
            for (row, index) in list.visible(rows: shown).enumerated() {
                let selected = index == list.selected
                let label = places[index].map(\.path) ?? "the top level"
                screen.put(
                    label, x: inner.x + 2, y: inner.y + 3 + row, style: Style(bold: selected, reverse: selected),
                    limit: inner.right)
            }
        }
        if confirmingCreate {
            screen.put(
                "Create “\(path)”? Enter creates it · Esc goes back",
                x: inner.x, y: inner.bottom - 1, style: Style(bold: true, reverse: true), limit: inner.right)
        } else {
            screen.put(
                "no code “\(Name.trimmed(query.text))”: Enter asks to create “\(path)”",
                x: inner.x, y: inner.bottom - 1, style: .bold, limit: inner.right)
        }
    }
}
