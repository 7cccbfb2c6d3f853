/// Several lines of text being written: a memo, a code's description, a rationale.
/// Lines wrap on screen; Enter and Ctrl-S save, as in every field; Ctrl-J (or Alt-Enter)
/// starts a new line, and pasted text keeps its line breaks; Esc cancels, and asks
/// first when something was changed. The line editor's keys work within a line.
public struct TextEditor: Equatable, Sendable {
    /// The text as lines of characters.
    public private(set) var lines: [[Character]]
    /// The cursor: a line, and a character within it (0 to its count).
    public private(set) var row: Int
    public private(set) var column: Int
    /// The text it started with, to tell whether anything changed.
    public let original: String
    /// True while asking whether to throw changes away.
    public private(set) var confirmingDiscard = false

    public init(_ text: String = "") {
        original = text
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        if lines.isEmpty { lines = [[]] }
        row = lines.count - 1
        column = lines[row].count
    }

    public var text: String { lines.map { String($0) }.joined(separator: "\n") }
    public var changed: Bool { text != original }

    public enum Outcome: Equatable, Sendable { case edited, moved, saved, cancelled, asking, ignored }

    public static let keys = KeyBindings.Table(
        title: "Memos and descriptions (several lines)",
        bindings: [
            .init([.enter, .control("s")], .submit, "save", hint: true),
            .init([.escape], .cancel, "cancel (asks when something changed)", hint: true),
            .init(
                [.control("j")], .editNewline, "new line (Alt-Enter too; pasted text keeps its line breaks)",
                hint: true, word: "new line"),
            .init([.control("u")], .editClear, "clear the line"),
            .init([.control("w")], .editDeleteWord, "delete the word before the cursor"),
            .init([.control("a"), .home], .editHome, "start of the line"),
            .init([.control("e"), .end], .editEnd, "end of the line"),
            .init([.left], .editLeft, "character left"),
            .init([.right], .editRight, "character right"),
            .init([.up], .editUp, "line up"),
            .init([.down], .editDown, "line down"),
            .init([.backspace], .editBackspace, "delete the character before the cursor"),
            .init([.delete], .editDelete, "delete the character under the cursor"),
        ])

    /// The keys while asking whether to discard changes.
    public static let discardKeys = KeyBindings.Table(
        title: "Discard changes?",
        bindings: [
            .init([.character("y")], .confirm, "discard the changes", hint: true, word: "discard"),
            .init([.character("n"), .escape], .cancel, "keep writing", hint: true, word: "keep"),
        ])

    /// What a screen passes on: a command from `keys` (or `discardKeys` while asking),
    /// or a key no table binds, typed.
    public mutating func take(_ message: ScreenMessage) -> Outcome {
        if confirmingDiscard {
            switch message {
            case .command(.confirm): return .cancelled
            case .command(.cancel):
                confirmingDiscard = false
                return .moved
            default: return .ignored
            }
        }
        switch message {
        case .command(let command): return perform(command)
        case .key(let key): return handle(key)
        }
    }

    /// The keys this editor shows now: its own, or the question's while asking.
    public var keyTables: [KeyBindings.Table] { confirmingDiscard ? [Self.discardKeys] : [Self.keys] }

    public mutating func handle(_ key: Key) -> Outcome {
        if confirmingDiscard {
            switch KeyBindings.command(for: key, in: Self.discardKeys) {
            case .confirm: return .cancelled
            case .cancel:
                confirmingDiscard = false
                return .moved
            default: return .ignored
            }
        }
        if let command = KeyBindings.command(for: key, in: Self.keys) { return perform(command) }
        if case .character(let c) = key,
            !c.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        {
            lines[row].insert(c, at: column)
            column += 1
            return .edited
        }
        if case .paste(let text) = key {
            let pasted = LineEditor.printable(text, keepingLineBreaks: true)
            guard !pasted.isEmpty else { return .ignored }
            insert(pasted)
            return .edited
        }
        return .ignored
    }

