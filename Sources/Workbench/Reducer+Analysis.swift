import CodingEngine

extension Reducer {
    static func analysisKey(_ key: Key, _ state: inout State) -> [Effect] {
        if case .flows(var screen) = state.mode {
            switch key {
            case .character("j"), .down: screen.scroll += 1
            case .character("k"), .up: screen.scroll = max(0, screen.scroll - 1)
            case .character("q"), .escape, .character("F"): state.mode = .normal; return []
            default: break
            }
            state.mode = .flows(screen)
            return []
        }
        guard let command = KeyBindings.command(for: key, in: KeyBindings.analysis) else { return [] }
        switch state.mode {
        case .cooccurrence(var map):
            let n = map.codes.count
            switch command {
            case .charLeft: map.column = max(0, map.column - 1)
            case .charRight: map.column = min(max(0, n - 1), map.column + 1)
            case .listUp: map.row = max(0, map.row - 1)
            case .listDown: map.row = min(max(0, n - 1), map.row + 1)
            case .selectTurn:
                map.byTurn.toggle()
                map.loaded = false
                state.mode = .cooccurrence(map)
                return [.loadCooccurrence(byTurn: map.byTurn)]
            case .choose:
                guard let pair = cell(map) else { return [] }
                state.mode = .passages(State.PassageList(title: "\(pair.a) × \(pair.b) · \(pair.coder)", passages: pair.passages.map {
                    .init(document: $0.document, range: $0.range, label: "\($0.document) [\($0.range.start), \($0.range.end))", text: "")
                }))
                return []
            case .cancel: state.mode = .normal; return []
            default: break
            }
            state.mode = .cooccurrence(map)
        case .matrix(var screen):
            guard let matrix = screen.matrix else {
                if command == .cancel { state.mode = .normal }
                return []
            }
            switch command {
            case .charLeft: screen.column = max(0, screen.column - 1)
            case .charRight: screen.column = min(max(0, matrix.codes.count - 1), screen.column + 1)
            case .listUp: screen.row = max(0, screen.row - 1)
            case .listDown: screen.row = min(max(0, matrix.cases.count - 1), screen.row + 1)
            case .choose:
                guard matrix.cells.indices.contains(screen.row), matrix.cells[screen.row].indices.contains(screen.column) else { return [] }
                let cell = matrix.cells[screen.row][screen.column]
                state.mode = .passages(State.PassageList(title: "\(cell.caseName) × \(cell.code)", passages: cell.codings.map {
                    .init(document: $0.document, range: $0.range, label: "\($0.document) [\($0.start), \($0.end)) · \($0.coder)", text: $0.text)
                }))
                return []
            case .editMemo:
                guard matrix.cells.indices.contains(screen.row), matrix.cells[screen.row].indices.contains(screen.column) else { return [] }
                state.mode = .summaryInput(screen, matrix.cells[screen.row][screen.column].summary ?? "")
                return []
            case .cancel: state.mode = .normal; return []
            default: break
            }
            state.mode = .matrix(screen)
        default:
            break
        }
        return []
    }

    /// The heat map's pair under the cursor (either order), for the current coder
    /// when they coded, else the first coder's.
    public static func cell(_ map: State.HeatMap) -> Cooccurrence.Pair? {
        guard map.codes.indices.contains(map.row), map.codes.indices.contains(map.column), map.row != map.column else { return nil }
        let a = map.codes[map.row], b = map.codes[map.column]
        return map.pairs.first { ($0.a == a && $0.b == b) || ($0.a == b && $0.b == a) }
    }

    static func passagesKey(_ key: Key, _ list: State.PassageList, _ state: inout State) -> [Effect] {
        var list = list
        switch key {
        case .character("j"), .down: list.selected = min(max(0, list.passages.count - 1), list.selected + 1)
        case .character("k"), .up: list.selected = max(0, list.selected - 1)
        case .escape, .character("q"): state.mode = .normal; return []
        case .enter:
            guard list.passages.indices.contains(list.selected) else { return [] }
            let passage = list.passages[list.selected]
            state.mode = .normal
            if state.document?.name == passage.document {
                state.anchor = passage.range.start
                state.cursor = max(passage.range.start, passage.range.end - 1)
                ensureVisible(&state)
                return []
            }
            state.pendingSelection = passage.range
            return [.openDocument(passage.document)]
        default: break
        }
        state.mode = .passages(list)
        return []
    }
}
