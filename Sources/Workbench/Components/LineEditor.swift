/// One line of text being typed: the picker's filter, a search, the `:` line, a
/// cell summary. Its keys are the shell's: Ctrl-U clears, Ctrl-W deletes the word
/// before the cursor, Ctrl-A and Home go to the start, Ctrl-E and End to the end,
/// arrows move, Backspace and Delete delete; pasted text goes in at once, its line
/// breaks and tabs as spaces (a paste never submits the field).
public struct LineEditor: Equatable, Sendable {
    /// The text as characters (a cursor never splits an accent from its letter).
    public private(set) var characters: [Character]
    /// Where the next character goes: 0 to `characters.count`.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// What a key did to the line.
    public enum Outcome: Equatable, Sendable {
        /// The text changed.
        case edited
        /// Only the cursor moved.
        case moved
        /// Enter: the text is done.
        case submitted
        /// Esc: the field is abandoned.
        case cancelled
        /// The key is not the editor's (the screen may use it).
        case ignored
    }

    /// The editor's keys, for the help screen and the status bar.
    public static let keys = KeyBindings.Table(
        title: "Text fields (picker, search, : line, summaries)",
        bindings: [
            .init([.enter, .control("s"), .control("j")], .submit, "done", hint: true),
            .init([.escape], .cancel, "cancel", hint: true),
            .init([.control("u")], .editClear, "clear the field"),
            .init([.control("w")], .editDeleteWord, "delete the word before the cursor"),
            .init([.control("a"), .home], .editHome, "start of the field"),
            .init([.control("e"), .end], .editEnd, "end of the field"),
            .init([.left], .editLeft, "character left"),
            .init([.right], .editRight, "character right"),
            .init([.backspace], .editBackspace, "delete the character before the cursor"),
            .init([.delete], .editDelete, "delete the character under the cursor"),
        ])

    /// What a screen passes on: a command from a table (its own or `keys`), or a key
    /// no table binds, typed.
    public mutating func take(_ message: ScreenMessage) -> Outcome {
        switch message {
        case .command(let command): return perform(command)
        case .key(let key): return handle(key)
        }
    }

    /// Applies `key`: an editing key from `keys`, or a printable character typed.
    public mutating func handle(_ key: Key) -> Outcome {
        if let command = KeyBindings.command(for: key, in: Self.keys) { return perform(command) }
        if case .character(let c) = key,
            !c.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        {
            characters.insert(c, at: cursor)
            cursor += 1
            return .edited
        }
        if case .paste(let text) = key {
            let pasted = Array(Self.printable(text, keepingLineBreaks: false))
            guard !pasted.isEmpty else { return .ignored }
            characters.insert(contentsOf: pasted, at: cursor)
            cursor += pasted.count
            return .edited
        }
        return .ignored
    }

    /// Pasted text as a field takes it: line breaks (CR, LF or CRLF) as one space each,
    /// or kept as "\n" when `keepingLineBreaks`; tabs as spaces; other control
    /// characters dropped.
    static func printable(_ text: String, keepingLineBreaks: Bool) -> String {
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar.value {
            case 0x0A where previous == "\r": continue
            case 0x0A, 0x0D: result.append(keepingLineBreaks ? "\n" : " ")
            case 0x09: result.append(" ")
            case 0..<0x20, 0x7F...0x9F: continue
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// Carries out one of the editor's commands.
    public mutating func perform(_ command: Command) -> Outcome {
        switch command {
        case .submit: return .submitted
        case .cancel: return .cancelled
        case .editClear:
            guard !characters.isEmpty else { return .ignored }
            characters.removeAll()
            cursor = 0
            return .edited
        case .editDeleteWord:
            guard cursor > 0 else { return .ignored }
            let start = Self.wordStart(characters, before: cursor)
            characters.removeSubrange(start..<cursor)
            cursor = start
            return .edited
        case .editHome:
            cursor = 0
            return .moved
        case .editEnd:
            cursor = characters.count
            return .moved
        case .editLeft:
            cursor = max(0, cursor - 1)
            return .moved
        case .editRight:
            cursor = min(characters.count, cursor + 1)
            return .moved
        case .editBackspace:
            guard cursor > 0 else { return .ignored }
            characters.remove(at: cursor - 1)
            cursor -= 1
            return .edited
        case .editDelete:
            guard cursor < characters.count else { return .ignored }
            characters.remove(at: cursor)
            return .edited
        default:
            return .ignored
        }
    }

    /// Where the word before `index` starts (white space before it included), for Ctrl-W.
    static func wordStart(_ characters: [Character], before index: Int) -> Int {
        var start = index
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        return start
    }

    /// Draws the line from `x` on row `y` within `width` cells, scrolled so that the
    /// cursor shows, and returns where the terminal's cursor stands.
    public func draw(x: Int, y: Int, width: Int, style: Style, into screen: inout ScreenBuffer) -> ScreenBuffer.Point {
        let widths = characters.map { DisplayWidth.of(String($0)) }
        var first = 0
        var before = widths[..<cursor].reduce(0, +)
        while before >= width, first < cursor {
            before -= widths[first]
            first += 1
        }
        var column = x
        for index in first..<characters.count {
            guard column + widths[index] < x + width else { break }
            column = screen.put(String(characters[index]), x: column, y: y, style: style, limit: x + width)
        }
        return ScreenBuffer.Point(x: min(x + before, max(x, screen.width - 1)), y: y)
    }
}

extension LineEditor {
    /// Replaces the characters from `start` to the cursor with `text`, the cursor after it.
    public mutating func replaceBeforeCursor(from start: Int, with text: String) {
        let from = max(0, min(start, cursor))
        characters.replaceSubrange(from..<cursor, with: Array(text))
        cursor = from + text.count
    }
}
