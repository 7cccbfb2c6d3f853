import CSV
import Foundation

/// RFC 4180 CSV (CRLF line ends, fields quoted where needed) through CSV.swift.
enum CSVText {
    static func render(header: [String], rows: [[String]]) throws -> String {
            let writer = try CSVWriter(stream: .toMemory(), newline: .crlf)
            try writer.write(row: header)
            for row in rows { try writer.write(row: row) }
            writer.stream.close()
            let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
            let text = String(decoding: data, as: UTF8.self)
            return text.isEmpty || text.hasSuffix("\r\n") ? text : text + "\r\n"
    }
}
