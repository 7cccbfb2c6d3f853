import CodingEngine

/// Reviewing an AI assistant's proposed codings, the pending ones first and the most
/// confident first: each shown in its passage with the assistant's reason and
/// confidence, then accepted (it becomes your coding, recorded as accepted from the
/// assistant), rejected (kept as rejected, with why if you say), accepted with its
/// boundaries moved a word at a time, or skipped. Every decision is undoable.
public struct ProposalsScreen: Screen, TranscriptPlace {
    /// A proposal with the text around it.
    public struct Item: Equatable, Sendable {
        public var proposal: Proposal
        var text: ScalarText
        var textStart: Int
    }

    public var items: [Item] = []
    public var index = 0
    public var loaded = false
    /// The current proposal's passage as the person has moved its boundaries.
    public var adjusted: TextRange?

    public init() {}

    public static let opening = Opening(
        [.character("A")], "an AI assistant's proposed codings: accept, reject or adjust each", needsDocument: false)

    public static func open(_ app: State) -> Outcome { .open(ProposalsScreen(), app) }

    public static let keys = KeyBindings.Table(
        title: "An AI assistant's proposals",
        bindings: [
            .init(
                [.character("y"), .enter], .choose, "accept: the passage becomes your coding", hint: true,
                word: "accept"),
            .init(
                [.character("x")], .removeCoding, "reject (say why, or Enter for no reason)", hint: true, word: "reject"
            ),
            .init(
                [.character("<")], .startWordEarlier, "move the start a word earlier (then y accepts)", hint: true,
                word: "> - + adjust"),
            .init([.character(">")], .startWordLater, "move the start a word later"),
            .init([.character("-")], .endWordEarlier, "move the end a word earlier"),
            .init([.character("+")], .endWordLater, "move the end a word later"),
            .init(
                [.character("s"), .character("n"), .character("j"), .down], .nextItem, "skip: the next proposal",
                hint: true, word: "skip"),
            .init([.character("p"), .character("k"), .up], .previousItem, "the previous proposal"),
            .init([.character("u"), .control("z")], .undo, "undo"),
            .init([.control("r"), .control("y")], .redo, "redo"),
            .init([.escape, .character("q")], .cancel, "back to the transcript", hint: true),
            .init([.character("?")], .help, "help"),
        ])

    public var keyTables: [KeyBindings.Table] { [Self.keys] }

    /// Characters of context shown on either side of a proposal.
    static let context = 200

    public typealias Data = [Item]

    public func load(_ app: State) -> [Effect] {
        [
            Self.reading("the proposals") { reader in
                let all = try reader.store.proposals(assistant: nil, status: nil, document: nil)
                // Pending first, most confident first (the engine's order), then those decided.
                let ordered = all.filter { $0.status == .pending } + all.filter { $0.status != .pending }
                var texts: [String: ScalarText] = [:]
                return try ordered.map { proposal in
                    let text = try texts.cached(proposal.document) {
                        ScalarText(try reader.store.document(named: proposal.document).text)
                    }
                    let start = max(0, proposal.range.start - Self.context)
                    let end = min(text.length, proposal.range.end + Self.context)
                    return Item(proposal: proposal, text: ScalarText(text.slice(start, end)), textStart: start)
                }
            }
        ]
    }

    /// The place in the list is kept: a decision takes its proposal out of the pending
    /// ones at the top, so the same place then shows the next pending one.
    public mutating func receive(_ data: [Item], _ app: State) -> Outcome {
        items = data
        pending = items.reduce(0) { $0 + ($1.proposal.status == .pending ? 1 : 0) }
        index = min(index, max(0, items.count - 1))
        loaded = true
        return .stay
    }

