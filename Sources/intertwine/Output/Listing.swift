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

    private func table() -> String {
        if rows.isEmpty { return "(none)\n" }
        let cells: [[String]] = rows.map { row in
            zip(columns, row).map { column, value in
                var text = value.cellText.replacingOccurrences(of: "\n", with: " ⏎ ")
                if let limit = truncate[column], text.count > limit { text = String(text.prefix(limit - 1)) + "…" }
                return text
            }
        }
        let header = columns.map { $0.replacingOccurrences(of: "_", with: " ") }
        var widths = header.map(\.count)
        for row in cells { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ row: [String]) -> String {
            row.enumerated().map { i, cell in
                let padding = String(repeating: " ", count: widths[i] - cell.count)
                return rightAligned.contains(columns[i]) ? padding + cell : cell + padding
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = line(header) + "\n" + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { out += line(row) + "\n" }
        return out
    }
}
