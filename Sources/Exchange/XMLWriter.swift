/// Builds XML text with escaping; elements are written in the order the schema wants.
struct XMLWriter {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"

    /// Escapes text for an element or an attribute; characters XML 1.0 forbids become U+FFFD.
    static func escape(_ value: String, attribute: Bool = false) -> String {
        // Most values need nothing escaped: copy them whole.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            || $0 == UInt8(ascii: "\"") || $0 == 0xEF }) {
            return value
        }
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    static func attributes(_ pairs: [(String, String?)]) -> String {
        var out = ""
        for (key, value) in pairs {
            guard let value else { continue }
            out += " "
            out += key
            out += "=\""
            out += escape(value, attribute: true)
            out += "\""
        }
        return out
    }

    mutating func open(_ name: String, _ attributes: [(String, String?)] = []) {
        text += "<\(name)\(Self.attributes(attributes))>"
    }

    mutating func close(_ name: String) { text += "</\(name)>\n" }

    mutating func empty(_ name: String, _ attributes: [(String, String?)] = []) {
        text += "<\(name)\(Self.attributes(attributes))/>\n"
    }

    mutating func element(_ name: String, _ content: String) {
        text += "<\(name)>\(Self.escape(content))</\(name)>\n"
    }

    mutating func newline() { text += "\n" }
}
