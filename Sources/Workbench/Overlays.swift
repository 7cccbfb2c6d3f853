import CodingEngine
import Foundation

/// Screens and boxes drawn over the panes: the code picker, help, retrieve,
/// frequencies and the choice of which coding to remove.
enum Overlays {
    static func draw(_ state: State, _ geometry: Geometry, _ screen: inout ScreenBuffer) {
        switch state.mode {
        case .picker(let picker): self.picker(picker, state, &screen)
        case .help(let scroll): help(scroll, state, &screen)
        case .retrieve(let retrieval): retrieve(retrieval, state, &screen)
        case .frequencies(let table): frequencies(table, state, &screen)
        case .chooseRemoval(let candidates, let selected): removal(candidates, selected, state, &screen)
        case .agreement(let table): AgreementView.table(table, state, &screen)
        case .review(let review): AgreementView.review(review, state, &screen)
        case .rationaleInput(_, _, let review): AgreementView.review(review, state, &screen)
        case .cooccurrence(let map): AnalysisView.heatMap(map, state, &screen)
        case .matrix(let matrix), .summaryInput(let matrix, _): AnalysisView.matrix(matrix, state, &screen)
        case .flows(let flows): AnalysisView.flows(flows, state, &screen)
        case .passages(let list): AnalysisView.passages(list, state, &screen)
        case .normal, .commandLine, .searchInput, .memoInput: break
        }
    }

    /// A bordered box centred on the screen; returns its inner rectangle.
    static func box(title: String, width: Int, height: Int, _ screen: inout ScreenBuffer) -> Geometry.Rect {
        let w = min(width, screen.width - 2), h = min(height, screen.height - 2)
        let x = (screen.width - w) / 2, y = max(1, (screen.height - h) / 2)
        screen.fill(x: x, y: y, width: w, height: h)
        screen.put("┌" + String(repeating: "─", count: w - 2) + "┐", x: x, y: y, style: .dim)
        for row in (y + 1)..<(y + h - 1) {
            screen.put("│", x: x, y: row, style: .dim)
            screen.put("│", x: x + w - 1, y: row, style: .dim)
        }
        screen.put("└" + String(repeating: "─", count: w - 2) + "┘", x: x, y: y + h - 1, style: .dim)
        screen.put(" \(title) ", x: x + 2, y: y, style: .bold)
        return Geometry.Rect(x: x + 2, y: y + 1, width: w - 4, height: h - 2)
    }

    /// Clears the body between the title and status bars for a full screen.
    static func body(_ screen: inout ScreenBuffer) -> Geometry.Rect {
        screen.fill(x: 0, y: 1, width: screen.width, height: screen.height - 2)
        return Geometry.Rect(x: 1, y: 1, width: screen.width - 2, height: screen.height - 2)
    }

    static func picker(_ picker: State.Picker, _ state: State, _ screen: inout ScreenBuffer) {
        let matches = Reducer.pickerCodes(state.codebook, query: picker.query)
        let title = picker.purpose == .apply ? "Code with…" : "Retrieve passages of…"
        let inner = box(title: title, width: 64, height: min(screen.height - 2, max(8, matches.count + 5)), &screen)
        let end = screen.put("› " + picker.query, x: inner.x, y: inner.y, style: .bold)
        screen.cursor = ScreenBuffer.Point(x: end, y: inner.y)
        let rows = inner.height - 2
        if matches.isEmpty {
            let text = picker.purpose == .apply && !picker.query.isEmpty
                ? "Enter creates “\(Reducer.newCodePath(state, name: picker.query))” and applies it"
                : "no code matches"
            screen.put(text, x: inner.x, y: inner.y + 2, style: .dim, limit: inner.right)
            return
        }
        let first = max(0, picker.selected - rows + 1)
        for (row, code) in matches[first..<min(matches.count, first + rows)].enumerated() {
            let y = inner.y + 2 + row
            let selected = first + row == picker.selected
            var x = screen.put("■ ", x: inner.x, y: y, style: Style(foreground: RGB(hex: code.color)))
            x = screen.put((code.hotkey ?? " ") + " ", x: x, y: y, style: .dim)
            screen.put(code.path, x: x, y: y, style: Style(bold: selected, reverse: selected), limit: inner.right)
        }
    }

