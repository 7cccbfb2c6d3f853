import CodingEngine

/// Stepping through one code's disagreements between two coders and settling each:
/// either version, their union, their intersection or neither (the code does not
/// apply) is recorded as a decision and what it keeps written as the consensus coder
/// (undoable like any coding), `m` writes why, `e` opens the passage to edit it as the
/// consensus coder (Esc in the transcript comes back here as yourself).
public struct ReviewScreen: Equatable, Sendable {
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

    public static let keys = KeyBindings.Table(title: "Settling disagreements (written as the consensus coder)", bindings: [
        .init([.character("1"), .character("A")], .acceptA, "accept the first coder's version", hint: true, word: "first's"),
        .init([.character("2"), .character("B")], .acceptB, "accept the second coder's version", hint: true, word: "second's"),
        .init([.character("+"), .character("U")], .acceptUnion, "accept the union of both", hint: true, word: "union"),
        .init([.character("*"), .character("I")], .acceptIntersection, "accept the intersection of both", hint: true, word: "intersection"),
        .init([.character("0"), .character("x")], .acceptNeither, "neither: the code does not apply here (settled, nothing written)",
              hint: true, word: "neither"),
        .init([.character("e")], .editConsensus, "edit: open the passage as the consensus coder, selected", hint: true, word: "edit"),
        .init([.character("W")], .writeConsensus, "write every stretch both coded alike as the consensus coder (u undoes)"),
        .init([.character("u"), .control("z")], .undo, "undo"),
        .init([.control("r"), .control("y")], .redo, "redo"),
        .init([.character("m")], .rationale, "write why the stretch just settled was settled so", hint: true, word: "why"),
        .init([.character("n"), .character("j"), .down], .nextItem, "next disagreement", hint: true),
        .init([.character("p"), .character("k"), .up], .previousItem, "previous disagreement"),
        .init([.escape, .character("q")], .cancel, "back to the agreement table", hint: true),
        .init([.character("?")], .help, "help"),
    ])

    mutating func handle(_ key: Key, _ state: inout State) -> Outcome {
        guard let command = KeyBindings.command(for: key, in: Self.keys) else { return .stay }
        let item = items.indices.contains(index) ? items[index] : nil
        switch command {
        case .nextItem:
            guard index + 1 < items.count else { state.message = "the last disagreement of \(code)"; return .stay }
            index += 1
        case .previousItem:
            guard index > 0 else { state.message = "the first disagreement of \(code)"; return .stay }
            index -= 1
        case .cancel:
            return Outcome(.back, [.loadAgreement(comparison, consensus: state.consensusCoder)])
        case .acceptA, .acceptB, .acceptUnion, .acceptIntersection, .acceptNeither:
            guard let item else { return .stay }
            if let how = item.settledHow {
                state.message = "settled already (\(how)); u undoes it, e edits it as \(state.consensusCoder)"
                return .stay
            }
            let decision: Settlement.Decision = switch command {
            case .acceptA: .first
            case .acceptB: .second
            case .acceptUnion: .both
            case .acceptIntersection: .common
            default: .neither
            }
            let settlement = Settlement(item.disagreement, coders: coders, decision: decision, consensus: state.consensusCoder, by: state.coder)
            state.lastSettled = settlement
            // Move on to the next disagreement not yet settled.
            if let next = items.indices.first(where: { $0 > index && items[$0].settledHow == nil }) { index = next }
            state.saved = false
            return Outcome(.stay, [.write(.settled(settlement), intent: .record)])
        case .rationale:
            guard let settled = state.lastSettled else {
                state.message = "settle a disagreement first (1, 2, +, * or 0), then m writes why"
                return .stay
            }
            return Outcome(.push(.memo(MemoScreen(.rationale(settled), text: settled.why))))
        case .editConsensus:
            guard let item else { return .stay }
            let d = item.disagreement
            state.consensusEdit = State.ConsensusEdit(coder: state.coder, screens: state.back + [.review(self)])
            state.coder = state.consensusCoder
            state.lastCode = d.code
            state.focus = .transcript
            state.message = "editing as \(state.consensusCoder): adjust the selection, . applies \(d.code); Esc returns to the review as \(state.consensusEdit?.coder ?? "")"
            return Outcome(.close, [.loadProject] + Reducer.show(d.range, in: d.document, &state))
        case .writeConsensus:
            return Outcome(.stay, [.buildConsensus(comparison)])
        case .undo, .redo:
            return Outcome(.stay, Reducer.run(command, &state))
        case .help: return Outcome(.push(.help(HelpScreen(for: .review(self)))))
        default: return .stay
        }
        return .stay
    }

    func draw(_ state: State, into screen: inout ScreenBuffer) {
        let area = Layout.body(&screen)
        guard loaded else { screen.put("Finding disagreements…", x: area.x + 1, y: area.y + 1, style: .dim); return }
        screen.put(consensus, x: area.x + 1, y: area.bottom - 1, style: .dim, limit: area.right)
        guard items.indices.contains(index) else {
            screen.put("\(code): \(coders[0]) and \(coders[1]) do not disagree. Esc goes back.",
                       x: area.x + 1, y: area.y + 1, style: .bold, limit: area.right)
            return
        }
        let item = items[index]
        let d = item.disagreement
        let settledCount = items.filter { $0.settledHow != nil }.count
        let kind = d.kind == .aOnly ? "only \(coders[0])" : d.kind == .bOnly ? "only \(coders[1])" : d.kind.rawValue
        screen.put("\(code) · disagreement \(index + 1) of \(items.count) (\(settledCount) settled)",
                   x: area.x + 1, y: area.y, style: .bold, limit: area.right)
        screen.put("\(d.document) [\(d.range.start), \(d.range.end)) · \(kind) · \(d.disputed) characters disputed · "
                   + (item.settledHow.map { "settled: \($0) ✓" } ?? "not settled yet"),
                   x: area.x + 1, y: area.y + 1, style: item.settledHow != nil ? .bold : .plain, limit: area.right)
        let width = max(20, area.width - 4)
        let layout = TranscriptLayout(text: item.text, turns: [], width: width)
        let room = max(2, (area.height - 5) / 2)
        // The stretch's lines, with some context above.
        let firstLine = max(0, layout.lineIndex(of: d.range.start - item.textStart) - 1)
        var y = area.y + 3
        for (which, coder) in coders.enumerated() {
            let ranges = (which == 0 ? d.a : d.b).map { TextRange($0.start - item.textStart, $0.end - item.textStart) }
            let colour = which == 0 ? AgreementScreen.aColour : AgreementScreen.bColour
            screen.put("\(which + 1) \(coder)", x: area.x + 1, y: y, style: Style(foreground: state.colors ? colour : nil, bold: true))
            y += 1
            for line in layout.lines.dropFirst(firstLine).prefix(room - 1) {
                guard y < area.bottom - 1 else { break }
                var x = area.x + 3
                for offset in line.start..<line.end {
                    let covered = ranges.contains { $0.contains(offset) }
                    let inStretch = offset + item.textStart >= d.range.start && offset + item.textStart < d.range.end
                    var style = inStretch ? Style.plain : Style.dim
                    if covered {
                        style = state.colors ? Style(foreground: .white, background: colour, bold: true) : Style(bold: true, reverse: true)
                    }
                    x = screen.put(CollectionOfOne(item.text[offset]), x: x, y: y, style: style, limit: area.x + 3 + width)
                }
                y += 1
            }
            y += 1
        }
    }
}
