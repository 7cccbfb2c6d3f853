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

    /// Compact JSON text.
    func serialized(indent: String? = nil, level: Int = 0) -> String {
        let newline = indent == nil ? "" : "\n"
        let pad = indent.map { String(repeating: $0, count: level + 1) } ?? ""
        let closePad = indent.map { String(repeating: $0, count: level) } ?? ""
        let separator = indent == nil ? ":" : ": "
        switch self {
        case .string(let s): return Self.quoted(s)
        case .int(let i): return String(i)
        case .double(let d):
            guard d.isFinite else { return "null" }
            if d == d.rounded(), abs(d) < 1e15 { return String(format: "%.1f", d) }
            return String(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[" + newline + items.map { pad + $0.serialized(indent: indent, level: level + 1) }
                .joined(separator: "," + newline) + newline + closePad + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{" + newline + pairs.map { pad + Self.quoted($0.0) + separator + $0.1.serialized(indent: indent, level: level + 1) }
                .joined(separator: "," + newline) + newline + closePad + "}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A plain-text rendering for table and CSV cells.
    var cellText: String {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(format: "%.4f", d)
        case .bool(let b): return b ? "yes" : "no"
        case .null: return ""
        case .array(let items): return items.map(\.cellText).joined(separator: ", ")
        case .object(let pairs): return pairs.map { "\($0.0)=\($0.1.cellText)" }.joined(separator: "; ")
        }
    }
}
