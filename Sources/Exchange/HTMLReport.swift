import CodingEngine
import Foundation

/// Coded extracts as one self-contained HTML file: no external assets, text escaped,
/// passages shaded in their codes' colours, and two inline SVG charts (code
/// frequencies per case, and code co-occurrence as a heat map). Prints well.
public enum HTMLReport {
    /// `consensus`, when given, is the consensus's state in a sentence (shown under the
    /// title); `methods`, the methods report (`MethodsText`), shown after the extracts. Extracts by several coders get a section each, so that no count adds
    /// up different coders' codings; one coder's extracts (the consensus, say) one.
    public static func render(
        _ extracts: [Extract], codebook: Codebook, title: String, history: [HistoryEntry] = [],
        consensus: String? = nil, memos: [MemoEntry] = [], methods: [MethodsText.Block] = []
    ) -> String {
        let e = ExtractFormat.escape
        let cases = ExtractFormat.ordered(extracts.map(\.caseName))
        let coders = ExtractFormat.ordered(extracts.map(\.coder))
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(e(title))</title>
            <style>
            body { font: 15px/1.5 Georgia, serif; max-width: 56rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
            h1, h2, h3, h4 { font-family: Helvetica, Arial, sans-serif; }
            h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2.5rem; }
            section.coder > h2 { border-bottom: 3px solid #444; }
            blockquote { margin: .8rem 0; padding: .4rem .8rem; border-left: 5px solid; }
            blockquote p { margin: .2rem 0; white-space: pre-wrap; }
            .source { font: 13px Helvetica, Arial, sans-serif; color: #555; }
            .memo { font-style: italic; color: #444; }
            blockquote.memo { font-style: normal; border-color: #999; background: #f6f6f6; }
            .swatch { display: inline-block; width: .8em; height: .8em; margin-right: .3em; vertical-align: baseline; }
            svg text { font: 11px Helvetica, Arial, sans-serif; }
            table.history { border-collapse: collapse; font: 13px Helvetica, Arial, sans-serif; }
            table.history th, table.history td { border-bottom: 1px solid #ddd; padding: .2rem .5rem; text-align: left; vertical-align: top; }
            table.history td.n { text-align: right; }
            \(MethodsText.css)
            @media print { body { margin: 0; max-width: none; } blockquote, figure { break-inside: avoid; } h2, h3 { break-after: avoid; } section.coder, section.methods { break-before: page; } }
            </style></head><body>
            <h1>\(e(title))</h1>
            <p>\(Words.count(extracts.count, "coded extract")) from \(Words.count(Set(extracts.map(\.document)).count, "document")) \
            in \(Words.count(cases.count, "case")), by \(coders.map(e).joined(separator: ", ")).</p>

            """
        if let consensus {
            // `command` spans of the sentence as code.
            let parts = e(consensus).components(separatedBy: "`")
            html +=
                "<p class=\"source\">"
                + parts.enumerated().map {
                    $0.offset % 2 == 1 && parts.count % 2 == 1 ? "<code>\($0.element)</code>" : $0.element
                }.joined() + "</p>\n"
        }
        if coders.count <= 1 {
            html += body(extracts, codebook: codebook, level: 2)
        } else {
            html += "<p>One section per coder: counts are never added up across coders.</p>\n<ul>\n"
            for (n, coder) in coders.enumerated() {
                html += "<li><a href=\"#coder-\(n + 1)\">Coded by \(e(coder))</a></li>\n"
            }
            html += "</ul>\n"
            let byCoder = Dictionary(grouping: extracts, by: \.coder)
            for (n, coder) in coders.enumerated() {
                let mine = byCoder[coder] ?? []
                html += "<section class=\"coder\" id=\"coder-\(n + 1)\"><h2>Coded by \(e(coder))</h2>\n"
                html +=
                    "<p>\(Words.count(mine.count, "coded extract")) from \(Words.count(Set(mine.map(\.document)).count, "document")).</p>\n"
                html += body(mine, codebook: codebook, level: 3)
                html += "</section>\n"
            }
        }
        if !methods.isEmpty { html += MethodsText.htmlSection(methods) }
        if !memos.isEmpty { html += MemoReport.html(memos, title: nil) }
        html += HistoryText.html(history)
        html += "</body></html>\n"
        return html
    }

    /// The charts and the extracts by code and case, headings from `level` down.
    static func body(_ extracts: [Extract], codebook: Codebook, level: Int) -> String {
        let e = ExtractFormat.escape
        let coded = Set(extracts.map(\.code))
        let codes = codebook.codes.filter { coded.contains($0.path) }
        let cases = ExtractFormat.ordered(extracts.map(\.caseName))
        var html = frequencyChart(extracts, codes: codes, cases: cases)
        html += cooccurrenceChart(extracts, codes: codes)
        let byCode = Dictionary(grouping: extracts, by: \.code)
        for code in codes {
            let mine = byCode[code.path] ?? []
            // A colour goes into an attribute only as #rrggbb (checked again here,
            // whatever the project holds), and the attribute is escaped.
            let color = e(CodebookFile.normalizedColor(code.color) ?? CodebookFile.fallbackColor)
            html +=
                "<h\(level)><span class=\"swatch\" style=\"background:\(color)\"></span>\(e(code.path)) (\(mine.count))</h\(level)>\n"
            if !code.description.isEmpty { html += "<p class=\"memo\">\(e(code.description))</p>\n" }
            for caseName in ExtractFormat.ordered(mine.map(\.caseName)) {
                html += "<h\(level + 1)>\(e(caseName))</h\(level + 1)>\n"
                if let attributes = mine.first(where: { $0.caseName == caseName })?.caseAttributes, !attributes.isEmpty
                {
                    html +=
                        "<p class=\"source\">"
                        + attributes.map { "\(e($0.key)) \(e($0.value.description))" }.joined(separator: " · ")
                        + "</p>\n"
                }
                for x in mine where x.caseName == caseName {
                    html += "<blockquote style=\"border-color:\(color);background:\(color)1f\"><p>\(e(x.text))</p>"
                    html += "<p class=\"source\">— \(e(ExtractFormat.source(x)))</p>"
                    if let memo = x.memo { html += "<p class=\"memo\">Memo: \(e(memo))</p>" }
                    if let origin = x.origin { html += "<p class=\"memo\">Origin: \(e(origin))</p>" }
                    html += "</blockquote>\n"
                }
            }
        }
        return html
    }

    /// Grouped horizontal bars: for each code, one bar per case and coder, length by
    /// the coder's count (codings of different coders are never added up).
    static func frequencyChart(_ extracts: [Extract], codes: [Code], cases: [String]) -> String {
        guard !codes.isEmpty, !cases.isEmpty else { return "" }
        let e = ExtractFormat.escape
        let coders = ExtractFormat.ordered(extracts.map(\.coder))
        let series = cases.flatMap { name in coders.map { (caseName: name, coder: $0) } }
        var counts: [String: Int] = [:]
        for x in extracts { counts["\(x.code)|\(x.caseName)|\(x.coder)", default: 0] += 1 }
        let maximum = max(1, counts.values.max() ?? 1)
        let palette = ["#4363d8", "#f58231", "#3cb44b", "#911eb4", "#e6194b", "#46f0f0", "#9a6324", "#808000"]
        let bar = 10, gap = 6, labelWidth = 310, chartWidth = 360, perLegendRow = 4
        let legendRows = (series.count + perLegendRow - 1) / perLegendRow
        let top = 8 + legendRows * 16
        let rowHeight = series.count * bar + gap
        let height = top + codes.count * rowHeight + 10
        func label(_ s: (caseName: String, coder: String)) -> String {
            coders.count > 1 ? "\(s.caseName) · \(s.coder)" : s.caseName
        }
        func colour(_ index: Int) -> String {
            palette[(cases.firstIndex(of: series[index].caseName) ?? 0) % palette.count]
        }
        func opacity(_ index: Int) -> String {
            guard coders.count > 1 else { return "1" }
            let rank = coders.firstIndex(of: series[index].coder) ?? 0
            return String(format: "%.2f", 1 - 0.55 * Double(rank) / Double(max(1, coders.count - 1)))
        }
        var svg = "<figure><figcaption>Code frequencies per case\(coders.count > 1 ? " and coder" : "")</figcaption>\n"
        svg +=
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + chartWidth + 40)\" height=\(q(height)) role=\"img\">\n"
        for (i, item) in series.enumerated() {
            let x = labelWidth + (i % perLegendRow) * 95, y = 2 + (i / perLegendRow) * 16
            svg +=
                "<rect x=\(q(x)) y=\(q(y)) width=\"10\" height=\"10\" fill=\"\(colour(i))\" fill-opacity=\"\(opacity(i))\"/>"
            svg += "<text x=\(q(x + 14)) y=\(q(y + 9))>\(e(String(label(item).prefix(14))))</text>\n"
        }
        for (row, code) in codes.enumerated() {
            let y = top + row * rowHeight
            svg +=
                "<text x=\(q(labelWidth - 6)) y=\(q(y + rowHeight / 2)) text-anchor=\"end\">\(e(short(code.path)))</text>\n"
            for (i, item) in series.enumerated() {
                let n = counts["\(code.path)|\(item.caseName)|\(item.coder)"] ?? 0
                let w = n * chartWidth / maximum
                svg +=
                    "<rect x=\(q(labelWidth)) y=\(q(y + i * bar)) width=\(q(w)) height=\(q(bar - 1)) fill=\"\(colour(i))\" fill-opacity=\"\(opacity(i))\"><title>\(e(code.path)), \(e(label(item))): \(n)</title></rect>"
                if n > 0 { svg += "<text x=\(q(labelWidth + w + 3)) y=\(q(y + i * bar + 8))>\(n)</text>" }
                svg += "\n"
            }
        }
        return svg + "</svg></figure>\n"
    }

    /// Codes × codes: how often a coder's codings of two codes overlap in a document.
    static func cooccurrenceChart(_ extracts: [Extract], codes: [Code]) -> String {
        guard codes.count >= 2 else { return "" }
        let e = ExtractFormat.escape
        let index = Dictionary(codes.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        var matrix = Array(repeating: Array(repeating: 0, count: codes.count), count: codes.count)
        for group in Dictionary(grouping: extracts, by: { "\($0.document)|\($0.coder)" }).values {
            let sorted = group.sorted { $0.start < $1.start }
            for (i, a) in sorted.enumerated() {
                for b in sorted[(i + 1)...] {
                    guard b.start < a.end else { break }
                    guard a.code != b.code, let x = index[a.code], let y = index[b.code] else { continue }
                    matrix[x][y] += 1
                    matrix[y][x] += 1
                }
            }
        }
        // Codes that overlap no other code are left out.
        let used = codes.indices.filter { i in matrix[i].contains { $0 > 0 } }
        guard used.count >= 2 else { return "" }
        let maximum = max(1, matrix.flatMap { $0 }.max() ?? 1)
        let cell = 22, label = 310, top = 150
        let size = label + used.count * cell + 10
        func shade(_ n: Int) -> String {
            n == 0 ? "#f4f4f4" : String(format: "rgba(67,99,216,%.2f)", 0.15 + 0.85 * Double(n) / Double(maximum))
        }
        var svg =
            "<figure><figcaption>Code co-occurrence: how many times two codes' codings overlap (by the same coder)</figcaption>\n"
        svg +=
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\(q(size + 150)) height=\(q(top + used.count * cell + 50)) role=\"img\">\n"
        for (row, i) in used.enumerated() {
            let code = codes[i]
            svg +=
                "<text x=\(q(label - 6)) y=\(q(top + row * cell + 15)) text-anchor=\"end\">\(e(short(code.path)))</text>\n"
            svg +=
                "<text transform=\"translate(\(label + row * cell + 14),\(top - 6)) rotate(-60)\">\(e(String(code.name.prefix(24))))</text>\n"
            for (column, j) in used.enumerated() {
                let n = matrix[i][j]
                let x = label + column * cell, y = top + row * cell
                svg +=
                    "<rect x=\(q(x)) y=\(q(y)) width=\(q(cell - 1)) height=\(q(cell - 1)) fill=\"\(shade(n))\"><title>\(e(code.path)) × \(e(codes[j].path)): \(n)</title></rect>"
                if n > 0 {
                    let ink = Double(n) / Double(maximum) > 0.5 ? "#fff" : "#222"
                    svg +=
                        "<text x=\(q(x + cell / 2)) y=\(q(y + 15)) text-anchor=\"middle\" fill=\"\(ink)\">\(n)</text>"
                }
            }
            svg += "\n"
        }
        // The legend: the shades from one overlap to the most.
        let legendY = top + used.count * cell + 18
        svg += "<text x=\(q(label - 6)) y=\(q(legendY + 12)) text-anchor=\"end\">overlaps</text>"
        let steps = Array(Set([1, max(1, maximum / 2), maximum])).sorted()
        for (k, n) in steps.enumerated() {
            let x = label + k * 60
            svg +=
                "<rect x=\(q(x)) y=\(q(legendY)) width=\(q(cell - 1)) height=\(q(cell - 1)) fill=\"\(shade(n))\"></rect>"
            svg += "<text x=\(q(x + cell + 4)) y=\(q(legendY + 15))>\(n)</text>"
        }
        return svg + "\n</svg></figure>\n"
    }

    private static func q(_ n: Int) -> String { "\"\(n)\"" }

    /// A code path short enough for a chart's label column.
    static func short(_ path: String) -> String {
        path.count <= 48 ? path : "…" + path.suffix(47)
    }
}