    static func help(_ scroll: Int, _ state: State, _ screen: inout ScreenBuffer) {
        let area = body(&screen)
        var lines: [(String, Style)] = [("Keys (generated from the key tables; Esc closes, j/k scroll)", .bold), ("", .plain)]
        let hotkeys = state.codebook.codes.filter { $0.hotkey != nil }
        if !hotkeys.isEmpty {
            lines.append(("Codebook hotkeys", .bold))
            for code in hotkeys { lines.append(("  \(code.hotkey!)          \(code.path)", .plain)) }
            lines.append(("  (a hotkey codes the selection, or the current turn when nothing is selected)", .dim))
            lines.append(("", .plain))
        }
        for table in KeyBindings.all {
            lines.append((table.title, .bold))
            for binding in table.bindings {
                let keys = binding.keys.map(\.description).joined(separator: " ")
                lines.append(("  " + keys.padding(toLength: max(keys.count, 12), withPad: " ", startingAt: 0) + " " + binding.help, .plain))
            }
            lines.append(("", .plain))
        }
        lines.append(("Undo is u or Ctrl-Z, redo Ctrl-R or Ctrl-Y. Every change is saved as you make it.", .dim))
        let start = min(scroll, max(0, lines.count - area.height))
        for (row, line) in lines.dropFirst(start).prefix(area.height).enumerated() {
            screen.put(line.0, x: area.x + 1, y: area.y + row, style: line.1, limit: area.right)
        }
    }

    static func retrieve(_ retrieval: State.Retrieval, _ state: State, _ screen: inout ScreenBuffer) {
        let area = body(&screen)
        let shown = Reducer.shownPassages(retrieval, coder: state.coder)
        let filters = "case: \(retrieval.caseFilter ?? "all") · coders: \(retrieval.allCoders ? "all" : state.coder)"
        screen.put("Retrieve \(retrieval.code): \(shown.count) passage\(shown.count == 1 ? "" : "s") (\(filters))",
                   x: area.x + 1, y: area.y, style: .bold, limit: area.right)
        let perPassage = 2
        let rows = max(1, (area.height - 2) / perPassage)
        let first = max(0, retrieval.selected - rows + 1)
        let colour = state.codebook.code(path: retrieval.code).flatMap { RGB(hex: $0.color) }
        for (row, passage) in shown.dropFirst(first).prefix(rows).enumerated() {
            let y = area.y + 2 + row * perPassage
            let selected = first + row == retrieval.selected
            let coding = passage.coding
            let place = "\(coding.document) [\(coding.caseName)]" + (passage.turn.map { " turn \($0)" } ?? "") + " · \(coding.coder)"
            screen.put("┃", x: area.x + 1, y: y, style: Style(foreground: colour, bold: true))
            screen.put(place, x: area.x + 3, y: y, style: Style(bold: true, reverse: selected), limit: area.right)
            let context = coding.text.replacingOccurrences(of: "\n", with: " ")
            screen.put("┃", x: area.x + 1, y: y + 1, style: Style(foreground: colour, bold: true))
            screen.put(context, x: area.x + 3, y: y + 1, style: selected ? .plain : .dim, limit: area.right)
        }
        if shown.isEmpty { screen.put("No passages.", x: area.x + 1, y: area.y + 2, style: .dim) }
    }

