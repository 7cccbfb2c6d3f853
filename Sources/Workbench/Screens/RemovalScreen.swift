import CodingEngine

/// Which of one's codings under the cursor to remove, when there are several.
public struct RemovalScreen: Screen {
    public var candidates: [Coding]
    public var list: ListCursor

    public init(candidates: [Coding]) {
        self.candidates = candidates
        list = ListCursor(count: candidates.count)
    }

    public static let keys = KeyBindings.Table(
        title: "Remove which coding?",
        bindings: [
            .init([.enter], .choose, "remove the coding", hint: true, word: "remove"),
            .init([.escape, .character("q")], .cancel, "keep them all", hint: true, word: "keep"),
            .init([.character("?")], .help, "help"),
        ])

    public var keyTables: [KeyBindings.Table] { [Self.keys, ListCursor.keys] }
    public var isOverlay: Bool { true }

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        guard case .command(let command) = message else { return .stay }
        if list.perform(command, rows: candidates.count) { return .stay }
        switch command {
        case .choose:
            guard candidates.indices.contains(list.selected) else { return .stay }
            return Outcome(.back, [.write(.removed([Reducer.snapshot(candidates[list.selected])]), intent: .record)])
        case .cancel: return .back
        default: return .stay
        }
    }

    public func draw(_ state: State, into screen: inout ScreenBuffer) {
        let inner = Layout.box(title: "Remove which coding?", width: 68, height: candidates.count + 4, &screen)
        for (row, index) in list.visible(rows: max(1, inner.height - 1)).enumerated() {
            let coding = candidates[index]
            let colour = state.codebook.code(path: coding.code).flatMap { RGB(hex: $0.color) }
            let x = screen.put("■ ", x: inner.x, y: inner.y + row, style: Style(foreground: colour))
            let text = state.document.map { $0.text.slice(coding.start, min(coding.end, coding.start + 24)) } ?? ""
            let label = "\(coding.code) [\(coding.start), \(coding.end)) “\(text)…”"
            screen.put(label, x: x, y: inner.y + row, style: Style(reverse: index == list.selected), limit: inner.right)
        }
        screen.put("Enter removes · Esc keeps", x: inner.x, y: inner.bottom - 1, style: .dim)
    }
}
