import Foundation

/// XML bytes made safe to parse: whatever their encoding, documents with a DTD or
/// entity declarations are refused (a DTD can hide entity bombs or external
/// entities), and UTF-16 text is turned into UTF-8 first so that the check sees
/// every character.
enum XMLInput {
    /// Encodings whose bytes show ASCII markup as ASCII, so the check can read them.
    private static let asciiCompatible = ["utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "iso-8859-15", "latin1",
                                          "windows-1252", "cp1252"]

    /// UTF-8 (or ASCII-compatible) bytes without a DTD, ready for the parser.
    static func prepared(_ data: Data, part: String) throws -> Data {
        let bytes = [UInt8](data.prefix(4))
        var utf8 = data
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00])
            || bytes.starts(with: [0x00, 0x00, 0x00, 0x3C]) || bytes.starts(with: [0x3C, 0x00, 0x00, 0x00]) {
            throw XMLTree.ParseError(part: part, line: 1, problem: "UTF-32 text, which intertwine does not read; save the file as UTF-8")
        }
        if let encoding = utf16Encoding(bytes) {
            guard let text = String(data: data, encoding: encoding) else {
                throw XMLTree.ParseError(part: part, line: 1, problem: "not valid UTF-16 text")
            }
            utf8 = Data(declaringUTF8(text).utf8)
        } else if let declared = declaredEncoding(data), !asciiCompatible.contains(declared.lowercased()) {
            throw XMLTree.ParseError(part: part, line: 1, problem: "the XML encoding \(declared), which intertwine does not read; save the file as UTF-8")
        }
        if let doctype = declarationOffset(utf8) {
            let line = utf8.prefix(doctype).filter { $0 == 0x0A }.count + 1
            throw XMLTree.ParseError(part: part, line: line, problem: "a DTD or entity declaration, which intertwine does not read (files from QDA programs have none)")
        }
        return utf8
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
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0x3C, 0x00, 0x3F, 0x00]) || bytes.starts(with: [0x3C, 0x00]) {
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
        guard head.hasPrefix("<?xml") || head.hasPrefix("\u{FEFF}<?xml"), let close = head.range(of: "?>") else { return nil }
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
                .replacingOccurrences(of: #"encoding\s*=\s*["'][^"']*["']"#, with: "encoding=\"utf-8\"", options: .regularExpression)
            text = declaration + text[close.lowerBound...]
        }
        return text
    }
}
