import CodingEngine
import Foundation

/// The co-occurrence heat map, the case matrix, the learning-flow strips and the
/// passage lists they open.
enum AnalysisView {
    static func shade(_ value: Double, _ state: State) -> Style {
        guard value > 0 else { return .dim }
        guard state.colors else { return Style(bold: value > 0.3, reverse: value > 0.6) }
        let level = UInt8(255 - Int(min(1, value) * 180))
        return Style(foreground: value > 0.55 ? .white : .black, background: RGB(red: level, green: UInt8(min(255, Int(level) + 15)), blue: 255))
    }

    static func heatMap(_ map: State.HeatMap, _ state: State, _ screen: inout ScreenBuffer) {
        let area = Overlays.body(&screen)
        screen.put("Code co-occurrence, \(map.byTurn ? "within speaker turns" : "overlapping passages") · c = overlaps / (n1 + n2 − overlaps) · t switches",
                   x: area.x + 1, y: area.y, style: .bold, limit: area.right)
        guard map.loaded else { screen.put("Counting…", x: area.x + 1, y: area.y + 2, style: .dim); return }
        guard map.codes.count >= 2 else { screen.put("Fewer than two codes used yet.", x: area.x + 1, y: area.y + 2, style: .dim); return }
        let labelWidth = min(34, max(12, area.width - map.codes.count * 4 - 4))
        let cellWidth = 4
        let rows = min(map.codes.count, area.height - 6)
        for j in map.codes.indices where area.x + 1 + labelWidth + j * cellWidth + 3 < area.right {
            screen.put(String(format: "%3d", j + 1), x: area.x + 1 + labelWidth + j * cellWidth, y: area.y + 2, style: j == map.column ? .bold : .dim)
        }
        let first = max(0, map.row - rows + 1)
        for i in first..<min(map.codes.count, first + rows) {
            let y = area.y + 3 + i - first
            let name = "\(i + 1) " + (map.codes[i].split(separator: "/").last.map(String.init) ?? "")
            screen.put(name, x: area.x + 1, y: y, style: i == map.row ? .bold : .plain, limit: area.x + labelWidth)
            for j in map.codes.indices {
                let x = area.x + 1 + labelWidth + j * cellWidth
                guard x + cellWidth <= area.right else { break }
                guard i != j else { screen.put("  ·", x: x, y: y, style: .dim); continue }
                let pair = Reducer.cell(State.HeatMap(codes: map.codes, pairs: map.pairs, row: i, column: j))
                let c = pair?.c ?? 0
                var style = shade(c, state)
                if i == map.row && j == map.column { style.reverse.toggle(); style.bold = true }
                let text = (pair?.overlaps ?? 0) == 0 ? "  ." : String(format: "%3d", pair!.overlaps)
                screen.put(text, x: x, y: y, style: style)
            }
        }
        if let pair = Reducer.cell(map) {
            let line = "\(pair.a) × \(pair.b) (\(pair.coder)): n1 \(pair.n1), n2 \(pair.n2), overlaps \(pair.overlaps), c = "
                + (pair.c.map { String(format: "%.3f", $0) } ?? "n/a") + " · Enter lists the passages"
            screen.put(line, x: area.x + 1, y: area.bottom - 1, style: .bold, limit: area.right)
        }
    }

    static func matrix(_ screen: State.MatrixScreen, _ state: State, _ buffer: inout ScreenBuffer) {
        let area = Overlays.body(&buffer)
        buffer.put("Cases × \(screen.folder) · Enter lists a cell's extracts · m writes its summary · :matrix FOLDER",
                   x: area.x + 1, y: area.y, style: .bold, limit: area.right)
        guard let matrix = screen.matrix else { buffer.put("Collecting…", x: area.x + 1, y: area.y + 2, style: .dim); return }
        let caseWidth = min(16, max(6, matrix.cases.map(\.count).max() ?? 6)) + 1
        let cellWidth = max(8, min(24, (area.width - caseWidth - 2) / max(1, matrix.codes.count) - 1))
        for (j, code) in matrix.codes.enumerated() {
            let name = code.split(separator: "/").last.map(String.init) ?? code
            buffer.put(String(name.prefix(cellWidth)), x: area.x + 1 + caseWidth + j * (cellWidth + 1), y: area.y + 2,
                       style: j == screen.column ? Style(bold: true, underline: true) : .bold)
        }
        for (i, caseName) in matrix.cases.enumerated() where area.y + 3 + i * 2 < area.bottom - 2 {
            let y = area.y + 3 + i * 2
            buffer.put(caseName, x: area.x + 1, y: y, style: i == screen.row ? Style(bold: true, underline: true) : .bold, limit: area.x + caseWidth)
            for (j, cell) in matrix.cells[i].enumerated() {
                let x = area.x + 1 + caseWidth + j * (cellWidth + 1)
                guard x + cellWidth <= area.right else { break }
                var style = cell.codings.isEmpty ? Style.dim : Style.plain
                if i == screen.row && j == screen.column { style.reverse = true }
                let text = "\(cell.codings.count)" + (cell.summary.map { " \($0)" } ?? "")
                buffer.fill(x: x, y: y, width: cellWidth, height: 1, style: style)
                buffer.put(text, x: x, y: y, style: style, limit: x + cellWidth)
            }
        }
        if matrix.cells.indices.contains(screen.row), matrix.cells[screen.row].indices.contains(screen.column) {
            let cell = matrix.cells[screen.row][screen.column]
            buffer.put("\(cell.caseName) × \(cell.code): \(cell.codings.count) extracts" + (cell.summary.map { " · summary: \($0)" } ?? " · no summary yet"),
                       x: area.x + 1, y: area.bottom - 1, style: .bold, limit: area.right)
        }
    }

