import CodingEngine

/// A case matrix for a paper: Markdown or self-contained HTML, each cell with its
/// count, the researcher's summary and the extracts.
public enum MatrixFormat {
    public static func markdown(_ matrix: CaseMatrix) -> String {
        let e = ExtractFormat.escape
        func name(_ path: String) -> String { String(path.split(separator: "/").last ?? "") }
        var out =
            "# Cases × \(e(matrix.folder))\n\n\(e(matrix.shown.description))\n\n| Case | "
            + matrix.codes.map { e(name($0)) }.joined(separator: " | ") + " |\n"
        out += "|---|" + matrix.codes.map { _ in "---|" }.joined() + "\n"
        for (i, row) in matrix.cells.enumerated() {
            out +=
                "| \(e(matrix.label(i))) | "
                + row.map { cell in
                    cell.codings.isEmpty && cell.summary == nil
                        ? ""
                        : "\(cell.codings.count)"
                            + (cell.summary.map { ": \(e($0).replacingOccurrences(of: "|", with: "\\|"))" } ?? "")
                }.joined(separator: " | ") + " |\n"
        }
        for row in matrix.cells {
            for cell in row where !cell.codings.isEmpty {
                out +=
                    "\n## \(e(cell.caseName)) × \(e(cell.code))" + (matrix.perCoder ? " (\(e(cell.coder)))" : "") + "\n"
                if let summary = cell.summary { out += "\n\(e(summary))\n" }
                for coding in cell.codings {
                    out +=
                        "\n> \(e(coding.text).replacingOccurrences(of: "\n", with: "\n> "))\n>\n> — \(e(coding.document)), coded by \(e(coding.coder))\n"
                }
            }
        }
        return out
    }

    public static func html(_ matrix: CaseMatrix) -> String {
        let e = ExtractFormat.escape
        func name(_ path: String) -> String { String(path.split(separator: "/").last ?? "") }
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Cases × \(e(matrix.folder))</title>
            <style>body{font:14px/1.45 Georgia,serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.4rem;vertical-align:top;max-width:16rem}
            th{font-family:Helvetica,Arial,sans-serif;background:#f2f2f2}.n{font:bold 13px Helvetica,Arial,sans-serif}details{margin-top:.3rem}
            blockquote{margin:.3rem 0;padding-left:.5rem;border-left:3px solid #999}@media print{details{display:block}}</style></head><body>
            <h1>Cases × \(e(matrix.folder))</h1><p>\(e(matrix.shown.description))</p><table><tr><th>Case</th>
            """
        out += matrix.codes.map { "<th>\(e(name($0)))</th>" }.joined() + "</tr>\n"
        for (i, row) in matrix.cells.enumerated() {
            out += "<tr><th>\(e(matrix.label(i)))</th>"
            for cell in row {
                out += "<td>"
                if !cell.codings.isEmpty { out += "<span class=\"n\">\(cell.codings.count)</span> " }
                if let summary = cell.summary { out += e(summary) }
                if !cell.codings.isEmpty {
                    out +=
                        "<details><summary>extracts</summary>"
                        + cell.codings.map {
                            "<blockquote>\(e($0.text))<br><small>— \(e($0.document)), \(e($0.coder))</small></blockquote>"
                        }.joined() + "</details>"
                }
                out += "</td>"
            }
            out += "</tr>\n"
        }
        return out + "</table></body></html>\n"
    }
}
