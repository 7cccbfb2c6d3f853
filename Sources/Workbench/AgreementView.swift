import CodingEngine
import Foundation

/// The agreement table and the screen for settling disagreements.
enum AgreementView {
    static let aColour = RGB(red: 67, green: 99, blue: 216)
    static let bColour = RGB(red: 245, green: 130, blue: 49)

    static func format(_ value: Double?) -> String {
        value.map { String(format: "%.3f", abs($0) < 0.0005 ? 0 : $0) } ?? "n/a"
    }

    /// Krippendorff's thresholds: green reliable, yellow tentative, red otherwise.
    static func alphaStyle(_ alpha: Double?, _ state: State) -> Style {
        guard let alpha else { return .dim }
        let reading = AgreementReport.Reliability(alpha: alpha)
        guard state.colors else { return Style(bold: reading == .reliable, underline: reading == .unreliable) }
        switch reading {
        case .reliable: return Style(foreground: RGB(red: 60, green: 180, blue: 75), bold: true)
        case .tentative: return Style(foreground: RGB(red: 200, green: 160, blue: 0), bold: true)
        default: return Style(foreground: RGB(red: 230, green: 25, blue: 75), bold: true)
        }
    }

    static func table(_ table: State.AgreementTable, _ state: State, _ screen: inout ScreenBuffer) {
        let area = Overlays.body(&screen)
        screen.put("Agreement of \(table.coders[0]) and \(table.coders[1]), character by character, worst code first",
                   x: area.x + 1, y: area.y, style: .bold, limit: area.right)
        screen.put("alpha: reliable ≥ .800, tentative ≥ .667 (Krippendorff) · Enter steps through a code's disagreements",
                   x: area.x + 1, y: area.y + 1, style: .dim, limit: area.right)
        guard table.loaded else {
            screen.put("Computing…", x: area.x + 1, y: area.y + 3, style: .dim)
            return
        }
        guard !table.rows.isEmpty else {
            screen.put("Neither coder has coded anything yet.", x: area.x + 1, y: area.y + 3, style: .dim)
            return
        }
        let nameWidth = min(44, max(16, area.width - 62))
        let headers = ["alpha", "agree", "kappa", "AC1", "both/a/b/neither", "settled"]
        let widths = [7, 7, 7, 7, 22, 9]
        var x = area.x + 1 + nameWidth
        for (header, width) in zip(headers, widths) {
            screen.put(header.padding(toLength: width, withPad: " ", startingAt: 0), x: x, y: area.y + 3, style: .bold)
            x += width + 1
        }
        let rows = max(1, area.height - 5)
        let first = max(0, table.selected - rows + 1)
        for (offset, row) in table.rows.dropFirst(first).prefix(rows).enumerated() {
            let y = area.y + 4 + offset
            let selected = first + offset == table.selected
            screen.put(row.code, x: area.x + 1, y: y, style: Style(bold: selected, reverse: selected), limit: area.x + nameWidth)
            var x = area.x + 1 + nameWidth
            let cells = [format(row.alpha), format(row.percentAgreement), format(row.kappa), format(row.gwet),
                         row.table.map { "\($0.both)/\($0.aOnly)/\($0.bOnly)/\($0.neither)" } ?? "",
                         "\(row.settled)/\(row.disagreements)"]
            for (index, (cell, width)) in zip(cells, widths).enumerated() {
                screen.put(cell, x: x, y: y, style: index == 0 ? alphaStyle(row.alpha, state) : .plain, limit: x + width)
                x += width + 1
            }
        }
    }

    static func review(_ review: State.Review, _ state: State, _ screen: inout ScreenBuffer) {
        let area = Overlays.body(&screen)
        guard review.loaded else {
            screen.put("Finding disagreements…", x: area.x + 1, y: area.y + 1, style: .dim)
            return
        }
        guard review.items.indices.contains(review.index) else {
            screen.put("\(review.code): \(review.coders[0]) and \(review.coders[1]) do not disagree. Esc goes back.",
                       x: area.x + 1, y: area.y + 1, style: .bold, limit: area.right)
            return
        }
        let item = review.items[review.index]
        let d = item.disagreement
        let settledCount = review.items.filter(\.settled).count
        let kind = d.kind == .aOnly ? "only \(review.coders[0])" : d.kind == .bOnly ? "only \(review.coders[1])" : d.kind.rawValue
        screen.put("\(review.code) · disagreement \(review.index + 1) of \(review.items.count) (\(settledCount) settled)",
                   x: area.x + 1, y: area.y, style: .bold, limit: area.right)
        screen.put("\(d.document) [\(d.range.start), \(d.range.end)) · \(kind) · \(d.disputed) characters disputed · "
                   + (item.settled ? "settled by \(state.consensusCoder) ✓" : "not settled yet"),
                   x: area.x + 1, y: area.y + 1, style: item.settled ? .bold : .plain, limit: area.right)
        let width = max(20, area.width - 4)
        let layout = TranscriptLayout(text: item.text, turns: [], width: width)
        let room = max(2, (area.height - 5) / 2)
        // The stretch's lines, with some context above.
        let firstLine = max(0, layout.lineIndex(of: d.range.start - item.textStart) - 1)
        var y = area.y + 3
        for (index, coder) in review.coders.enumerated() {
            let ranges = (index == 0 ? d.a : d.b).map { TextRange($0.start - item.textStart, $0.end - item.textStart) }
            let colour = index == 0 ? aColour : bColour
            screen.put("\(index + 1) \(coder)", x: area.x + 1, y: y, style: Style(foreground: state.colors ? colour : nil, bold: true))
            y += 1
            for line in layout.lines.dropFirst(firstLine).prefix(room - 1) {
                guard y < area.bottom - 1 else { break }
                var x = area.x + 3
                for offset in line.start..<line.end {
                    let covered = ranges.contains { $0.contains(offset) }
                    let inStretch = offset + item.textStart >= d.range.start && offset + item.textStart < d.range.end
                    var style = inStretch ? Style.plain : Style.dim
                    if covered {
                        style = state.colors ? Style(foreground: .white, background: colour, bold: true) : Style(bold: true, reverse: true)
                    }
                    x = screen.put(CollectionOfOne(item.text[offset]), x: x, y: y, style: style, limit: area.x + 3 + width)
                }
                y += 1
            }
            y += 1
        }
    }
}
