import CodingEngine
import Foundation

/// The documents pane (left) and the codes pane with the passage details (right).
enum SidePanes {
    /// Rows the documents pane gives its list (less its title and a case heading).
    static func documentRows(_ state: State) -> Int {
        max(1, (Geometry(state).documents?.height ?? state.height - 2) - 2)
    }

    /// The documents by case, scrolled so that the selected one shows, with a
    /// "3 of 60" line when they do not all fit.
    static func documents(_ state: State, _ pane: Geometry.Rect, _ screen: inout ScreenBuffer) {
        let focused = state.focus == .documents
        screen.put("Documents", x: pane.x + 1, y: pane.y, style: Style(bold: true, underline: focused))
        // Lines: a heading for each case, then its documents.
        var lines: [(entry: Int?, caseName: String)] = []
        var lastCase: String?
        for (index, entry) in state.documents.enumerated() {
            if entry.caseName != lastCase {
                lines.append((nil, entry.caseName))
                lastCase = entry.caseName
            }
            lines.append((index, entry.caseName))
        }
        let rows = max(1, pane.height - 2)
        let selectedLine = lines.firstIndex { $0.entry == state.documentsList.selected } ?? 0
        let first = lines.count <= rows + 1 ? 0 : max(0, min(selectedLine - rows / 2, lines.count - rows))
        var y = pane.y + 1
        for line in lines.dropFirst(first).prefix(lines.count <= rows + 1 ? rows + 1 : rows) {
            guard let index = line.entry else {
                screen.put(line.caseName, x: pane.x + 1, y: y, style: .bold, limit: pane.right - 1)
                y += 1
                continue
            }
            let entry = state.documents[index]
            let isOpen = entry.name == state.document?.name
            var style = isOpen ? Style.bold : Style.plain
            if focused && index == state.documentsList.selected { style.reverse = true }
            let barWidth = 5
            let filled = Int((entry.codedShare * Double(barWidth)).rounded())
            let percent = state.countsPending ? "   …" : String(format: "%3.0f%%", entry.codedShare * 100)
            let nameRoom = pane.width - barWidth - 9
            let name = String(entry.name.prefix(max(1, nameRoom)))
            screen.put("  " + name, x: pane.x, y: y, style: style, limit: pane.right - barWidth - 6)
            let barX = pane.right - barWidth - 6
            screen.put(
                String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled),
                x: barX, y: y, style: Style(foreground: RGB(red: 60, green: 180, blue: 75)))
            screen.put(percent, x: barX + barWidth + 1, y: y, style: .dim)
            y += 1
        }
        if lines.count > rows + 1 {
            screen.put(
                " \(state.documentsList.selected + 1) of \(state.documents.count)", x: pane.x, y: pane.bottom - 1,
                style: .dim,
                limit: pane.right - 1)
        }
        for row in pane.y..<pane.bottom { screen.put("│", x: pane.right - 1, y: row, style: .dim) }
    }

    static func codes(_ state: State, _ pane: Geometry.Rect, _ screen: inout ScreenBuffer) {
        for row in pane.y..<pane.bottom { screen.put("│", x: pane.x, y: row, style: .dim) }
        let x = pane.x + 2
        screen.put("Codes", x: x, y: pane.y, style: .bold)
        screen.put("doc  all", x: pane.right - 9, y: pane.y, style: .dim)
        let inDocument = Dictionary(
            grouping: state.document?.codings.filter { $0.coder == state.coder } ?? [], by: \.code
        )
        .mapValues(\.count)
        let details = detailLines(state)
        let listBottom = pane.bottom - (details.isEmpty ? 0 : details.count + 1)
        var y = pane.y + 1
        for code in state.codebook.codes {
            guard y < listBottom else { break }
            let indent = String(repeating: " ", count: code.depth)
            let colour = RGB(hex: code.color)
            var column = screen.put(indent, x: x, y: y)
            let swatch = state.labels.swatch(code, colors: state.colors)
            column =
                code.codable
                ? screen.put(swatch.text, x: column, y: y, style: swatch.style)
                : screen.put("▸", x: column, y: y, style: Style(foreground: state.colors ? colour : nil))
            let hotkey = code.hotkey.map { "\($0) " } ?? "  "
            column = screen.put(" " + hotkey, x: column, y: y, style: .dim)
            screen.put(code.name, x: column, y: y, style: code.codable ? .plain : .bold, limit: pane.right - 9)
            if code.codable {
                let counts =
                    state.countsPending
                    ? String(format: "%3d    …", inDocument[code.path] ?? 0)
                    : String(format: "%3d %4d", inDocument[code.path] ?? 0, state.projectCounts[code.id] ?? 0)
                screen.put(counts, x: pane.right - 9, y: y, style: .dim)
            }
            y += 1
        }
        guard !details.isEmpty else { return }
        var row = pane.bottom - details.count
        screen.put(String(repeating: "─", count: pane.width - 1), x: pane.x + 1, y: row - 1, style: .dim)
        for (text, style) in details {
            screen.put(text, x: x, y: row, style: style, limit: pane.right)
            row += 1
        }
    }

    /// The codings under the cursor: code, coder, memo.
    static func detailLines(_ state: State) -> [(String, Style)] {
        let under = state.codingsUnderCursor
        guard !under.isEmpty else { return [] }
        var lines: [(String, Style)] = [("Under the cursor", .bold)]
        for coding in under.prefix(6) {
            let colour = state.codebook.code(path: coding.code).flatMap { RGB(hex: $0.color) }
            let name = state.codebook.code(path: coding.code)?.name ?? coding.code
            lines.append(("■ \(name) · \(coding.coder)", Style(foreground: colour)))
            if let memo = coding.memo, !memo.isEmpty { lines.append(("  “\(memo)”", .dim)) }
        }
        return lines
    }
}
