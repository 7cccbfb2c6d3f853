import Foundation

/// A JSON array of objects with the same keys, written to standard output one
/// object at a time and laid out exactly as `JSONValue.serialized(indent: "  ")`
/// lays out the whole array, so that a listing of hundreds of thousands of passages
/// goes out as it is made instead of being held whole, as a value tree and as one
/// text, before the first byte is written.
struct JSONArrayStream {
    private var count = 0
    /// Each key as written before its value: newline, indent, `"key": `.
    private let keys: [[UInt8]]
    private static let indent = Array("  ".utf8)
    private static let openFirst = Array("[\n  {".utf8), openNext = Array(",\n  {".utf8), close = Array("\n  }".utf8)

    init(columns: [String]) {
        keys = columns.map { Array(("\n    " + JSONValue.quoted($0) + ": ").utf8) }
    }

    /// Writes the next object: `values` in the order of the columns.
    mutating func append(_ values: [JSONValue]) {
        append { column, out in values[column].write(to: &out, indent: Self.indent, level: 2) }
    }

    /// Writes the next object, each column's value written as JSON by `value(column, &out)`
    /// (for writers that copy values out of a buffer without making a `JSONValue`).
    mutating func append(writing value: (Int, inout [UInt8]) -> Void) {
        let first = count == 0
        StandardOutput.writeBytes { out in
            out += first ? Self.openFirst : Self.openNext
            for (column, key) in keys.enumerated() {
                if column > 0 { out.append(0x2C) }
                out += key
                value(column, &out)
            }
            if keys.isEmpty { out.append(0x7D) } else { out += Self.close }
        }
        count += 1
    }

    /// Closes the array (an empty one is `[]`) and ends the line.
    func finish() {
        let empty = count == 0
        StandardOutput.writeBytes { out in out += empty ? Array("[]\n".utf8) : [0x0A, 0x5D, 0x0A] }
    }
}