    static func flows(_ screen: State.FlowScreen, _ state: State, _ buffer: inout ScreenBuffer) {
        let area = Overlays.body(&buffer)
        buffer.put("Learning flows: process codes along each case's interviews · feed-forward up the 4I/5I ladder, feedback down",
                   x: area.x + 1, y: area.y, style: .bold, limit: area.right)
        guard screen.loaded else { buffer.put("Tracing…", x: area.x + 1, y: area.y + 2, style: .dim); return }
        guard !screen.flows.isEmpty else { buffer.put("No process codes applied yet.", x: area.x + 1, y: area.y + 2, style: .dim); return }
        // Legend: the ladder's codes in their colours.
        var x = area.x + 1
        for name in LearningFlows.ladderNames {
            guard let code = state.codebook.codes.first(where: { $0.name == name }) else { continue }
            x = buffer.put(state.colors ? "█ " : "\(name.prefix(1)) ", x: x, y: area.y + 1, style: Style(foreground: RGB(hex: code.color)))
            x = buffer.put(name + "  ", x: x, y: area.y + 1, style: .dim)
        }
        let stripWidth = max(10, area.width - 22)
        var y = area.y + 3
        for flow in screen.flows.dropFirst(screen.scroll) {
            guard y + 2 < area.bottom else { break }
            buffer.put("\(flow.caseName) · \(flow.coder)", x: area.x + 1, y: y, style: .bold, limit: area.x + 20)
            // The strip: each step placed along the case's text.
            buffer.put(String(repeating: "─", count: stripWidth), x: area.x + 21, y: y, style: .dim)
            for step in flow.steps {
                let position = step.position * stripWidth / max(1, flow.length)
                let code = state.codebook.code(path: step.code)
                let glyph = state.colors ? "█" : String(code?.name.prefix(1) ?? "?")
                buffer.put(glyph, x: area.x + 21 + min(stripWidth - 1, position), y: y,
                           style: Style(foreground: state.colors ? code.flatMap { RGB(hex: $0.color) } : nil, bold: true))
            }
            let summary = "feed-forward \(flow.feedForward) · feedback \(flow.feedback) · repeats \(flow.repeats)"
                + (flow.feedForwardShare.map { String(format: " · %.0f%% forward", $0 * 100) } ?? "")
                + (flow.sources.isEmpty ? "" : " · sources: " + flow.sources.map { "\($0.code.split(separator: "/").last ?? "") \($0.passages)" }.joined(separator: ", "))
            buffer.put(summary, x: area.x + 21, y: y + 1, style: .dim, limit: area.right)
            y += 3
        }
    }

    static func passages(_ list: State.PassageList, _ state: State, _ screen: inout ScreenBuffer) {
        let area = Overlays.body(&screen)
        screen.put("\(list.title): \(list.passages.count) passage\(list.passages.count == 1 ? "" : "s") · Enter jumps to one · Esc closes",
                   x: area.x + 1, y: area.y, style: .bold, limit: area.right)
        let rows = max(1, (area.height - 2) / 2)
        let first = max(0, list.selected - rows + 1)
        for (row, passage) in list.passages.dropFirst(first).prefix(rows).enumerated() {
            let y = area.y + 2 + row * 2
            let selected = first + row == list.selected
            screen.put(passage.label, x: area.x + 1, y: y, style: Style(bold: true, reverse: selected), limit: area.right)
            let text = passage.text.isEmpty ? "" : passage.text.replacingOccurrences(of: "\n", with: " ")
            screen.put(text, x: area.x + 3, y: y + 1, style: .dim, limit: area.right)
        }
        if list.passages.isEmpty { screen.put("No passages.", x: area.x + 1, y: area.y + 2, style: .dim) }
    }
}
