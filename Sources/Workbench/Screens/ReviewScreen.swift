import CodingEngine

/// Stepping through one code's disagreements between two coders and settling each:
/// either version, their union, their intersection or neither (the code does not
/// apply) is recorded as a decision and what it keeps written as the consensus coder
/// (undoable like any coding), `m` writes why, `e` opens the passage to edit it as the
/// consensus coder (Esc in the transcript comes back here as yourself).
public struct ReviewScreen: Screen {
    public var comparison: Comparison
    public var coders: [String] { comparison.coders }
    public var code: String
    public var items: [ReviewItem] = []
    public var index = 0
    public var loaded = false
    /// The study's consensus in a sentence: how many stretches are still unsettled.
    public var consensus = ""

    public init(_ comparison: Comparison, code: String) {
        self.comparison = comparison
        self.code = code
    }

    public static let keys = KeyBindings.Table(
        title: "Settling disagreements (written as the consensus coder)",
        bindings: [
            .init(
                [.character("1"), .character("A")], .acceptA, "accept the first coder's version", hint: true,
                word: "first's"),
            .init(
                [.character("2"), .character("B")], .acceptB, "accept the second coder's version", hint: true,
                word: "second's"),
            .init(
                [.character("+"), .character("U")], .acceptUnion, "accept the union of both", hint: true, word: "union"),
            .init(
                [.character("*"), .character("I")], .acceptIntersection, "accept the intersection of both", hint: true,
                word: "intersection"),
            .init(
                [.character("0"), .character("x")], .acceptNeither,
                "neither: the code does not apply here (settled, nothing written)",
                hint: true, word: "neither"),
            .init(
                [.character("e")], .editConsensus, "edit: open the passage as the consensus coder, selected",
                hint: true, word: "edit"),
            .init(
                [.character("W")], .writeConsensus,
                "write every stretch both coded alike as the consensus coder (u undoes)"),
            .init([.character("u"), .control("z")], .undo, "undo"),
            .init([.control("r"), .control("y")], .redo, "redo"),
            .init(
                [.character("m")], .rationale, "write why the stretch just settled was settled so", hint: true,
                word: "why"),
            .init([.character("n"), .character("j"), .down], .nextItem, "next disagreement", hint: true),
            .init([.character("p"), .character("k"), .up], .previousItem, "previous disagreement"),
            .init([.escape, .character("q")], .cancel, "back to the agreement table", hint: true),
            .init([.character("?")], .help, "help"),
        ])

    public var keyTables: [KeyBindings.Table] { [Self.keys] }

    /// The code's disagreements with the text around them, and the consensus's state.
    public struct Data: Equatable, Sendable {
        var items: [ReviewItem]
        var consensus: String
    }

    public func load(_ app: State) -> [Effect] {
        let (comparison, code) = (self.comparison, self.code)
        return [
            Self.reading("\(comparison.title) on \(code)") { reader in
                let status = try reader.store.buildConsensus(
                    Project.ConsensusOptions(comparison, consensus: reader.consensus), writing: false)
                return Data(
                    items: try ReviewData.items(reader.store, comparison, code: code, consensus: reader.consensus),
                    consensus: status.summary(coders: comparison.coders, as: reader.consensus, how: "W"))
            }
        ]
    }

    public mutating func receive(_ data: Data, _ app: State) -> Outcome {
        items = data.items
        consensus = data.consensus
        loaded = true
        index = min(index, max(0, items.count - 1))
        return .stay
    }

    /// Every write may settle or unsettle a stretch: the disagreements are read again.
    public mutating func written(_ edit: State.Edit, _ app: State) -> [Effect] { load(app) }

