/// A key press (or mouse event) as the workbench sees it, whatever the terminal sent.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case character(Character)
    /// Ctrl with a letter, e.g. `.control("z")`.
    case control(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete
    /// A mouse event at a cell.
    case mouse(MouseEvent)
    /// Text pasted at once (the terminal's bracketed paste): its line breaks are the
    /// text's, never Enter, and outside a text field it does nothing.
    case paste(String)

    public struct MouseEvent: Hashable, Sendable {
        public enum Kind: Hashable, Sendable { case press, drag, release, wheelUp, wheelDown }
        public var kind: Kind
        public var x: Int
        public var y: Int
        public init(kind: Kind, x: Int, y: Int) {
            self.kind = kind
            self.x = x
            self.y = y
        }
    }

    /// How the key is written in help and hints.
    public var description: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-\(c.uppercased())"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .delete: return "Del"
        case .mouse: return "mouse"
        case .paste: return "paste"
        }
    }

    /// Keys from a compact script: each character is a key, and `<Esc>`, `<Enter>`,
    /// `<Tab>`, `<BS>`, `<Up>`, `<Down>`, `<Left>`, `<Right>`, `<PgUp>`, `<PgDn>`,
    /// `<C-z>` name the others. Used by tests and key-script files.
    public static func script(_ text: String) -> [Key] {
        var keys: [Key] = []
        var rest = Substring(text)
        let named: [String: Key] = [
            "Esc": .escape, "Enter": .enter, "Tab": .tab, "BS": .backspace, "Up": .up,
            "Down": .down, "Left": .left, "Right": .right, "PgUp": .pageUp, "PgDn": .pageDown,
            "Home": .home, "End": .end, "S-Tab": .backTab, "Del": .delete, "lt": .character("<"),
        ]
        while let first = rest.first {
            if first == "<", let close = rest.firstIndex(of: ">") {
                let name = String(rest[rest.index(after: rest.startIndex)..<close])
                if let key = named[name] {
                    keys.append(key)
                    rest = rest[rest.index(after: close)...]
                    continue
                }
                if name.hasPrefix("C-"), name.count == 3 {
                    keys.append(.control(Character(name.suffix(1).lowercased())))
                    rest = rest[rest.index(after: close)...]
                    continue
                }
            }
            keys.append(.character(first))
            rest = rest.dropFirst()
        }
        return keys
    }
}
