import CodingEngine

/// Which of one's codings under the cursor to remove, when there are several.
public struct RemovalScreen: Equatable, Sendable {
    public var candidates: [Coding]
    public var list: ListCursor

    public init(candidates: [Coding]) {
        self.candidates = candidates
        list = ListCursor(count: candidates.count)
    }

    public static let keys = KeyBindings.Table(title: "Remove which coding?", bindings: [
        .init([.character("j"), .down], .listDown, "next coding"),
        .init([.character("k"), .up], .listUp, "previous coding"),
        .init([.enter], .choose, "remove the coding", hint: true, word: "remove"),
        .init([.escape, .character("q")], .cancel, "keep them all", hint: true, word: "keep"),
    ])

    mutating func handle(_ key: Key, _ state: inout State) -> Outcome {
        switch KeyBindings.command(for: key, in: Self.keys) {
        case .listDown: list.move(1, rows: candidates.count)
        case .listUp: list.move(-1, rows: candidates.count)
        case .choose:
            guard candidates.indices.contains(list.selected) else { return .stay }
            state.saved = false
            return Outcome(.back, [.write(.removed([Reducer.snapshot(candidates[list.selected])]), intent: .record)])
        case .cancel: return .back
        default: break
        }
        return .stay
    }

    func draw(_ state: State, into screen: inout ScreenBuffer) {
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