    /// A decision (or its undoing) changes one proposal: it is changed here as the engine
    /// changed it and moved to its place (pending ones first), without reading every
    /// proposal again (a queue can hold thousands). Any other write: read again.
    public mutating func written(_ edit: State.Edit, _ app: State) -> [Effect] {
        guard case .proposal(let step) = edit,
            let at = items.firstIndex(where: { $0.proposal.id == step.proposal.id })
        else { return load(app) }
        var item = items.remove(at: at)
        if item.proposal.status == .pending { pending -= 1 }
        if step.to == .pending { pending += 1 }
        switch step.to {
        case .pending:
            (item.proposal.status, item.proposal.decidedBy, item.proposal.why) = (.pending, nil, nil)
        case .accepted:
            (item.proposal.status, item.proposal.decidedBy, item.proposal.why) = (.accepted, step.coder, nil)
        case .rejected(let why):
            (item.proposal.status, item.proposal.decidedBy, item.proposal.why) = (.rejected, step.coder, why)
        }
        let place = items.firstIndex { Self.precedes(item.proposal, $0.proposal) } ?? items.endIndex
        items.insert(item, at: place)
        index = min(index, max(0, items.count - 1))
        return []
    }

    /// The list's order: pending before decided, then as the engine lists them (the most
    /// confident first, then by document and place).
    static func precedes(_ a: Proposal, _ b: Proposal) -> Bool {
        let pending = (a.status == .pending, b.status == .pending)
        if pending.0 != pending.1 { return pending.0 }
        if a.confidence != b.confidence { return a.confidence > b.confidence }
        if a.document != b.document { return a.document < b.document }
        if a.range != b.range { return a.range < b.range }
        return a.code < b.code
    }

    /// How many of the items are pending (kept, not counted at each frame: a queue can
    /// hold thousands).
    private(set) var pending = 0

