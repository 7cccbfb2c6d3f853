import CSV
import Foundation

/// RFC 4180 CSV (CRLF line ends, fields quoted where needed) through CSV.swift,
/// every cell of the header and the rows neutralized for spreadsheets: this is the
/// only way intertwine writes CSV, so no cell can reach a spreadsheet as a formula.
public enum CSVText {
    public static func render(header: [String], rows: [[String]]) throws -> String {
        try render([header] + rows)
    }

    /// The header line of a CSV written in parts (`header`, then `rows` batch by batch).
    public static func header(_ columns: [String]) -> String {
        (try? render([columns])) ?? ""
    }

    /// Rows of a CSV written in parts, each line ended with CRLF.
    public static func rows(_ rows: [[String]]) -> String {
        (try? render(rows)) ?? ""
    }

    private static func render(_ lines: [[String]]) throws -> String {
        let writer = try CSVWriter(stream: .toMemory(), newline: .crlf)
        for row in lines { try writer.write(row: row.map(neutralized)) }
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        return text.isEmpty || text.hasSuffix("\r\n") ? text : text + "\r\n"
    }

    /// Characters that make a spreadsheet read a cell as a formula, in ASCII and
    /// full width (`＝` works as `=` in some spreadsheets).
    private static let formulaStarts: Set<Unicode.Scalar> = [
        "=", "+", "-", "@", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
    ]

    /// A cell a spreadsheet will show as text, never run as a formula: one whose
    /// first character after any white space is `=`, `+`, `-`, `@` (or their
    /// full-width forms), or that starts with a tab or carriage return, gets a
    /// leading apostrophe. A plain number (`-0.25`, `+3`, `1e-5`) is left as it is:
    /// a spreadsheet reads it as a number, and an alpha below zero stays a number.
    public static func neutralized(_ cell: String) -> String {
        let scalars = cell.unicodeScalars
        guard let first = scalars.first else { return cell }
        if first == "\t" || first == "\r" { return "'" + cell }
        guard let lead = scalars.first(where: { !$0.properties.isWhitespace }), formulaStarts.contains(lead) else {
            return cell
        }
        if isPlainNumber(cell) { return cell }
        return "'" + cell
    }

    private static func isPlainNumber(_ cell: String) -> Bool {
        var scalars = Substring(cell).unicodeScalars[...]
        if let sign = scalars.first, sign == "-" || sign == "+" { scalars = scalars.dropFirst() }
        var digits = 0, dots = 0, exponent = false
        var previous: Unicode.Scalar?
        for scalar in scalars {
            switch scalar {
            case "0"..."9": digits += 1
            case "." where !exponent: dots += 1
            case "e" where digits > 0 && !exponent: exponent = true
            case "E" where digits > 0 && !exponent: exponent = true
            case "-" where previous == "e" || previous == "E": break
            case "+" where previous == "e" || previous == "E": break
            default: return false
            }
            previous = scalar
        }
        return digits > 0 && dots <= 1 && previous.map { ("0"..."9").contains($0) } == true
    }
}
