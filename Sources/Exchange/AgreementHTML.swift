import CodingEngine
import Foundation

/// `agree --format html`: the agreement report as one self-contained page for a
/// methods appendix: per code alpha with its resampled 95% interval drawn against the
/// .667 and .800 marks, the probabilities of falling short of them, kappa with its
/// standard error, and the unitizing alphas when computed. Prints well.
public enum AgreementHTML {
    public static func render(_ report: AgreementReport, unitizing: UnitizingReport?, options: AgreementReport.Options)
        -> String
    {
        let e = ExtractFormat.escape
        let two = report.coders.count == 2
        func f(_ value: Double?) -> String { value.map { String(format: "%.3f", abs($0) < 0.0005 ? 0 : $0) } ?? "n/a" }
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Inter-coder agreement: \(e(report.coders.joined(separator: ", ")))</title>
            <style>
            body { font: 15px/1.5 Georgia, serif; max-width: 82rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
            p { max-width: 60rem; }
            h1, h2 { font-family: Helvetica, Arial, sans-serif; }
            table { border-collapse: collapse; font: 13px Helvetica, Arial, sans-serif; }
            th, td { border-bottom: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: middle; }
            td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
            td.ci { white-space: nowrap; font-variant-numeric: tabular-nums; } td.ci svg { vertical-align: middle; }
            .reliable { color: #1b6e1b; } .tentative { color: #8a6d00; } .unreliable { color: #a12020; } .undefined { color: #777; } .few { color: #8a4b00; white-space: nowrap; }
            .note { font-size: 13px; color: #444; }
            svg text { font: 10px Helvetica, Arial, sans-serif; fill: #666; }
            @media print { body { margin: 0; max-width: none; } tr { break-inside: avoid; } }
            </style></head><body>
            <h1>Inter-coder agreement</h1>
            <p>\(e(report.coders.joined(separator: ", "))) over \(Words.count(report.documents.count, "document")), \
            \(report.characters) characters; each character is a unit, a coder's codings of a code unioned, documents pooled by adding their tables.</p>

            """
        html += "<p class=\"note\">\(e(report.independence.summary)).</p>\n"
        if let line = report.assistance.summary(compared: report.independence.compared) {
            html += "<p class=\"note\">\(e(line)).</p>\n"
        }
        if let bootstrap = report.bootstrap {
            html +=
                "<p class=\"note\">The interval is the 2.5th to 97.5th percentile of alpha over \(bootstrap.draws) resamples "
            html +=
                "of the stretches of text between coding boundaries (each stretch one unit, drawn with replacement as many times as "
            html +=
                "there are stretches; seed \(bootstrap.seed)). P(α&lt;.800) and P(α&lt;.667) are the shares of resamples below "
            html +=
                "Krippendorff's levels for reliable and tentative conclusions. The bar shows the interval, the dot alpha, the "
            html += "lines .667 and .800.</p>\n"
        }
        let unitizingByCode = Dictionary(
            (unitizing?.codes ?? []).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        html += "<table><thead><tr><th>code</th><th class=\"n\">alpha</th>"
        if report.bootstrap != nil {
            html += "<th>95% interval</th><th class=\"n\">P(α&lt;.800)</th><th class=\"n\">P(α&lt;.667)</th>"
        }
        html += "<th>reading</th><th class=\"n\">\(two ? "Cohen" : "Fleiss") κ</th>"
        if report.bootstrap != nil { html += "<th class=\"n\">κ s.e.</th>" }
        html +=
            "<th class=\"n\">agreement</th><th class=\"n\">Gwet AC1</th><th class=\"n\">documents agree</th><th class=\"n\">same count</th>"
        if unitizing != nil { html += "<th class=\"n\">|uα</th><th class=\"n\">α<sub>u</sub> 2004</th>" }
        html += "</tr></thead><tbody>\n"
        for code in report.codes.sorted(by: {
            ($0.figures.krippendorffAlpha ?? 2) < ($1.figures.krippendorffAlpha ?? 2)
        }) {
            let figures = code.figures
            html += "<tr><td>\(e(code.code))</td><td class=\"n\">\(f(figures.krippendorffAlpha))</td>"
            if let b = code.bootstrap {
                html +=
                    "<td class=\"ci\">\(interval(alpha: figures.krippendorffAlpha, low: b.alphaLow, high: b.alphaHigh)) [\(f(b.alphaLow)), \(f(b.alphaHigh))]</td>"
                html += "<td class=\"n\">\(f(b.belowReliable))</td><td class=\"n\">\(f(b.belowTentative))</td>"
            } else if report.bootstrap != nil {
                html += "<td></td><td></td><td></td>"
            }
            if code.restsOnFewUnits {
                let counts = zip(report.coders, figures.segments).map { "\($0) \($1)" }.joined(separator: ", ")
                html +=
                    "<td class=\"few\" title=\"too few to judge: fewer than \(AgreementReport.fewUnits) codings by a coder\">⚠ too few: \(e(counts))</td>"
            } else {
                html += "<td class=\"\(code.reliability.rawValue)\">\(code.reliability.rawValue)</td>"
            }
            html += "<td class=\"n\">\(f(two ? figures.cohenKappa : figures.fleissKappa))</td>"
            if report.bootstrap != nil { html += "<td class=\"n\">\(f(code.bootstrap?.kappaStandardError))</td>" }
            html += "<td class=\"n\">\(f(figures.percentAgreement))</td><td class=\"n\">\(f(figures.gwetAC1))</td>"
            html += "<td class=\"n\">\(f(code.documentLevel.percentAgreement))</td>"
            html += "<td class=\"n\">\(code.frequencyLevel.sameCount)/\(code.frequencyLevel.documents)</td>"
            if unitizing != nil {
                let u = unitizingByCode[code.code]
                html += "<td class=\"n\">\(f(u?.binaryUAlpha))</td><td class=\"n\">\(f(u?.alpha2004))</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody></table>\n"
        // Codes resting on too few codings are counted apart, never as reliable.
        let judged = report.codes.filter { !$0.restsOnFewUnits }
        func count(_ reading: AgreementReport.Reliability) -> Int { judged.filter { $0.reliability == reading }.count }
        let few = report.codes.count - judged.count
        html +=
            "<p class=\"note\">\(count(.reliable)) reliable (α ≥ .800), \(count(.tentative)) tentative (.667–.800), "
        html += "\(count(.unreliable)) unreliable, \(count(.undefined)) undefined (n/a: no variation to compare)"
        html += few > 0 ? ", \(few) too few to judge.</p>\n" : ".</p>\n"
        if few > 0 {
            html +=
                "<p class=\"note\">⚠ too few: \(Words.count(few, "code")) rest on fewer than \(AgreementReport.fewUnits) codings by some coder "
            html += "(the counts are each coder's codings of the code): "
            html +=
                "too few passages to call the figure reliable or not, whatever its value; read them as examples, not as evidence.</p>\n"
        }
        if let leftOut = LeftOutDocument.summary(report.leftOut) { html += "<p class=\"note\">\(e(leftOut)).</p>\n" }
        html +=
            "<p class=\"note\">MAXQDA's three levels: <i>documents agree</i> is the share of documents where each coder used "
        html +=
            "the code or each did not (code existence); <i>same count</i> the documents where each coder coded it as many times "
        html +=
            "(code frequency, none counting as the same); the character-level figures stand for the segment level.</p>\n"
        for domain in unitizing?.domains ?? [] {
            html +=
                "<h2>Semantic domain \(e(domain.domain))</h2>\n<p>uα \(f(domain.uAlpha)), |uα \(f(domain.binaryUAlpha)), "
            html +=
                "cuα \(f(domain.cuAlpha)) (over \(domain.cuCoverage.map { String(format: "%.0f%%", $0 * 100) } ?? "n/a") of the "
            html += "coincidences), α<sub>u</sub> (2004) \(f(domain.alpha2004)).</p>\n"
            html +=
                "<table><thead><tr><th>code</th><th class=\"n\">(k)uα</th><th class=\"n\">covered</th></tr></thead><tbody>\n"
            for (value, (ku, coverage)) in zip(domain.values, zip(domain.kuAlpha, domain.coverage)) {
                html += "<tr><td>\(e(value))</td><td class=\"n\">\(f(ku))</td>"
                html += "<td class=\"n\">\(coverage.map { String(format: "%.0f%%", $0 * 100) } ?? "n/a")</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        if let unitizing, unitizing.domains.count > 1 {
            html += "<p>Cuα over the \(unitizing.domains.count) domains: \(f(unitizing.combinedCuAlpha)).</p>\n"
        }
        return html + "</body></html>\n"
    }

    /// A small inline chart of alpha's interval on a scale from 0 to 1 (values below
    /// 0 drawn at the left edge), with marks at .667 and .800.
    static func interval(alpha: Double?, low: Double?, high: Double?) -> String {
        let width = 120.0, height = 14.0
        func x(_ value: Double) -> String { String(format: "%.1f", max(0, min(1, value)) * width) }
        var svg =
            "<svg width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\">"
        svg += "<line x1=\"0\" y1=\"7\" x2=\"\(Int(width))\" y2=\"7\" stroke=\"#eee\"/>"
        for mark in [0.667, 0.800] {
            svg +=
                "<line x1=\"\(x(mark))\" y1=\"1\" x2=\"\(x(mark))\" y2=\"13\" stroke=\"#bbb\" stroke-dasharray=\"2,2\"/>"
        }
        if let low, let high {
            svg += "<line x1=\"\(x(low))\" y1=\"7\" x2=\"\(x(high))\" y2=\"7\" stroke=\"#4363d8\" stroke-width=\"4\"/>"
        }
        if let alpha { svg += "<circle cx=\"\(x(alpha))\" cy=\"7\" r=\"3\" fill=\"#222\"/>" }
        return svg + "</svg>"
    }
}
