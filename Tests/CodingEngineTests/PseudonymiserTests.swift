import CodingEngine
import Foundation
import Testing
import TestSupport

@Suite("Pseudonyms: whole names replaced, offsets mapped so that a stretch keeps its words")
struct PseudonymiserTests {
    static let table = Pseudonymiser([
        Pseudonym(real: "Roger Watson", pseudonym: "OM-BRW", kind: .person),
        Pseudonym(real: "Watson", pseudonym: "Mr W", kind: .person),
        Pseudonym(real: "Lucas Aerospace", pseudonym: "Customer A", kind: .firm),
        Pseudonym(real: "Lucas", pseudonym: "Luke", kind: .person),
        Pseudonym(real: "José García", pseudonym: "P1", kind: .person),
        Pseudonym(real: "Zürich", pseudonym: "a city", kind: .place),
        Pseudonym(real: "Émile", pseudonym: "P2", kind: .person),
    ])

    /// The scalars `range` covers in `text`.
    static func slice(_ text: String, _ range: TextRange) -> String {
        let scalars = Array(text.unicodeScalars)
        return String(String.UnicodeScalarView(scalars[range.start..<range.end]))
    }

    @Test("overlapping names: the longest at a place wins; whole words only; capitals; possessives")
    func overlapping() {
        let text =
            "Roger Watson: Lucas Aerospace rang Watson's office; ROGER WATSON signed, Watson’s too. Lucas came. Rogers and Watsonian stay; so does lucas."
        #expect(
            Self.table(text)
                == "OM-BRW: Customer A rang Mr W's office; OM-BRW signed, Mr W’s too. Luke came. Rogers and Watsonian stay; so does lucas."
        )
        #expect(
            Self.table.pseudonymise(text).replacements.map(\.real) == [
                "Roger Watson", "Lucas Aerospace", "Watson", "Roger Watson", "Watson", "Lucas",
            ])
    }

    @Test("combining marks match their composed form; emoji beside a name keep their place")
    func combiningMarksAndEmoji() {
        // "José García" typed with combining acute accents, an emoji of three scalars before it.
        let text = "👩‍🔬José García’s lab in Zu\u{308}rich 🇨🇭."
        let decomposed = "👩‍🔬Jose\u{301} Garci\u{301}a’s lab in Zu\u{308}rich 🇨🇭."
        for written in [text, decomposed] {
            let result = Self.table.pseudonymise(written)
            #expect(result.text == "👩‍🔬P1’s lab in a city 🇨🇭.")
            // The emoji (3 scalars) is before the name; the flag (2) after it, both untouched.
            #expect(Self.slice(result.text, result.range(TextRange(0, 3))) == "👩‍🔬")
            let flag = written.unicodeScalars.count - 3
            #expect(Self.slice(result.text, result.range(TextRange(flag, flag + 2))) == "🇨🇭")
            let name = result.replacements[0].original
            #expect(name.lowerBound == 3)
            #expect(name.count == (written.unicodeScalars.elementsEqual(text.unicodeScalars) ? 11 : 13))
        }
    }

    @Test("a stretch between word boundaries holds, after, what its own words pseudonymised are")
    func sameWords() {
        let text = """
            Roger Watson: My father started it. Lucas Aerospace was the customer, and Watson's brother ran it.
            Interviewer: And José García?
            ROGER WATSON: Jose\u{301} Garci\u{301}a ran Zürich. 👩🏽‍🔧 Watson 🙂Lucas; Lucasfilm no.
            """
        let result = Self.table.pseudonymise(text)
        let scalars = Array(text.unicodeScalars)
        let characters = Array(text)
        // Every boundary between a word and what is not a word, in scalars.
        var boundaries = [0]
        var offset = 0
        for (index, character) in characters.enumerated() {
            offset += character.unicodeScalars.count
            let here = character.isLetter || character.isNumber
            let next =
                index + 1 < characters.count && (characters[index + 1].isLetter || characters[index + 1].isNumber)
            if here != next { boundaries.append(offset) }
        }
        #expect(offset == scalars.count)
        let inside = { (point: Int) in result.replacements.contains { $0.original.dropFirst().contains(point) } }
        let usable = boundaries.filter { !inside($0) }
        var checked = 0
        for (i, start) in usable.enumerated() {
            for end in usable[(i + 1)...] {
                let range = TextRange(start, end)
                #expect(Self.slice(result.text, result.range(range)) == Self.table(Self.slice(text, range)), "\(range)")
                checked += 1
            }
        }
        #expect(checked > 1000)
    }

    @Test("in any case, for a suggestion's lower-cased words; prose keeps the case")
    func anyCase() {
        #expect(Self.table.anyCase("because: roger watson, lucas, audit") == "because: OM-BRW, Luke, audit")
        #expect(Self.table("because: roger watson, lucas, audit") == "because: roger watson, lucas, audit")
    }

    @Test("a name whose first letter is written decomposed is found")
    func decomposedFirstLetter() {
        #expect(Self.table("Then E\u{301}mile came.") == "Then P2 came.")
        #expect(Self.table("Then \u{C9}mile came.") == "Then P2 came.")
    }

    @Test("a stretch that cuts into a name covers the whole pseudonym; nothing moves without a table")
    func cutNames() {
        let text = "We rang Roger Watson on Monday."
        let result = Self.table.pseudonymise(text)
        #expect(result.text == "We rang OM-BRW on Monday.")
        // "Watson on" starts inside the name: it begins at the pseudonym.
        #expect(Self.slice(result.text, result.range(TextRange(14, 23))) == "OM-BRW on")
        // "rang Rog" ends inside it: it ends after the pseudonym.
        #expect(Self.slice(result.text, result.range(TextRange(3, 11))) == "rang OM-BRW")
        #expect(Self.slice(result.text, result.range(TextRange(27, 31))) == "day.")
        // And back: a stretch of the new text is the stored text's that holds it.
        #expect(Self.slice(text, result.original(TextRange(8, 14))) == "Roger Watson")
        #expect(Self.slice(text, result.original(TextRange(10, 17))) == "Roger Watson on")
        #expect(Self.slice(text, result.original(TextRange(15, 25))) == "on Monday.")
        for offset in 0...text.unicodeScalars.count where !(9..<20).contains(offset) {
            #expect(result.original(result.position(offset, end: false), end: false) == offset)
        }
        let none = Pseudonymiser([]).pseudonymise(text)
        #expect(none.text == text && none.range(TextRange(3, 11)) == TextRange(3, 11))
    }

    @Test("the table in a project: added composed, refused with a reason, removed, and the default setting")
    func table() throws {
        let project = try Support.project()
        try project.addPseudonym(real: "  Roger Watson ", pseudonym: "OM-BRW", kind: .person, who: "ana")
        try project.addPseudonym(real: "Jose\u{301}", pseudonym: "P1", kind: .person, who: "ana")
        #expect(try project.pseudonyms().map(\.real) == ["Roger Watson", "José"])
        #expect(try project.pseudonyms().map { $0.real.unicodeScalars.count } == [12, 4])
        func refusal(_ real: String, _ pseudonym: String) -> String {
            do {
                try project.addPseudonym(real: real, pseudonym: pseudonym, kind: .firm, who: "ana")
                return "added"
            } catch { return "\(error)" }
        }
        #expect(refusal("José", "P2").contains("already in the table as \"P1\""))
        #expect(refusal("'Roger", "R").contains("begin and end with a letter or digit"))
        #expect(refusal("Lucas", "Roger Watson's firm").contains("contains the real name \"Roger Watson\""))
        #expect(refusal("BRW", "Customer B").contains("in the pseudonym \"OM-BRW\""))
        #expect(refusal("Lucas", "").contains("cannot be empty"))
        #expect(refusal("Lucas", "Lucas").contains("must differ"))
        #expect(refusal("Lucas", "Customer A, Ltd").contains("cannot hold \",\": CSV, JSON"))
        #expect(try project.pseudonyms().count == 2)
        #expect(try project.removePseudonym(real: "José").pseudonym == "P1")
        #expect(throws: EngineError.self) { try project.removePseudonym(real: "José") }
        #expect(try !project.pseudonymisesByDefault())
        try project.setPseudonymisesByDefault(true)
        #expect(try project.pseudonymisesByDefault())
        #expect(try project.pseudonymiser()("Roger Watson's") == "OM-BRW's")
        // A copy pulled from a team project takes the team's table: it is changed there.
        try project.keepSyncPoint(team: "t1", address: "postgresql://ana@127.0.0.1/study")
        #expect(
            refusal("Lucas", "Customer A").contains("pulled from the team project postgresql://ana@127.0.0.1/study"))
        #expect(throws: EngineError.self) { try project.removePseudonym(real: "Roger Watson") }
    }

    @Test(
        "candidates: speakers, front-matter names, capitalised names mid-sentence; not words also written in lower case, nor what the table replaces"
    )
    func candidates() throws {
        let folder = try Support.temporaryFolder()
        let text = """
            ---
            participant: Roger Watson
            company: Lucas Aerospace
            customers: Two aerospace primes
            ---
            Interviewer: Thank you, Roger. Was Lucas Aerospace your first customer?
            Roger Watson: Yes. Customer audits came later; the customer was strict. Zoë Clarke ran quality, and Zoë
            was right. We went to London on Monday, and Dr Anand came from the college. The Customer said so.
            """
        let project = try Support.project()
        try project.importTranscripts([try Support.write(text, "BRW/brw.txt", in: folder)])
        let found = try project.pseudonymCandidates()
        func candidate(_ text: String) -> PseudonymCandidate? { found.first { $0.text == text } }
        #expect(candidate("Roger Watson")?.sources == [.speaker, .frontMatter, .text])
        #expect(candidate("Roger Watson")?.kind == .person && candidate("Roger Watson")?.occurrences == 1)
        #expect(candidate("Lucas Aerospace")?.kind == .firm && candidate("Lucas Aerospace")?.occurrences == 1)
        #expect(
            candidate("Roger")?.occurrences == 1 && candidate("Roger")?.example.contains("Thank you, Roger") == true)
        #expect(candidate("Zoë Clarke")?.occurrences == 1 && candidate("Zoë")?.occurrences == 1)
        #expect(candidate("London")?.kind == .place)
        #expect(candidate("Anand")?.kind == .person)
        // Words, roles and days are not names; nor is a description in an attribute.
        for word in ["Interviewer", "Customer", "Yes", "Monday", "The", "We", "Two aerospace primes", "Thank"] {
            #expect(candidate(word) == nil, "\(word)")
        }
        // What the table replaces is not offered again, and nor are its parts already covered.
        try project.addPseudonym(real: "Roger Watson", pseudonym: "OM-BRW", kind: .person, who: "ana")
        try project.addPseudonym(real: "Roger", pseudonym: "OM-BRW", kind: .person, who: "ana")
        let left = try project.pseudonymCandidates().map(\.text)
        #expect(!left.contains("Roger Watson") && !left.contains("Roger") && !left.contains("Watson"))
        #expect(left.contains("Lucas Aerospace") && left.contains("Zoë Clarke"))
    }
}
