import CodingEngine

/// A coded passage as the reader shows it: where it is, who coded it with what, its
/// memo, its text in full, and the text around it for context.
public struct ReaderPassage: Equatable, Sendable {
    public var document: String
    public var caseName: String
    public var range: TextRange
    public var code: String?
    public var coder: String?
    public var memo: String?
    /// The turn it starts in (1-based) and that turn's speaker.
    public var turn: Int?
    public var speaker: String?
    public var text: String
    /// The rest of its own turn before and after it.
    public var leading: String
    public var trailing: String
    /// Whole turns before and after it, nearest first (up to `ReaderScreen.maximumContext`).
    public var turnsBefore: [String]
    public var turnsAfter: [String]
    /// The coding's id, when the passage is a coding (what recoding moves).
    public var codingID: Int64?

    public init(
        document: String, caseName: String, range: TextRange, code: String? = nil, coder: String? = nil,
        memo: String? = nil,
        turn: Int? = nil, speaker: String? = nil, text: String, leading: String = "", trailing: String = "",
        turnsBefore: [String] = [], turnsAfter: [String] = []
    ) {
        self.document = document
        self.caseName = caseName
        self.range = range
        self.code = code
        self.coder = coder
        self.memo = memo
        self.turn = turn
        self.speaker = speaker
        self.text = text
        self.leading = leading
        self.trailing = trailing
        self.turnsBefore = turnsBefore
        self.turnsAfter = turnsAfter
    }

    /// "brw [BRW] · turn 10 · Roger Watson · ana · Processes/Intuiting"
    public var heading: String {
        var parts = ["\(document) [\(caseName)]"]
        if let turn { parts.append("turn \(turn)") }
        if let speaker { parts.append(speaker) }
        if let coder { parts.append(coder) }
        if let code { parts.append(code) }
        return parts.joined(separator: " · ")
    }

    /// Whether two passages are the same coding.
    func same(_ other: ReaderPassage) -> Bool {
        codingID.map { $0 == other.codingID }
            ?? (document == other.document && range == other.range && code == other.code && coder == other.coder)
    }
}

/// Which passages a reader shows: a code's (retrieve), or a list made by another
/// screen (a matrix cell, a heat-map cell, a step of a learning flow).
public enum PassageQuery: Equatable, Sendable {
    case code(String)
    case passages([NewCoding])
    /// The passages a coding query selects (not codings: no code or coder).
    case query(String)
}

/// The passage reader: passages in full, wrapped, with document, case, turn,
/// speaker, coder, code and memo; `+` and `-` widen and narrow the context by a turn
/// either side; Enter opens the transcript on the passage, selected. Retrieve, a
/// matrix cell, a heat-map cell and a step of a learning flow all open it.
public struct ReaderScreen: Screen {
    public var title: String
    public var query: PassageQuery
    public var passages: [ReaderPassage] = []
    public var loaded = false
    public var cursor = ListCursor()
    /// Turns of context shown either side (0: the passage alone).
    public var context = 0
    /// Retrieve's filters: one case, and the coder's own passages only.
    public var caseFilter: String?
    public var allCoders = true
    /// Whether the filters apply (a code's passages; not a cell's).
    public var filterable: Bool
    /// Codings marked for recoding, by id.
    public var marked: [Int64] = []

    public static let maximumContext = 3

    public init(title: String, query: PassageQuery, filterable: Bool = false) {
        self.title = title
        self.query = query
        self.filterable = filterable
    }

    public static let keys = KeyBindings.Table(
        title: "Passages in full (retrieve, cells, flows)",
        bindings: [
            .init([.enter], .choose, "open the transcript on the passage", hint: true, word: "jump"),
            .init([.character("+")], .widenContext, "a turn more context either side", hint: true, word: "context"),
            .init([.character("-")], .narrowContext, "a turn less context"),
            .init(
                [.character("C")], .cycleCaseFilter, "one case, the next, or all (a code's passages)", hint: true,
                word: "case"),
            .init(
                [.character("o")], .toggleOthers, "your passages or every coder's (a code's passages)", hint: true,
                word: "coders"),
            .init(
                [.character("v")], .markCode, "mark the passage for recoding (again to unmark)", hint: true,
                word: "mark"),
            .init(
                [.character("R")], .recode, "recode the marked passages (or this one) to another code, or a new one",
                hint: true),
            .init([.character("u"), .control("z")], .undo, "undo"),
            .init([.control("r"), .control("y")], .redo, "redo"),
            .init([.escape, .character("q")], .cancel, "back", hint: true),
            .init([.character("?")], .help, "help"),
        ])

    /// The passages after the filters.
    public func shown(coder: String) -> [ReaderPassage] {
        guard filterable else { return passages }
        return passages.filter { (caseFilter == nil || $0.caseName == caseFilter) && (allCoders || $0.coder == coder) }
    }

