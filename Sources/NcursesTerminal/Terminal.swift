import CNcursesw
import Foundation
import Workbench

/// The terminal, through ncursesw: the only code that draws or reads keys.
///
/// Setup follows the notes in DESIGN.md: a UTF-8 locale, raw mode without echo,
/// keypad keys, a short Esc delay, default colours, the mouse where the terminal
/// reports it, and bracketed paste, so that pasted text arrives as one `.paste` key
/// whose line breaks are never Enter. `restore()` gives the terminal back, and runs
/// on every way out.
public final class Terminal {
    private let palette: ColorPalette
    private var restored = false
    /// How long `readKey` waits for a key, in milliseconds (`waitForKeys`).
    private var waiting: Int32 = 1000

    /// The key codes ncurses gives the start and end of a bracketed paste (`define_key`),
    /// above every code it has of its own.
    static let pasteStart: Int32 = 0x7000, pasteEnd: Int32 = 0x7001
    /// What the terminal is told to start and stop bracketing pastes.
    static let bracketedPasteOn = "\u{1B}[?2004h", bracketedPasteOff = "\u{1B}[?2004l"
    /// The longest paste taken in one key, in characters (the rest is dropped).
    static let longestPaste = 1_000_000

    /// Takes over the terminal. `color` is false when NO_COLOR is set.
    public init(color: Bool) {
        if setlocale(LC_ALL, "") == nil || !String(cString: nl_langinfo(nl_item(CODESET))).uppercased().contains("UTF")
        {
            setlocale(LC_ALL, "C.UTF-8")
        }
        initscr()
        raw()
        noecho()
        nonl()
        keypad(it_stdscr(), true)
        set_escdelay(25)
        var colors = false
        if color && has_colors() {
            start_color()
            use_default_colors()
            colors = true
        }
        palette = ColorPalette(enabled: colors)
        mousemask(it_mouse_all(), nil)
        // Wait at most a second for a key, so that other coders' work shows up.
        wtimeout(it_stdscr(), waiting)
        mouseinterval(0)
        define_key("\u{1B}[200~", Terminal.pasteStart)
        define_key("\u{1B}[201~", Terminal.pasteEnd)
        Terminal.write(Terminal.bracketedPasteOn)
        Terminal.installSignalHandlers()
    }

    /// Writes straight to the terminal (what ncurses has no call for).
    private static func write(_ text: String) {
        _ = text.withCString { Glibc.write(STDOUT_FILENO, $0, strlen($0)) }
    }

    deinit { restore() }

    /// Whether the terminal shows colours (and NO_COLOR is not set).
    public var hasColors: Bool { palette.colors >= 8 }
    /// How many colours the terminal has (0 without colour).
    public var colorCount: Int { palette.colors }

    /// The terminal's size in cells.
    public var size: (width: Int, height: Int) { (Int(it_cols()), Int(it_lines())) }

