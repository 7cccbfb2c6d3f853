import Foundation
import Testing
@testable import Exchange

/// A source's positions, counted in code points or UTF-16 units by the program that
/// wrote it, land on the stored text's offsets: checked against a plain table built
/// character by character.
@Suite("Source positions: code points and UTF-16 units to stored offsets")
struct SourceTextTests {
    /// The table the compact form replaces: for each position, the stored offset.
    static func reference(_ original: String, utf16: Bool) -> [Int?] {
        let scalars = Array(original.unicodeScalars)
        // Stored offset of each original scalar offset: CRs of CRLFs are dropped.
        var stored: [Int] = []
        var dropped = 0
        for (index, scalar) in scalars.enumerated() {
            stored.append(index - dropped)
            if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { dropped += 1 }
        }
        stored.append(scalars.count - dropped)
        guard utf16 else { return stored }
        var table: [Int?] = []
        for (index, scalar) in scalars.enumerated() {
            table.append(stored[index])
            if scalar.value > 0xFFFF { table.append(stored[index + 1]) } // between the two units: after the scalar
        }
        table.append(stored[scalars.count])
        return table
    }

    @Test(
        "every position, both units",
        arguments: [
            "plain text", "a\r\nb\r\nc", "Tea 👩‍👩‍👧 and 🇬🇧 cake.\r\nMore café.", "👍👍\r\n\r\n𝄞x", "\r\n", "é\u{10FFFF}\rz",
            String(repeating: "ab😀\r\nçd ", count: 40),
        ])
    func positions(original: String) {
        let text = SourceText(utf8: Data(original.utf8))
        for utf16 in [false, true] {
            let table = Self.reference(original, utf16: utf16)
            for position in -1...(table.count) {
                let expected = position >= 0 && position < table.count ? table[position] : nil
                #expect(
                    text.offset(position, utf16: utf16) == expected,
                    "\(utf16 ? "unit" : "point") \(position) of \(original.debugDescription)")
            }
        }
    }

    @Test("the text between two positions is the original's, with one byte-order mark not counted")
    func selectedText() {
        let original = String(repeating: "ab😀\r\nçd ", count: 20) + "end"
        let text = SourceText(utf8: Data([0xEF, 0xBB, 0xBF] + Array(original.utf8)))
        let scalars = Array(original.unicodeScalars)
        #expect(text.count == scalars.count)
        for (start, end) in [(0, 3), (5, 70), (100, scalars.count), (130, 130)] {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            #expect(text.text(start, end, utf16: false) == String(view))
        }
        // In UTF-16 units "😀" (units 2 and 3) is "ab" + two units.
        #expect(text.text(0, 4, utf16: true) == "ab😀")
        #expect(text.text(5, 4, utf16: true) == nil)
        #expect(text.stored.hasPrefix("ab😀\nçd ab😀\n"))
    }
}