    /// The text width the reader wraps at, for a screen `width` wide.
    static func textWidth(_ width: Int) -> Int { max(10, width - 6) }

    /// Rows for passages: the body less the title and the line under it.
    static func rows(_ state: State) -> Int { max(1, state.height - 4) }

    /// The screen lines of one passage at a context: heading, context before, the
    /// passage, context after, memo, and a blank line.
    /// Markdown speaker labels (`**Name:**`, `**Name**:`) are shown as the name, as in the
    /// transcript (display only: what is stored and exported is the text as it is).
    static func block(_ passage: ReaderPassage, context: Int, width: Int) -> [(String, Kind)] {
        func wrapped(_ text: String) -> [String] { TextWrap.lines(plainLabels(text), width: width) }
        var lines: [(String, Kind)] = TextWrap.lines(passage.heading, width: width).map { ($0, .heading) }
        if context > 0 {
            for turn in passage.turnsBefore.prefix(context).reversed() { lines += wrapped(turn).map { ($0, .context) } }
            if !passage.leading.isEmpty { lines += wrapped(passage.leading).map { ($0, .context) } }
        }
        lines += wrapped(passage.text).map { ($0, .passage) }
        if context > 0 {
            if !passage.trailing.isEmpty { lines += wrapped(passage.trailing).map { ($0, .context) } }
            for turn in passage.turnsAfter.prefix(context) { lines += wrapped(turn).map { ($0, .context) } }
        }
        if let memo = passage.memo, !memo.isEmpty {
            lines += TextWrap.lines("✎ " + memo, width: width).map { ($0, .memo) }
        }
        lines.append(("", .context))
        return lines
    }

    enum Kind { case heading, context, passage, memo }