    /// Copies a frame to the screen.
    public func draw(_ buffer: ScreenBuffer) {
        let rows = min(buffer.height, Int(it_lines())), columns = min(buffer.width, Int(it_cols()))
        for y in 0..<rows {
            for x in 0..<columns {
                let cell = buffer[x, y]
                guard cell.width > 0 else { continue }
                // Writing the bottom-right cell scrolls terminals with automatic margins.
                if y == Int(it_lines()) - 1, x + cell.width >= Int(it_cols()) { continue }
                var text = cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
                text.append(0)
                let attributes = attributes(for: cell.style)
                let pair = palette.pair(for: cell.style)
                _ = text.withUnsafeBufferPointer { it_draw(Int32(y), Int32(x), $0.baseAddress, attributes, pair) }
            }
        }
        if let cursor = buffer.cursor {
            curs_set(1)
            move(Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        refresh()
    }

    private func attributes(for style: Style) -> attr_t {
        var attributes = it_a_normal()
        if style.bold { attributes |= it_a_bold() }
        if style.underline { attributes |= it_a_underline() }
        if style.reverse { attributes |= it_a_reverse() }
        if style.dim { attributes |= it_a_dim() }
        // Without colour, a coloured background (a search match) shows as bold underline.
        if palette.colors < 8, style.background != nil { attributes |= it_a_bold() | it_a_underline() }
        return attributes
    }

    /// Waits at most `milliseconds` for the next key (a second unless told).
    public func waitForKeys(milliseconds: Int32) {
        waiting = milliseconds
        wtimeout(it_stdscr(), milliseconds)
    }

    /// Waits for the next key; nil for keys the workbench does not use.
    public func readKey() -> Key? {
        var character: wint_t = 0
        let status = get_wch(&character)
        if status == KEY_CODE_YES {
            switch Int32(character) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_NPAGE: return .pageDown
            case KEY_PPAGE: return .pageUp
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_ENTER: return .enter
            case KEY_BACKSPACE: return .backspace
            case KEY_BTAB: return .backTab
            case KEY_DC: return .delete
            case KEY_RESIZE: return nil
            case KEY_MOUSE: return mouseKey()
            case Terminal.pasteStart: return pasted()
            default: return nil
            }
        }
        guard status == OK else { return nil }
        switch character {
        // In raw mode Enter sends CR; Ctrl-J sends LF, the memo editor's new line.
        case 13: return .enter
        case 10: return .control("j")
        case 27: return escapeOrAltEnter()
        case 127, 8: return .backspace
        case 9: return .tab
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(character) + 96)))
        default:
            guard let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// Esc, or Alt-Enter (Esc and CR at once), which starts a new line as Ctrl-J does.
    private func escapeOrAltEnter() -> Key {
        wtimeout(it_stdscr(), 0)
        defer { wtimeout(it_stdscr(), waiting) }
        var next: wint_t = 0
        let status = get_wch(&next)
        if status == OK, next == 13 || next == 10 { return .control("j") }
        if status == OK {
            unget_wch(wchar_t(bitPattern: UInt32(next)))
        } else if status == KEY_CODE_YES {
            ungetch(Int32(next))
        }
        return .escape
    }

    /// The text of a bracketed paste, read up to its end mark. Each read waits half a
    /// second at most, so a paste whose end never comes ends there rather than hanging.
    private func pasted() -> Key {
        wtimeout(it_stdscr(), 500)
        defer { wtimeout(it_stdscr(), waiting) }
        var text = String.UnicodeScalarView()
        var count = 0
        while true {
            var character: wint_t = 0
            let status = get_wch(&character)
            if status == KEY_CODE_YES {
                if Int32(character) == Terminal.pasteEnd { break }
                if Int32(character) == KEY_ENTER { text.append("\n") }
                continue
            }
            guard status == OK else { break }
            count += 1
            if count <= Terminal.longestPaste, let scalar = Unicode.Scalar(UInt32(character)) { text.append(scalar) }
        }
        return .paste(String(text))
    }

    private func mouseKey() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let kind: Key.MouseEvent.Kind
        if event.bstate & it_button4_pressed() != 0 {
            kind = .wheelUp
        } else if it_button5_pressed() != 0, event.bstate & it_button5_pressed() != 0 {
            kind = .wheelDown
        } else if event.bstate & (it_button1_pressed() | it_button1_clicked()) != 0 {
            kind = .press
        } else if event.bstate & it_button1_released() != 0 {
            kind = .release
        } else if event.bstate & it_report_position() != 0 {
            kind = .drag
        } else {
            return nil
        }
        return .mouse(Key.MouseEvent(kind: kind, x: Int(event.x), y: Int(event.y)))
    }

    /// Gives the terminal back: safe to call more than once.
    public func restore() {
        guard !restored else { return }
        restored = true
        Terminal.write(Terminal.bracketedPasteOff)
        endwin()
    }

    /// SIGTERM and SIGHUP restore the terminal and exit. Every change is already in
    /// the project, so nothing is lost.
    private static func installSignalHandlers() {
        for signalNumber in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            signal(signalNumber) { number in
                _ = Glibc.write(STDOUT_FILENO, "\u{1B}[?2004l", 8)
                endwin()
                _exit(128 + number)
            }
        }
    }
}