    /// Puts `text` (lines separated by "\n") in at the cursor, the cursor after it.
    mutating func insert(_ text: String) {
        let pieces = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        let rest = Array(lines[row][column...])
        lines[row].replaceSubrange(column..., with: pieces[0])
        lines.insert(contentsOf: pieces.dropFirst(), at: row + 1)
        row += pieces.count - 1
        column = lines[row].count
        lines[row] += rest
    }

    public mutating func perform(_ command: Command) -> Outcome {
        switch command {
        case .submit: return .saved
        case .cancel:
            guard changed else { return .cancelled }
            confirmingDiscard = true
            return .asking
        case .editNewline:
            let rest = Array(lines[row][column...])
            lines[row].removeSubrange(column...)
            lines.insert(rest, at: row + 1)
            row += 1
            column = 0
            return .edited
        case .editBackspace:
            if column > 0 {
                lines[row].remove(at: column - 1)
                column -= 1
                return .edited
            }
            guard row > 0 else { return .ignored }
            column = lines[row - 1].count
            lines[row - 1] += lines[row]
            lines.remove(at: row)
            row -= 1
            return .edited
        case .editDelete:
            if column < lines[row].count {
                lines[row].remove(at: column)
                return .edited
            }
            guard row + 1 < lines.count else { return .ignored }
            lines[row] += lines[row + 1]
            lines.remove(at: row + 1)
            return .edited
        case .editClear:
            guard !lines[row].isEmpty else { return .ignored }
            lines[row].removeAll()
            column = 0
            return .edited
        case .editDeleteWord:
            guard column > 0 else { return .ignored }
            let start = LineEditor.wordStart(lines[row], before: column)
            lines[row].removeSubrange(start..<column)
            column = start
            return .edited
        case .editHome: column = 0
        case .editEnd: column = lines[row].count
        case .editLeft:
            if column > 0 { column -= 1 } else if row > 0 { row -= 1; column = lines[row].count }
        case .editRight:
            if column < lines[row].count { column += 1 } else if row + 1 < lines.count { row += 1; column = 0 }
        case .editUp:
            guard row > 0 else { return .ignored }
            row -= 1
            column = min(column, lines[row].count)
        case .editDown:
            guard row + 1 < lines.count else { return .ignored }
            row += 1
            column = min(column, lines[row].count)
        default:
            return .ignored
        }
        return .moved
    }

    /// One wrapped screen line: which text line, which characters.
    struct Segment { var line: Int; var start: Int; var end: Int }

    /// The text wrapped to `width` cells.
    func segments(width: Int) -> [Segment] {
        lines.enumerated().flatMap { index, line in
            TextWrap.ranges(line, width: width).map { Segment(line: index, start: $0.lowerBound, end: $0.upperBound) }
        }
    }

    /// Draws the text wrapped into `rect`, scrolled to show the cursor, and returns
    /// where the terminal's cursor stands.
    public func draw(in rect: Geometry.Rect, into screen: inout ScreenBuffer) -> ScreenBuffer.Point {
        let segments = segments(width: max(1, rect.width))
        let cursorSegment = segments.lastIndex { $0.line == row && $0.start <= column } ?? 0
        let first = max(0, cursorSegment - rect.height + 1)
        var point = ScreenBuffer.Point(x: rect.x, y: rect.y)
        for (offset, segment) in segments.dropFirst(first).prefix(rect.height).enumerated() {
            let y = rect.y + offset
            let text = String(lines[segment.line][segment.start..<segment.end])
            screen.put(text, x: rect.x, y: y, limit: rect.right)
            if first + offset == cursorSegment {
                let before = String(lines[segment.line][segment.start..<min(column, segment.end)])
                point = ScreenBuffer.Point(x: min(rect.x + DisplayWidth.of(before), rect.right - 1), y: y)
            }
        }
        return point
    }
}