    static func frequencies(_ table: State.FrequencyTable, _ state: State, _ screen: inout ScreenBuffer) {
        let area = body(&screen)
        let rows = table.allCoders ? table.rows : table.rows.filter { $0.coder == state.coder }
        let coders = Array(Set(rows.map(\.coder))).sorted()
        let cases = state.documents.reduce(into: [String]()) { if !$0.contains($1.caseName) { $0.append($1.caseName) } }
        var columns: [(group: String, coder: String)] = []
        for name in cases { for coder in coders { columns.append((name, coder)) } }
        let what = table.coverage ? "coverage of the case's text" : "codings"
        screen.put("Frequencies: \(what) by case, \(table.allCoders ? "every coder side by side" : state.coder)",
                   x: area.x + 1, y: area.y, style: .bold, limit: area.right)
        guard !rows.isEmpty else {
            screen.put(table.rows.isEmpty ? "Counting…" : "\(state.coder) has no codings yet.", x: area.x + 1, y: area.y + 2, style: .dim)
            return
        }
        var cell: [String: CodeFrequencies.Row] = [:]
        for row in rows { cell["\(row.group)|\(row.coder)|\(row.code)"] = row }
        let nameWidth = min(34, max(12, area.width - columns.count * 9 - 8))
        let columnWidth = 8
        var x = area.x + 1 + nameWidth
        for column in columns {
            let label = coders.count > 1 ? "\(column.group) \(column.coder.prefix(3))" : column.group
            screen.put(String(label.prefix(columnWidth)), x: x + columnWidth - min(columnWidth, label.count), y: area.y + 2, style: .bold)
            x += columnWidth + 1
        }
        screen.put("total", x: x + 2, y: area.y + 2, style: .bold)
        let maximum = rows.filter { !$0.aggregate }.map { table.coverage ? $0.coverage : Double($0.codings) }.max() ?? 1
        let codes = state.codebook.codes
        let visible = max(1, area.height - 4)
        let start = min(table.scroll, max(0, codes.count - visible))
        for (index, code) in codes.dropFirst(start).prefix(visible).enumerated() {
            let y = area.y + 3 + index
            let name = String(repeating: " ", count: code.depth) + code.name + (state.codebook.hasChildren(code.id) ? " Σ" : "")
            screen.put(name, x: area.x + 1, y: y, style: code.codable ? .plain : .bold, limit: area.x + nameWidth)
            var x = area.x + 1 + nameWidth
            var total = 0
            for column in columns {
                let row = cell["\(column.group)|\(column.coder)|\(code.path)"]
                let value = table.coverage ? (row?.coverage ?? 0) : Double(row?.codings ?? 0)
                total += row?.codings ?? 0
                let text = table.coverage ? String(format: "%.1f%%", value * 100) : String(row?.codings ?? 0)
                let heat = maximum > 0 ? min(1, value / maximum) : 0
                let style = state.colors ? heatStyle(heat, aggregate: row?.aggregate ?? false)
                    : Style(bold: heat > 0.5 || (row?.aggregate ?? false), reverse: heat > 0.75, dim: heat == 0)
                screen.put(String(repeating: " ", count: columnWidth - text.count) + text, x: x, y: y, style: style)
                x += columnWidth + 1
            }
            screen.put(String(format: "%5d", total), x: x + 2, y: y, style: .dim)
        }
    }

    /// Background from pale to deep blue with the value; parents in bold.
    static func heatStyle(_ heat: Double, aggregate: Bool) -> Style {
        guard heat > 0 else { return Style(bold: aggregate, dim: !aggregate) }
        let level = UInt8(255 - Int(heat * 170))
        let background = RGB(red: level, green: UInt8(min(255, Int(level) + 20)), blue: 255)
        return Style(foreground: heat > 0.6 ? .white : .black, background: background, bold: aggregate)
    }

    static func removal(_ candidates: [Coding], _ selected: Int, _ state: State, _ screen: inout ScreenBuffer) {
        let inner = box(title: "Remove which coding?", width: 64, height: candidates.count + 4, &screen)
        for (index, coding) in candidates.enumerated() where index < inner.height - 1 {
            let colour = state.codebook.code(path: coding.code).flatMap { RGB(hex: $0.color) }
            let x = screen.put("■ ", x: inner.x, y: inner.y + index, style: Style(foreground: colour))
            let text = state.document.map { $0.text.slice(coding.start, min(coding.end, coding.start + 24)) } ?? ""
            let label = "\(coding.code) [\(coding.start), \(coding.end)) “\(text)…”"
            screen.put(label, x: x, y: inner.y + index, style: Style(reverse: index == selected), limit: inner.right)
        }
        screen.put("Enter removes · Esc keeps", x: inner.x, y: inner.bottom - 1, style: .dim)
    }
}