    public func offers(_ command: Command, _ app: State) -> Bool {
        switch command {
        case .choose, .removeCoding, .startWordEarlier:
            return items.indices.contains(index) && items[index].proposal.status == .pending
        default: return true
        }
    }

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        guard case .command(let command) = message else { return .stay }
        let item = items.indices.contains(index) ? items[index] : nil
        switch command {
        case .cancel: return .back
        case .nextItem:
            guard index + 1 < items.count else { return .say("the last proposal") }
            index += 1
            adjusted = nil
        case .previousItem:
            guard index > 0 else { return .say("the first proposal") }
            index -= 1
            adjusted = nil
        case .choose:
            guard let item else { return .stay }
            guard item.proposal.status == .pending else {
                return .say("\(item.proposal.status.rawValue) already; u undoes the decision")
            }
            let range = adjusted ?? item.proposal.range
            let step = ProposalStep(item.proposal, coder: app.coder, from: .pending, to: .accepted(range))
            adjusted = nil
            return Outcome(.stay, [.write(.proposal(step), intent: .record)])
        case .removeCoding:
            guard let item else { return .stay }
            guard item.proposal.status == .pending else {
                return .say("\(item.proposal.status.rawValue) already; u undoes the decision")
            }
            let step = ProposalStep(item.proposal, coder: app.coder, from: .pending, to: .rejected(why: nil))
            adjusted = nil
            return .open(MemoScreen(.rejection(step), text: nil), app)
        case .startWordEarlier, .startWordLater, .endWordEarlier, .endWordLater:
            guard let item, item.proposal.status == .pending else { return .stay }
            let range = adjusted ?? item.proposal.range
            guard
                let moved = Reducer.movedByWord(range, command, in: item.text, base: item.textStart),
                moved.length > 0, moved != range
            else {
                return .say(
                    "the passage cannot move further that way (its context shows \(Self.context) characters either side)"
                )
            }
            adjusted = moved == item.proposal.range ? nil : moved
            return .say(
                "\(moved.start)–\(moved.end)\(adjusted == nil ? " (as proposed)" : ", adjusted"): y accepts it so")
        default: return .stay
        }
        return .stay
    }

    public func draw(_ state: State, into screen: inout ScreenBuffer) {
        let area = Layout.body(&screen)
        guard loaded else { screen.put("Reading the proposals…", x: area.x + 1, y: area.y + 1, style: .dim); return }
        guard items.indices.contains(index) else {
            let none =
                state.blind
                ? "No proposals to show: while blind coding is on, an assistant's proposals show for the documents you have marked done (:done)."
                : "Nothing has been proposed in this project. `intertwine suggest --from CODER` learns suggestions from a coder's own codings; `intertwine mcp` serves the project to an AI assistant (README: Suggestions from your own coding; Working with an AI assistant)."
            // Wrapped to the screen's width.
            let text = ScalarText(none)
            let lines = TranscriptLayout(text: text, turns: [], width: max(20, area.width - 2)).lines
            for (row, line) in lines.enumerated() where area.y + 1 + row < area.bottom {
                screen.put(
                    text.slice(line.start, line.end), x: area.x + 1, y: area.y + 1 + row, style: .bold,
                    limit: area.right)
            }
            return
        }
        let item = items[index]
        let proposal = item.proposal
        let decided = items.count - pending
        screen.put(
            "Proposal \(index + 1) of \(items.count) · \(pending) pending, \(decided) decided",
            x: area.x + 1, y: area.y, style: .bold, limit: area.right)
        let range = adjusted ?? proposal.range
        let status: String =
            switch proposal.status {
            case .pending: adjusted == nil ? "pending" : "pending · boundaries adjusted to \(range.start)–\(range.end)"
            case .accepted: "accepted by \(proposal.decidedBy ?? "?") ✓"
            case .rejected: "rejected by \(proposal.decidedBy ?? "?")" + (proposal.why.map { ": \($0)" } ?? "")
            }
        let colour = state.codebook.code(path: proposal.code).flatMap { RGB(hex: $0.color) }
        var x = screen.put(
            proposal.code, x: area.x + 1, y: area.y + 1,
            style: Style(foreground: state.colors ? colour : nil, bold: true),
            limit: area.right)
        x = screen.put(
            " · \(proposal.document) \(range.start)–\(range.end) · \(proposal.assistant) · confidence \(proposal.confidenceText)",
            x: x, y: area.y + 1, limit: area.right)
        screen.put(
            status, x: area.x + 1, y: area.y + 2, style: proposal.status == .pending ? .dim : .bold, limit: area.right)
        // The reason, wrapped, then the passage in its context.
        let width = max(20, area.width - 4)
        var y = area.y + 4
        // A suggestion's reason is already a phrase ("because: audit, failed"); an assistant's is prose.
        // With pseudonyms shown, a suggestion's lower-cased words are matched in any case too.
        let reason = state.pseudonyms.map { $0.anyCase(proposal.reason) } ?? proposal.reason
        let reasonText = ScalarText(reason.hasPrefix("because: ") ? reason : "Reason: " + reason)
        // The reason and what made it (a suggestion's model and training set), each wrapped to three lines.
        for (text, style) in [(reasonText, Style.plain), (ScalarText("made with \(proposal.madeWith)"), Style.dim)] {
            for line in TranscriptLayout(text: text, turns: [], width: width).lines.prefix(3) {
                screen.put(
                    text.slice(line.start, line.end), x: area.x + 3, y: y, style: style, limit: area.x + 3 + width)
                y += 1
            }
        }
        y += 1
        let layout = TranscriptLayout(passage: item.text, width: width, pseudonyms: state.pseudonyms)
        let firstLine = max(0, layout.lineIndex(of: range.start - item.textStart) - 2)
        for line in layout.lines.dropFirst(firstLine) {
            guard y < area.bottom else { break }
            var x = area.x + 3
            for offset in line.start..<line.end {
                guard let shown = layout.shows(offset, in: item.text) else { continue }
                let inside = range.contains(offset + item.textStart)
                let style =
                    inside
                    ? (state.colors
                        ? Style(foreground: .white, background: colour, bold: true) : Style(bold: true, reverse: true))
                    : Style.dim
                x = screen.put(shown.unicodeScalars, x: x, y: y, style: style, limit: area.x + 3 + width)
            }
            y += 1
        }
    }
}
