import CodingEngine
import Testing

@Suite("Stored text: strict UTF-8, BOM removed, line ends to LF, no normalization")
struct StoredTextTests {
    @Test("CRLF and lone CR become LF, and a BOM is dropped")
    func lineEndsAndBOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a\r\nb\rc\n".utf8)
        #expect(try StoredText.decode(bytes) == "a\nb\nc\n")
    }

    @Test("a BOM in the middle of the text is kept: only a leading one is removed")
    func innerBOMKept() throws {
        let text = try StoredText.decode(Array("a\u{FEFF}b".utf8))
        #expect(text.unicodeScalars.count == 3)
    }

    @Test("no Unicode normalization: e + combining acute stays two scalars")
    func noNormalization() throws {
        let decomposed = try StoredText.decode(Array("e\u{301}".utf8))
        let composed = try StoredText.decode(Array("\u{E9}".utf8))
        #expect(StoredText.length(decomposed) == 2)
        #expect(StoredText.length(composed) == 1)
        #expect(StoredText.sha256(decomposed) != StoredText.sha256(composed))
    }

    @Test("invalid UTF-8 is refused with the byte offset of the first bad byte")
    func invalidUTF8() {
        #expect(throws: StoredText.DecodingProblem.invalidUTF8(offset: 3)) {
            try StoredText.decode([0x61, 0x62, 0x63, 0xFF, 0x64])
        }
        // é is C3 A9: a lone C3 followed by ASCII is invalid at the C3.
        #expect(throws: StoredText.DecodingProblem.invalidUTF8(offset: 1)) {
            try StoredText.decode([0x61, 0xC3, 0x41])
        }
        // A truncated 4-byte sequence at the end.
        #expect(throws: StoredText.DecodingProblem.invalidUTF8(offset: 2)) {
            try StoredText.decode([0x61, 0x62, 0xF0, 0x9F, 0x98])
        }
        // UTF-16 with a BOM is not UTF-8.
        #expect(throws: StoredText.DecodingProblem.self) { try StoredText.decode([0xFF, 0xFE, 0x61, 0x00]) }
    }

    @Test("a NUL byte marks a binary file; an empty file is refused")
    func binaryAndEmpty() {
        #expect(throws: StoredText.DecodingProblem.nulByte(offset: 2)) { try StoredText.decode([0x61, 0x62, 0x00]) }
        #expect(throws: StoredText.DecodingProblem.empty) { try StoredText.decode([]) }
    }

    @Test("sha256 is of the stored text's UTF-8 bytes")
    func sha256() {
        #expect(StoredText.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(StoredText.sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(StoredText.sha256("café 🙂") == StoredText.sha256(String("xcafé 🙂".dropFirst())))
    }

    @Test("lengths count Unicode scalars: accents, CJK, emoji, flags, combining marks")
    func lengths() {
        #expect(StoredText.length("café") == 4)
        #expect(StoredText.length("学习") == 2)
        #expect(StoredText.length("👩‍👩‍👧") == 5) // three people joined by two zero-width joiners
        #expect(StoredText.length("🇬🇧") == 2) // a flag is two regional indicators
        #expect(StoredText.length("e\u{301}") == 2)
        #expect("👩‍👩‍👧🇬🇧".count == 2) // what String.count would wrongly give
    }

    @Test("a text's scalars by offset are its Unicode scalars, whatever their UTF-8 length")
    func scalarText() {
        for text in [
            "", "a", "café", "e\u{301}", "学习 and 組織", "🇬🇧 we learnt 👩‍👩‍👧",
            "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}",
            String(repeating: "Zoë sagt 你好 🙂\n", count: 1_000),
        ] {
            let scalars = ScalarText(text)
            #expect(scalars.scalars == Array(text.unicodeScalars))
            #expect(scalars.slice(0, scalars.length) == text)
        }
        // A slice of a larger string (not starting at its storage) too.
        let tail = String("xxé🙂yy".dropFirst(2))
        #expect(ScalarText(tail).scalars == Array("é🙂yy".unicodeScalars))
    }
}
