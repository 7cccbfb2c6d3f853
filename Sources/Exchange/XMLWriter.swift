import CodingEngine

/// Builds XML text with escaping; elements are written in the order the schema wants.
struct XMLWriter {

    /// Escapes text for an element or an attribute; characters XML 1.0 forbids become U+FFFD.
    static func escape(_ value: String, attribute: Bool = false) -> String {
        // Most values need nothing escaped: copy them whole.
        if !needsEscaping(value) { return value }
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
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Whether `value` has a byte escaping changes: a markup character, a control
    /// character, or the lead byte of U+FFFE/U+FFFF (one pass over the UTF-8, run for
    /// every attribute of a large export).
    private static func needsEscaping(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            for byte in bytes
            where byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0xEF {
                return true
            }
            return false
        }
    }

    /// The document so far, as UTF-8.
    private(set) var bytes: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n".utf8)

    /// When set, the document is handed over in parts of at least `partSize` bytes as
    /// it is written (at the end of an element), and `bytes` holds only the rest.
    var eachPart: (([UInt8]) -> Void)?
    var partSize = 4 << 20

    /// When set, every text and attribute value is written with the pseudonym table's
    /// real names replaced (a pseudonymised export: nothing written escapes it).
    var pseudonymiser: Pseudonymiser?

    private func written(_ value: String) -> String { pseudonymiser.map { $0(value) } ?? value }

    /// Attributes that hold identifiers, positions, times and settings, never words: not
    /// read for names (every other attribute and all text is).
    private static let wordless: Set<String> = [
        "guid", "targetGUID", "creatingUserGUID", "creatingUser", "modifyingUser", "startPosition", "endPosition",
        "creationDateTime", "modifiedDateTime", "color", "isCodable", "typeOfVariable", "plainTextPath",
        "richTextPath", "path", "xmlns", "xmlns:xsi", "xsi:schemaLocation", "origin",
    ]

    private mutating func handOver() {
        guard let eachPart, bytes.count >= partSize else { return }
        eachPart(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// The document so far, as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func put(_ value: String) { bytes.append(contentsOf: value.utf8) }

    private mutating func tag(_ name: String, _ attributes: [(String, String?)]) {
        bytes.append(UInt8(ascii: "<"))
        put(name)
        for (key, value) in attributes {
            guard let value else { continue }
            bytes.append(UInt8(ascii: " "))
            put(key)
            bytes.append(UInt8(ascii: "=")); bytes.append(UInt8(ascii: "\""))
            put(Self.escape(Self.wordless.contains(key) ? value : written(value), attribute: true))
            bytes.append(UInt8(ascii: "\""))
        }
    }

    mutating func open(_ name: String, _ attributes: [(String, String?)] = []) {
        tag(name, attributes)
        bytes.append(UInt8(ascii: ">"))
    }

    mutating func close(_ name: String) {
        put("</"); put(name); put(">\n")
        handOver()
    }

    mutating func empty(_ name: String, _ attributes: [(String, String?)] = []) {
        tag(name, attributes)
        put("/>\n")
        handOver()
    }

    mutating func element(_ name: String, _ content: String) {
        open(name)
        put(Self.escape(written(content)))
        close(name)
    }

    mutating func newline() { bytes.append(0x0A) }
}
