import CSV
import Foundation

/// RFC 4180 CSV (CRLF line ends, fields quoted where needed) through CSV.swift.
/// `neutralized` cells for spreadsheets: a cell starting with `=`, `+`, `-` or `@`
/// gets a leading apostrophe so that no spreadsheet runs it as a formula.
public enum CSVText {
    public static func render(header: [String], rows: [[String]]) throws -> String {
            let writer = try CSVWriter(stream: .toMemory(), newline: .crlf)
            try writer.write(row: header)
            for row in rows { try writer.write(row: row) }
            writer.stream.close()
            let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
            let text = String(decoding: data, as: UTF8.self)
            return text.isEmpty || text.hasSuffix("\r\n") ? text : text + "\r\n"
    }

    /// A cell a spreadsheet will show as text, never run as a formula.
    public static func neutralized(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        return "'" + cell
    }
}