    /// `text` with each line's Markdown speaker label written plainly: `**Name:**` and
    /// `**Name**:` at a line's start become `Name:`.
    static func plainLabels(_ text: String) -> String {
        guard text.contains("**") else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("**") else { return String(line) }
            let rest = line.dropFirst(2)
            for closing in [":**", "**:"] {
                guard let end = rest.range(of: closing) else { continue }
                let name = rest[..<end.lowerBound]
                guard !name.isEmpty, !name.contains("*"), name.count <= 40 else { continue }
                return name + ":" + rest[end.upperBound...]
            }
            return String(line)
        }.joined(separator: "\n")
    }

    /// Scrolls so that the selected passage shows whole (or from its heading when it
    /// is taller than the screen), keeping the passages above it where they can stay.
    mutating func reveal(_ state: State) {
        let shown = shown(coder: state.coder)
        cursor.resize(shown.count)
        guard !shown.isEmpty else { return }
        let width = Self.textWidth(state.width), rows = Self.rows(state)
        var top = min(cursor.top, cursor.selected)
        var height = (top...cursor.selected).reduce(0) {
            $0 + Self.block(shown[$1], context: context, width: width).count
        }
        while top < cursor.selected, height > rows {
            height -= Self.block(shown[top], context: context, width: width).count
            top += 1
        }
        cursor.scroll(to: top)
    }

    public var keyTables: [KeyBindings.Table] { [Self.keys, ListCursor.keys] }

    /// The passages read, and for which query (two readers open read apart).
    public struct Data: Equatable, Sendable {
        var query: PassageQuery
        var passages: [ReaderPassage]
    }

    public func load(_ app: State) -> [Effect] {
        let query = self.query
        return [
            Self.reading("\(query)") {
                Data(query: query, passages: try PassageData.passages($0.store, query, viewer: $0.coder))
            }
        ]
    }

    public mutating func receive(_ data: Data, _ app: State) -> Outcome {
        guard !loaded, data.query == query else { return .stay }
        passages = data.passages
        loaded = true
        let count = shown(coder: app.coder).count
        cursor = ListCursor(count: count, selected: min(cursor.selected, max(0, count - 1)))
        return .stay
    }

    /// A change to the codebook, a case or a document may change the passages: read again.
    public mutating func written(_ edit: State.Edit, _ app: State) -> [Effect] {
        guard case .change = edit else { return [] }
        loaded = false
        return load(app)
    }

    public func offers(_ command: Command, _ app: State) -> Bool {
        command == .cycleCaseFilter || command == .toggleOthers ? filterable : true
    }

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        guard case .command(let command) = message else { return .stay }
        let state = app
        let shown = shown(coder: state.coder)
        switch command {
        case .listDown: cursor.step(1)
        case .listUp: cursor.step(-1)
        case .listStart: cursor.step(-cursor.selected)
        case .listEnd: cursor.step(shown.count)
        case .listPageDown, .listPageUp:
            // A page is the passages that fit on the screen from the top one.
            let width = Self.textWidth(state.width), rows = Self.rows(state)
            var step = 0, used = 0
            let from = command == .listPageDown ? cursor.selected : max(0, cursor.selected - 1)
            var index = from
            while index >= 0, index < shown.count {
                used += Self.block(shown[index], context: context, width: width).count
                guard used <= rows || step == 0 else { break }
                step += 1
                index += command == .listPageDown ? 1 : -1
            }
            cursor.step(command == .listPageDown ? step : -step)
        case .widenContext:
            guard context < Self.maximumContext else {
                return .say("the most context there is: \(Self.maximumContext) turns either side")
            }
            context += 1
        case .narrowContext:
            guard context > 0 else { return .say("the passages alone already") }
            context -= 1
        case .cycleCaseFilter:
            guard filterable else { return .say("these passages come from one cell; C filters a code's passages") }
            let cases = passages.map(\.caseName).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            if let current = caseFilter, let index = cases.firstIndex(of: current) {
                caseFilter = index + 1 < cases.count ? cases[index + 1] : nil
            } else {
                caseFilter = cases.first
            }
            cursor = ListCursor(count: self.shown(coder: state.coder).count)
        case .toggleOthers:
            guard filterable else { return .say("these passages come from one cell; o filters a code's passages") }
            allCoders.toggle()
            cursor = ListCursor(count: self.shown(coder: state.coder).count)
        case .choose:
            guard shown.indices.contains(cursor.selected) else { return .stay }
            let passage = shown[cursor.selected]
            return Outcome(.close, requests: [.show(passage.range, in: passage.document)])
        case .markCode:
            guard shown.indices.contains(cursor.selected), let id = shown[cursor.selected].codingID else {
                return .say("this passage is not a coding; only codings can be recoded")
            }
            if let index = marked.firstIndex(of: id) { marked.remove(at: index) } else { marked.append(id) }
            cursor.step(1)
            reveal(state)
            return .say(
                marked.isEmpty ? "nothing marked" : "\(Words.count(marked.count, "passage")) marked: R recodes them")
        case .recode:
            let ids =
                marked.isEmpty
                ? (shown.indices.contains(cursor.selected) ? shown[cursor.selected].codingID.map { [$0] } ?? [] : [])
                : marked
            guard !ids.isEmpty else { return .say("mark codings with v first (or stand on one)") }
            marked = []
            return .open(PickerScreen(purpose: .recode(ids)), app)
        case .cancel: return .back
        default: return .stay
        }
        reveal(state)
        return .stay
    }

    public func draw(_ state: State, into screen: inout ScreenBuffer) {
        let area = Layout.body(&screen)
        let shown = shown(coder: state.coder)
        var title = "\(title): " + Words.count(shown.count, "passage")
        if filterable { title += " (case: \(caseFilter ?? "all") · coders: \(allCoders ? "all" : "your passages"))" }
        title += context > 0 ? " · context: \(Words.count(context, "turn")) either side" : ""
        Layout.title(title, position: shown.isEmpty ? "" : cursor.position, in: area, &screen)
        guard loaded else { screen.put("Collecting…", x: area.x + 1, y: area.y + 2, style: .dim); return }
        guard !shown.isEmpty else { screen.put("No passages.", x: area.x + 1, y: area.y + 2, style: .dim); return }
        let width = Self.textWidth(state.width)
        var y = area.y + 2
        for index in cursor.top..<shown.count {
            let passage = shown[index]
            let selected = index == cursor.selected
            let colour = passage.code.flatMap { state.codebook.code(path: $0) }.flatMap { RGB(hex: $0.color) }
            for (number, (text, kind)) in Self.block(passage, context: context, width: width).enumerated() {
                guard y < area.bottom else { return }
                switch kind {
                case .heading:
                    let mark = passage.codingID.map { marked.contains($0) } ?? false
                    screen.put(
                        selected && number == 0 ? "▶" : mark && number == 0 ? "●" : " ", x: area.x + 1, y: y,
                        style: .bold)
                    if mark, selected, number == 0 { screen.put("●", x: area.x, y: y, style: .bold) }
                    screen.put(
                        text, x: area.x + 3, y: y, style: Style(bold: true, reverse: selected), limit: area.right)
                case .passage:
                    screen.put(
                        "┃", x: area.x + 1, y: y, style: Style(foreground: state.colors ? colour : nil, bold: true))
                    screen.put(text, x: area.x + 3, y: y, style: .plain, limit: area.right)
                case .context:
                    screen.put(text, x: area.x + 3, y: y, style: .dim, limit: area.right)
                case .memo:
                    screen.put(text, x: area.x + 3, y: y, style: Style(underline: false, dim: true), limit: area.right)
                }
                y += 1
            }
        }
    }
}
