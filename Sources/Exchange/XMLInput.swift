import Foundation
import CodingEngine

/// XML bytes made safe to parse: whatever their encoding, documents with a DTD or
/// entity declarations are refused (a DTD can hide entity bombs or external
/// entities), and UTF-16 text is turned into UTF-8 first so that the check sees
/// every character. Bytes that do not start with `<` as UTF-8 reads it (EBCDIC, say,
/// which the parser would decode by itself) are refused, since the check could not
/// read them; so is an element with more attributes than any QDA program writes
/// (libxml2 compares each attribute with every other).
enum XMLInput {
    /// The most attributes one element may have.
    static let maximumAttributes = 1_000

    /// Encodings whose bytes show ASCII markup as ASCII, so the check can read them.
    private static let asciiCompatible = [
        "utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "iso-8859-15", "latin1",
        "windows-1252", "cp1252",
    ]

    /// UTF-8 (or ASCII-compatible) bytes without a DTD, ready for the parser.
    static func prepared(_ data: Data, part: String) throws -> Data {
        let bytes = [UInt8](data.prefix(4))
        var utf8 = data
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00])
            || bytes.starts(with: [0x00, 0x00, 0x00, 0x3C]) || bytes.starts(with: [0x3C, 0x00, 0x00, 0x00])
        {
            throw XMLTree.ParseError(
                part: part, line: 1, problem: "UTF-32 text, which intertwine does not read; save the file as UTF-8")
        }
        if let encoding = utf16Encoding(bytes) {
            guard let text = String(data: data, encoding: encoding) else {
                throw XMLTree.ParseError(part: part, line: 1, problem: "not valid UTF-16 text")
            }
            utf8 = Data(declaringUTF8(text).utf8)
        } else if let declared = declaredEncoding(data), !asciiCompatible.contains(declared.lowercased()) {
            throw XMLTree.ParseError(
                part: part, line: 1,
                problem: "the XML encoding \(declared), which intertwine does not read; save the file as UTF-8")
        }
        guard startsWithMarkup(utf8) else {
            throw XMLTree.ParseError(
                part: part, line: 1,
                problem:
                    "it does not start with < in UTF-8 or UTF-16 (another encoding, such as EBCDIC, or not XML); save the file as UTF-8"
            )
        }
        if let doctype = declarationOffset(utf8) {
            throw XMLTree.ParseError(
                part: part, line: lineNumber(utf8, at: doctype),
                problem:
                    "a DTD or entity declaration, which intertwine does not read (files from QDA programs have none)")
        }
        if let crowded = crowdedElement(utf8) {
            throw XMLTree.ParseError(
                part: part, line: lineNumber(utf8, at: crowded),
                problem:
                    "an element with more than \(Words.thousands(maximumAttributes)) attributes, which no QDA program writes; the file is damaged or hostile"
            )
        }
        return utf8
    }

    /// The line (from 1) of the byte at `offset`.
    private static func lineNumber(_ data: Data, at offset: Int) -> Int {
        data.prefix(offset).filter { $0 == 0x0A }.count + 1
    }

    /// Whether the first byte after a UTF-8 byte-order mark and white space is `<`.
    private static func startsWithMarkup(_ data: Data) -> Bool {
        var rest = data[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        return rest.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == 0x3C
    }

    /// The offset of the first element with more than `maximumAttributes` attributes
    /// (an `=` outside quotes inside a start tag counts one), found in one pass that
    /// skips comments, CDATA sections and processing instructions.
    private static func crowdedElement(_ data: Data) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            let count = raw.count
            func skip(past end: [UInt8], from start: Int) -> Int {
                var i = start
                while i + end.count <= count {
                    guard let found = memchr(base + i, Int32(end[0]), count - i) else { return count }
                    i = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                    if (0..<end.count).allSatisfy({ i + $0 < count && base[i + $0] == end[$0] }) {
                        return i + end.count
                    }
                    i += 1
                }
                return count
            }
            var i = 0
            while i < count, let found = memchr(base + i, 0x3C, count - i) {
                let open = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                i = open + 1
                guard i < count else { break }
                switch base[i] {
                case 0x21: // <!-- … -->, <![CDATA[ … ]]>, other declarations to their >
                    if i + 2 < count, base[i + 1] == 0x2D, base[i + 2] == 0x2D {
                        i = skip(past: Array("-->".utf8), from: i + 3)
                    } else if i + 1 < count, base[i + 1] == 0x5B {
                        i = skip(past: Array("]]>".utf8), from: i + 1)
                    } else {
                        i = skip(past: [0x3E], from: i)
                    }
                    continue
                case 0x3F: i = skip(past: Array("?>".utf8), from: i + 1); continue
                case 0x2F: continue
                default: break
                }
                var equals = 0
                var quote: UInt8 = 0
                while i < count {
                    let byte = base[i]
                    if quote != 0 {
                        if byte == quote { quote = 0 }
                    } else if byte == 0x22 || byte == 0x27 {
                        quote = byte
                    } else if byte == 0x3D {
                        equals += 1
                        if equals > maximumAttributes { return open }
                    } else if byte == 0x3E {
                        break
                    }
                    i += 1
                }
            }
            return nil
        }
    }

    /// The offset of the first `<!DOCTYPE` or `<!ENTITY`, found in one pass.
    private static func declarationOffset(_ data: Data) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress else { return nil }
            var offset = 0
            // Looking for the `!` of `<!` (comments and CDATA have it too): far rarer than `<`.
            while offset < raw.count, let found = memchr(base + offset, 0x21, raw.count - offset) {
                let bang = base.distance(to: UnsafeRawPointer(found))
                offset = bang + 1
                guard bang > 0, raw[bang - 1] == 0x3C else { continue }
                let at = bang - 1
                let rest = UnsafeRawBufferPointer(rebasing: raw[(at + 1)...])
                if rest.starts(with: "!DOCTYPE".utf8) || rest.starts(with: "!ENTITY".utf8) { return at }
            }
            return nil
        }
    }

    /// UTF-16 by its byte-order mark, or by `<?` written in 16-bit units.
    private static func utf16Encoding(_ bytes: [UInt8]) -> String.Encoding? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0x3C, 0x00, 0x3F, 0x00])
            || bytes.starts(with: [0x3C, 0x00])
        {
            return bytes.starts(with: [0xFF, 0xFE]) ? .utf16 : .utf16LittleEndian
        }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0x00, 0x3C]) {
            return bytes.starts(with: [0xFE, 0xFF]) ? .utf16 : .utf16BigEndian
        }
        return nil
    }

    /// The `encoding="…"` of an XML declaration at the start of ASCII-compatible bytes.
    private static func declaredEncoding(_ data: Data) -> String? {
        let head = String(decoding: data.prefix(200), as: UTF8.self)
        guard head.hasPrefix("<?xml") || head.hasPrefix("\u{FEFF}<?xml"), let close = head.range(of: "?>") else {
            return nil
        }
        let declaration = head[..<close.lowerBound]
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    /// `text` (decoded from UTF-16) with its declaration saying UTF-8, as it now is.
    private static func declaringUTF8(_ text: String) -> String {
        var text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        if text.hasPrefix("<?xml"), let close = text.range(of: "?>") {
            let declaration = String(text[..<close.lowerBound])
                .replacingOccurrences(
                    of: #"encoding\s*=\s*["'][^"']*["']"#, with: "encoding=\"utf-8\"", options: .regularExpression)
            text = declaration + text[close.lowerBound...]
        }
        return text
    }
}
