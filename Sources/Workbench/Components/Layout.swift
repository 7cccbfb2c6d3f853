/// The frames screens are drawn in: the whole body between the title and status
/// bars, or a box over the panes.
enum Layout {
    /// Clears the body between the title and status bars for a full screen.
    static func body(_ screen: inout ScreenBuffer) -> Geometry.Rect {
        screen.fill(x: 0, y: 1, width: screen.width, height: screen.height - 2)
        return bodyRect(width: screen.width, height: screen.height)
    }

    /// The body's rectangle for a terminal of this size (what the reducer pages by).
    static func bodyRect(width: Int, height: Int) -> Geometry.Rect {
        Geometry.Rect(x: 1, y: 1, width: max(1, width - 2), height: max(1, height - 2))
    }

    /// A screen's title on the body's first row, with a position ("3 of 40") at the
    /// right end; the title is cut short rather than run under the position.
    static func title(_ text: String, position: String, in area: Geometry.Rect, _ screen: inout ScreenBuffer) {
        let positionX = area.right - DisplayWidth.of(position)
        screen.put(text, x: area.x + 1, y: area.y, style: .bold, limit: max(area.x + 1, positionX - 2))
        if !position.isEmpty { screen.put(position, x: max(area.x + 1, positionX), y: area.y, style: .dim) }
    }

    /// Puts a field's key hints at the right end of row `y` (when the row is wide
    /// enough) and returns the column where they start.
    static func hintsAtRight(_ hints: String, y: Int, _ screen: inout ScreenBuffer) -> Int {
        let width = DisplayWidth.of(hints)
        guard screen.width >= width + 30 else { return screen.width }
        let x = screen.width - width - 1
        screen.put(hints, x: x, y: y, style: Style(reverse: true, dim: true))
        return x
    }

    /// A one-line field on the status row: `prompt`, the text being typed, and the
    /// field's key hints at the right.
    static func bottomField(
        _ prompt: String, style: Style, editor: LineEditor, keys: KeyBindings.Table, _ state: State,
        _ screen: inout ScreenBuffer
    ) {
        let y = Geometry(state).statusRow
        screen.fill(x: 0, y: y, width: screen.width, height: 1, style: .reverse)
        let x = screen.put(prompt, x: 0, y: y, style: style)
        let hints = hintsAtRight(KeyBindings.hints(keys), y: y, &screen)
        screen.cursor = editor.draw(x: x, y: y, width: max(1, hints - x - 1), style: .reverse, into: &screen)
    }

    /// A bordered box centred on the screen; returns its inner rectangle.
    static func box(title: String, width: Int, height: Int, _ screen: inout ScreenBuffer) -> Geometry.Rect {
        let w = min(width, screen.width - 2), h = min(height, screen.height - 2)
        let x = (screen.width - w) / 2, y = max(1, (screen.height - h) / 2)
        screen.fill(x: x, y: y, width: w, height: h)
        screen.put("┌" + String(repeating: "─", count: max(0, w - 2)) + "┐", x: x, y: y, style: .dim)
        for row in (y + 1)..<max(y + 1, y + h - 1) {
            screen.put("│", x: x, y: row, style: .dim)
            screen.put("│", x: x + w - 1, y: row, style: .dim)
        }
        screen.put("└" + String(repeating: "─", count: max(0, w - 2)) + "┘", x: x, y: y + h - 1, style: .dim)
        screen.put(" \(title) ", x: x + 2, y: y, style: .bold, limit: x + w - 2)
        return Geometry.Rect(x: x + 2, y: y + 1, width: max(1, w - 4), height: max(1, h - 2))
    }

    /// A code's path in `width` cells: whole when it fits, else with the folders
    /// cut short and the code's own name kept ("Proc…/Intertwining"), else the name
    /// cut with an ellipsis.
    static func fitted(path: String, width: Int) -> String {
        guard DisplayWidth.of(path) > width else { return path }
        guard let slash = path.lastIndex(of: "/") else { return cut(path, width) }
        let name = String(path[path.index(after: slash)...])
        let room = width - DisplayWidth.of(name) - 2
        guard room > 0 else { return cut(name, width) }
        return String(path[..<slash].prefix(room)) + "…/" + name
    }

    /// `text` cut to `width` cells, ending in "…" when cut.
    static func cut(_ text: String, _ width: Int) -> String {
        guard DisplayWidth.of(text) > width, width > 0 else { return text }
        var out = "", used = 0
        for character in text {
            let w = DisplayWidth.of(String(character))
            if used + w > width - 1 { break }
            out.append(character); used += w
        }
        return out + "…"
    }
}
