import CodingEngine
import Exchange
import Foundation

/// Rows of named columns, printed as a table, CSV or a JSON array of objects.
struct Listing {
    var columns: [String]
    var rows: [[JSONValue]]
    /// Columns whose table cells are cut to this many characters (text, memos).
    var truncate: [String: Int] = [:]
    /// Columns aligned to the right in tables (numbers).
    var rightAligned: Set<String> = []

    var jsonObjects: JSONValue {
        .array(rows.map { row in .object(Array(zip(columns, row))) })
    }

    func render(_ format: OutputFormat) throws -> String {
        switch format {
        case .json: return jsonObjects.serialized(indent: "  ") + "\n"
        case .csv: return try CSVText.render(header: columns, rows: rows.map { $0.map(\.cellText) })
        case .table: return table()
        }
    }

    /// Writes the listing to standard output in `format`; JSON and CSV go out row by row.
    func emit(_ format: OutputFormat) throws {
        var output = ListingOutput(self, format: format)
        try output.finish()
    }

    /// Table cells are cut to this many characters unless `truncate` says otherwise:
    /// a 100,000-character name makes a wide table, not a slow one.
    static let cellLimit = 120

    private func table() -> String {
        if rows.isEmpty { return "(none)\n" }
        let limits = columns.map { truncate[$0] ?? Self.cellLimit }
        let cells: [[(text: String, width: Int)]] = rows.map { row in
            zip(limits, row).map { limit, value in Self.cell(value.cellText, limit: limit) }
        }
        let header = columns.map { Self.cell($0.replacingOccurrences(of: "_", with: " "), limit: Self.cellLimit) }
        var widths = header.map(\.width)
        for row in cells { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.width) } }
        func line(_ row: [(text: String, width: Int)]) -> String {
            var out = ""
            for (i, cell) in row.enumerated() {
                if i > 0 { out += "  " }
                let padding = String(repeating: " ", count: widths[i] - cell.width)
                out += rightAligned.contains(columns[i]) ? padding + cell.text : cell.text + padding
            }
            while out.last == " " { out.removeLast() }
            return out
        }
        var out = line(header) + "\n" + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { out += line(row) + "\n" }
        return out
    }

    /// A cell as shown: cut to `limit` characters (with …), line breaks as ⏎ and other
    /// control characters as visible escapes, never sent to the terminal.
    static func cell(_ raw: String, limit: Int) -> (text: String, width: Int) {
        var text = raw
        if let cut = raw.index(raw.startIndex, offsetBy: max(1, limit) - 1, limitedBy: raw.endIndex),
            cut < raw.endIndex,
            raw.index(after: cut) < raw.endIndex
        {
            text = String(raw[..<cut]) + "…"
        }
        text = VisibleText.escaped(text.replacingOccurrences(of: "\n", with: " ⏎ "))
        return (text, text.count)
    }
}
