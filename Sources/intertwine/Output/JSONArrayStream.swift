import Foundation

/// A JSON array of objects with the same keys, written to standard output one
/// object at a time and laid out exactly as `JSONValue.serialized(indent: "  ")`
/// lays out the whole array, so that a listing of hundreds of thousands of passages
/// goes out as it is made instead of being held whole, as a value tree and as one
/// text, before the first byte is written.
struct JSONArrayStream {
    private var count = 0
    /// How deep the array lies (0: the whole output; 1: a value of the top object).
    private let level: Int
    /// Each key as written before its value: newline, indent, `"key": `.
    private let keys: [[UInt8]]
    private let columns: [String]
    private static let indent = Array("  ".utf8)
    private let openFirst: [UInt8], openNext: [UInt8], close: [UInt8], end: [UInt8]

    init(columns: [String], level: Int = 0) {
        self.level = level
        self.columns = columns
        let pad = { (depth: Int) in String(repeating: "  ", count: depth) }
        keys = columns.map { Array(("\n" + pad(level + 2) + JSONValue.quoted($0) + ": ").utf8) }
        openFirst = Array("[\n\(pad(level + 1)){".utf8)
        openNext = Array(",\n\(pad(level + 1)){".utf8)
        close = Array("\n\(pad(level + 1))}".utf8)
        end = Array("\n\(pad(level))]".utf8)
    }

    /// Writes the next object: `values` in the order of the columns (pseudonymised when the
    /// output is: `OutputPseudonyms.row`).
    mutating func append(_ values: [JSONValue]) {
        let values = OutputPseudonyms.row(values, columns: columns)
        let level = level + 2
        append { column, out in values[column].write(to: &out, indent: Self.indent, level: level) }
    }

    /// Writes the next object, each column's value written as JSON by `value(column, &out)`
    /// (for writers that copy values out of a buffer without making a `JSONValue`; never
    /// for pseudonymised output, which `append(_:)` makes).
    mutating func append(writing value: (Int, inout [UInt8]) -> Void) {
        let first = count == 0
        let (openFirst, openNext, close) = (openFirst, openNext, close)
        StandardOutput.writeBytes { out in
            out += first ? openFirst : openNext
            for (column, key) in keys.enumerated() {
                if column > 0 { out.append(0x2C) }
                out += key
                value(column, &out)
            }
            if keys.isEmpty { out.append(0x7D) } else { out += close }
        }
        count += 1
    }

    /// Closes the array (an empty one is `[]`), and then `after` (the line's end unless told).
    func finish(after: String = "\n") {
        let closing = (count == 0 ? Array("[]".utf8) : end) + Array(after.utf8)
        StandardOutput.writeBytes { out in out += closing }
    }
}
