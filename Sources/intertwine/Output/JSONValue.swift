import CodingEngine
import Foundation

/// A JSON value whose objects keep their keys in the order written, so that the
/// command line's JSON reads like its documentation.
enum JSONValue: Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// JSON text: compact, or pretty-printed with `indent` per level.
    func serialized(indent: String? = nil) -> String {
        var out = ""
        write(to: &out, indent: indent, level: 0)
        return out
    }

    private func write(to out: inout String, indent: String?, level: Int) {
        func newline(_ level: Int) {
            guard let indent else { return }
            out += "\n"
            for _ in 0..<level { out += indent }
        }
        switch self {
        case .string(let s): Self.writeQuoted(s, to: &out)
        case .int(let i): out += String(i)
        case .double(let d):
            if !d.isFinite { out += "null" } else if d == d.rounded(), abs(d) < 1e15 { out += String(Int(d)) + ".0" } else { out += String(d) }
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                item.write(to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{"
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                Self.writeQuoted(pair.0, to: &out)
                out += indent == nil ? ":" : ": "
                pair.1.write(to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out += "}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = ""
        writeQuoted(s, to: &out)
        return out
    }

    /// Appends `s` as a JSON string; text without characters to escape is copied whole.
    private static func writeQuoted(_ s: String, to out: inout String) {
        out += "\""
        let needsEscape = s.utf8.contains { (byte: UInt8) -> Bool in
            // 0xE2 leads U+2028 and U+2029; 0xC2 the C1 controls, escaped so a terminal never acts on them.
            byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xE2
        }
        guard needsEscape else {
            out += s
            out += "\""
            return
        }
        // Escape on the bytes, copying the stretches between escapes whole.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count + 16)
        let hex = Array("0123456789abcdef".utf8)
        func escape(_ value: UInt32) {
            bytes.append(contentsOf: [0x5C, 0x75, hex[Int(value >> 12 & 0xF)], hex[Int(value >> 8 & 0xF)], hex[Int(value >> 4 & 0xF)], hex[Int(value & 0xF)]])
        }
        let utf8 = Array(s.utf8)
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            switch byte {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            case 0x09: bytes += [0x5C, 0x74]
            case 0x00..<0x20, 0x7F: escape(UInt32(byte))
            case 0xC2 where i + 1 < utf8.count && (0x80...0x9F).contains(utf8[i + 1]):
                escape(UInt32(utf8[i + 1]))   // U+0080…U+009F
                i += 1
            case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                escape(utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                i += 2
            default: bytes.append(byte)
            }
            i += 1
        }
        out += String(decoding: bytes, as: UTF8.self)
        out += "\""
    }

    /// A plain-text rendering for table and CSV cells.
    var cellText: String {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(format: "%.6f", d)
        case .bool(let b): return b ? "yes" : "no"
        case .null: return ""
        case .array(let items): return items.map(\.cellText).joined(separator: ", ")
        case .object(let pairs): return pairs.map { "\($0.0)=\($0.1.cellText)" }.joined(separator: "; ")
        }
    }
}