    public func offers(_ command: Command, _ app: State) -> Bool {
        command == .rationale ? app.lastSettled != nil : true
    }

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        guard case .command(let command) = message else { return .stay }
        let item = items.indices.contains(index) ? items[index] : nil
        switch command {
        case .nextItem:
            guard index + 1 < items.count else { return .say("the last disagreement of \(code)") }
            index += 1
        case .previousItem:
            guard index > 0 else { return .say("the first disagreement of \(code)") }
            index -= 1
        case .cancel:
            // The agreement table below shows what was settled here.
            return Outcome(.back, AgreementScreen(comparison).load(app))
        case .acceptA, .acceptB, .acceptUnion, .acceptIntersection, .acceptNeither:
            guard let item else { return .stay }
            if let how = item.settledHow {
                return .say("settled already (\(how)); u undoes it, e edits it as \(app.consensusCoder)")
            }
            let decision: Settlement.Decision =
                switch command {
                case .acceptA: .first
                case .acceptB: .second
                case .acceptUnion: .both
                case .acceptIntersection: .common
                default: .neither
                }
            let settlement = Settlement(
                item.disagreement, coders: coders, decision: decision, consensus: app.consensusCoder, by: app.coder)
            // Move on to the next disagreement not yet settled.
            if let next = items.indices.first(where: { $0 > index && items[$0].settledHow == nil }) { index = next }
            return Outcome(.stay, [.write(.settled(settlement), intent: .record)], requests: [.settled(settlement)])
        case .rationale:
            guard let settled = app.lastSettled else {
                return .say("settle a disagreement first (1, 2, +, * or 0), then m writes why")
            }
            return .open(MemoScreen(.rationale(settled), text: settled.why), app)
        case .editConsensus:
            guard let item else { return .stay }
            return Outcome(.close, requests: [.editAsConsensus(item.disagreement)])
        case .writeConsensus:
            return Outcome(.stay, [.buildConsensus(comparison)])
        default: return .stay
        }
        return .stay
    }

    public func draw(_ state: State, into screen: inout ScreenBuffer) {
        let area = Layout.body(&screen)
        guard loaded else { screen.put("Finding disagreements…", x: area.x + 1, y: area.y + 1, style: .dim); return }
        screen.put(consensus, x: area.x + 1, y: area.bottom - 1, style: .dim, limit: area.right)
        guard items.indices.contains(index) else {
            screen.put(
                "\(code): \(coders[0]) and \(coders[1]) do not disagree. Esc goes back.",
                x: area.x + 1, y: area.y + 1, style: .bold, limit: area.right)
            return
        }
        let item = items[index]
        let d = item.disagreement
        let settledCount = items.filter { $0.settledHow != nil }.count
        let kind = d.kind == .aOnly ? "only \(coders[0])" : d.kind == .bOnly ? "only \(coders[1])" : d.kind.rawValue
        screen.put(
            "\(code) · disagreement \(index + 1) of \(items.count) (\(settledCount) settled)",
            x: area.x + 1, y: area.y, style: .bold, limit: area.right)
        screen.put(
            "\(d.document) [\(d.range.start), \(d.range.end)) · \(kind) · \(d.disputed) characters disputed · "
                + (item.settledHow.map { "settled: \($0) ✓" } ?? "not settled yet"),
            x: area.x + 1, y: area.y + 1, style: item.settledHow != nil ? .bold : .plain, limit: area.right)
        let width = max(20, area.width - 4)
        let layout = TranscriptLayout(passage: item.text, width: width, pseudonyms: state.pseudonyms)
        let room = max(2, (area.height - 5) / 2)
        // The stretch's lines, with some context above.
        let firstLine = max(0, layout.lineIndex(of: d.range.start - item.textStart) - 1)
        var y = area.y + 3
        for (which, coder) in coders.enumerated() {
            let ranges = (which == 0 ? d.a : d.b).map { TextRange($0.start - item.textStart, $0.end - item.textStart) }
            let colour = which == 0 ? AgreementScreen.aColour : AgreementScreen.bColour
            screen.put(
                "\(which + 1) \(coder)", x: area.x + 1, y: y,
                style: Style(foreground: state.colors ? colour : nil, bold: true))
            y += 1
            for line in layout.lines.dropFirst(firstLine).prefix(room - 1) {
                guard y < area.bottom - 1 else { break }
                var x = area.x + 3
                for offset in line.start..<line.end {
                    guard let shown = layout.shows(offset, in: item.text) else { continue }
                    let covered = ranges.contains { $0.contains(offset) }
                    let inStretch = offset + item.textStart >= d.range.start && offset + item.textStart < d.range.end
                    var style = inStretch ? Style.plain : Style.dim
                    if covered {
                        style =
                            state.colors
                            ? Style(foreground: .white, background: colour, bold: true)
                            : Style(bold: true, reverse: true)
                    }
                    x = screen.put(shown.unicodeScalars, x: x, y: y, style: style, limit: area.x + 3 + width)
                }
                y += 1
            }
            y += 1
        }
    }
}
