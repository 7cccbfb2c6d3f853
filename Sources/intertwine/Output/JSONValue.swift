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
        var out: [UInt8] = []
        write(to: &out, indent: indent.map { Array($0.utf8) }, level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the JSON text of this value, as UTF-8, at nesting `level` (pretty-printed
    /// with `indent` per level when given): the one writer behind `serialized` and
    /// `JSONArrayStream`.
    func write(to out: inout [UInt8], indent: [UInt8]?, level: Int) {
        func newline(_ level: Int) {
            guard let indent else { return }
            out.append(0x0A)
            for _ in 0..<level { out += indent }
        }
        switch self {
        case .string(let s): Self.writeQuoted(s, to: &out)
        case .int(let i): Self.writeDigits(i, to: &out)
        case .double(let d):
            if !d.isFinite {
                out += "null".utf8
            } else if d == d.rounded(), abs(d) < 1e15 {
                out += (String(Int(d)) + ".0").utf8
            } else {
                out += String(d).utf8
            }
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .null: out += "null".utf8
        case .array(let items):
            if items.isEmpty { out += "[]".utf8; return }
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(level + 1)
                item.write(to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out.append(0x5D)
        case .object(let pairs):
            if pairs.isEmpty { out += "{}".utf8; return }
            out.append(0x7B)
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(level + 1)
                Self.writeQuoted(pair.0, to: &out)
                out += indent == nil ? [0x3A] : [0x3A, 0x20]
                pair.1.write(to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out.append(0x7D)
        }
    }

    /// Appends the decimal digits of `value` (a minus sign first when negative).
    static func writeDigits(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(0x2D) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // room for 20 digits, in reverse
        var count = 0
        withUnsafeMutableBytes(of: &digits) { room in
            repeat {
                room[count] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(room[i]) }
        }
    }

    /// The bytes that a JSON string cannot hold as they are, or that lead a character
    /// that is escaped: controls, `"` and `\\`, DEL; 0xC2 leads the C1 controls (escaped
    /// so a terminal never acts on them) and 0xE2 leads U+2028 and U+2029.
    private static let needsLook: [Bool] = (0...255).map { byte in
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xE2
    }

    static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        writeQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `s` as a JSON string.
    static func writeQuoted(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { writeQuoted(utf8: $0, to: &out) }
    }

    /// Appends the UTF-8 text `utf8` as a JSON string, escaping on its bytes and copying
    /// the stretches between escapes whole.
    static func writeQuoted(utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(0x22)
        needsLook.withUnsafeBufferPointer { look in
            var copied = 0 // the bytes of `utf8` before this are in `out`
            var i = 0
            while i < utf8.count {
                let byte = utf8[i]
                guard look[Int(byte)], let (width, escape) = Self.escape(utf8, at: i) else {
                    i += 1
                    continue
                }
                out += UnsafeBufferPointer(rebasing: utf8[copied..<i])
                switch escape {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, 0x6E]
                case 0x0D: out += [0x5C, 0x72]
                case 0x09: out += [0x5C, 0x74]
                default:
                    let hex: [UInt8] = [
                        0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66,
                    ]
                    out += [
                        0x5C, 0x75, hex[Int(escape >> 12 & 0xF)], hex[Int(escape >> 8 & 0xF)],
                        hex[Int(escape >> 4 & 0xF)], hex[Int(escape & 0xF)],
                    ]
                }
                i += width
                copied = i
            }
            out += UnsafeBufferPointer(rebasing: utf8[copied..<utf8.count])
        }
        out.append(0x22)
    }

    /// The character at byte `i` of `utf8` when it must be escaped: its width in bytes
    /// and its code point; nil when it is written as it is.
    @inline(__always)
    private static func escape(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> (Int, UInt32)? {
        let byte = utf8[i]
        switch byte {
        case 0x00..<0x20, 0x22, 0x5C, 0x7F: return (1, UInt32(byte))
        case 0xC2 where i + 1 < utf8.count && (0x80...0x9F).contains(utf8[i + 1]):
            return (2, UInt32(utf8[i + 1])) // U+0080…U+009F
        case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
            return (3, utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029)
        default: return nil
        }
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
