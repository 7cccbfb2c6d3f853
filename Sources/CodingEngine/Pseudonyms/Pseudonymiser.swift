import Foundation

/// Writes texts with the pseudonym table's real names replaced: whole words only, so
/// "Roger" is not found in "Rogers"; canonically equivalent forms alike (a name typed
/// composed is found written with combining marks); as written and in capitals
/// ("ROGER WATSON:" as a speaker label becomes "OM-BRW:"); and before a possessive
/// ("Watson's" becomes "OM-BRW's"). Where names overlap ("Roger Watson", "Roger"),
/// the longest found at a place wins.
public struct Pseudonymiser: Sendable, Equatable {
    /// A form of an entry looked for in texts.
    private struct Pattern: Sendable {
        var characters: [Character]
        var pseudonym: String
        var real: String
    }

    /// The patterns, by their first word, longest first.
    private let byFirstWord: [String: [Pattern]]
    /// The first scalar of every pattern: a line holding none of them is copied as it is.
    private let firstScalars: Set<Unicode.Scalar>
    /// The table's entries.
    public let entries: [Pseudonym]

    public init(_ entries: [Pseudonym]) { self.init(entries, lowerCase: false) }

    /// With `lowerCase`, each name is also matched in lower case (see `anyCase`).
    private init(_ entries: [Pseudonym], lowerCase: Bool) {
        self.entries = entries
        var patterns: [String: [Pattern]] = [:]
        for entry in entries {
            var forms = [(entry.real, entry.pseudonym)]
            let capitals = entry.real.uppercased()
            if capitals != entry.real { forms.append((capitals, entry.pseudonym.uppercased())) }
            let small = entry.real.lowercased()
            if lowerCase, small != entry.real { forms.append((small, entry.pseudonym)) }
            for (form, pseudonym) in forms {
                let characters = Array(form)
                let first = String(characters.prefix { Pseudonym.isWordCharacter($0) })
                guard !first.isEmpty else { continue }
                patterns[first, default: []].append(
                    Pattern(characters: characters, pseudonym: pseudonym, real: entry.real))
            }
        }
        byFirstWord = patterns.mapValues { $0.sorted { $0.characters.count > $1.characters.count } }
        // Composed and decomposed: "É" may be written E and a combining accent.
        firstScalars = Set(
            patterns.keys.flatMap { key in
                [key.unicodeScalars.first, key.decomposedStringWithCanonicalMapping.unicodeScalars.first]
                    .compactMap { $0 }
            })
    }

    /// The same table matching each name in lower case too: for words a program lower-cased,
    /// such as the words a suggestion's reason gives ("because: roger, audit"), where a
    /// name is no longer capitalised. (Prose keeps the case-aware matching: "bill" is a word.)
    public var anyCase: Pseudonymiser { Pseudonymiser(entries, lowerCase: true) }

    /// Two are the same when their tables are.
    public static func == (a: Pseudonymiser, b: Pseudonymiser) -> Bool { a.entries == b.entries }

    /// Whether the table is empty (nothing is ever replaced).
    public var isEmpty: Bool { entries.isEmpty }

    /// `text` with every real name replaced, and where each was. A name never spans a
    /// line, so the text is read a line at a time (a long output is never held as
    /// characters whole).
    public func pseudonymise(_ text: String) -> PseudonymisedText {
        guard !byFirstWord.isEmpty else { return PseudonymisedText(text: text, replacements: []) }
        // Quick way out: no pattern's first scalar anywhere.
        guard text.unicodeScalars.contains(where: firstScalars.contains) else {
            return PseudonymisedText(text: text, replacements: [])
        }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 64)
        var replacements: [PseudonymisedText.Replacement] = []
        var scalar = 0
        var written = 0
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if number > 0 {
                output.append(0x0A)
                scalar += 1
                written += 1
            }
            guard line.unicodeScalars.contains(where: firstScalars.contains) else {
                // Nothing to find on this line: copied as it is.
                output.append(contentsOf: line.utf8)
                let count = line.unicodeScalars.count
                scalar += count
                written += count
                continue
            }
            replace(in: line, output: &output, replacements: &replacements, scalar: &scalar, written: &written)
        }
        guard !replacements.isEmpty else { return PseudonymisedText(text: text, replacements: []) }
        return PseudonymisedText(text: String(decoding: output, as: UTF8.self), replacements: replacements)
    }

    /// Copies `line` to `output` with its names replaced; `scalar` and `written` count the
    /// scalars read and written so far.
    private func replace(
        in line: Substring, output: inout [UInt8], replacements: inout [PseudonymisedText.Replacement],
        scalar: inout Int, written: inout Int
    ) {
        let characters = Array(line)
        var index = 0
        var copied = 0 // characters[..<copied] are in `output`
        var copiedScalar = scalar
        while index < characters.count {
            guard Pseudonym.isWordCharacter(characters[index]),
                index == 0 || !Pseudonym.isWordCharacter(characters[index - 1])
            else {
                scalar += characters[index].unicodeScalars.count
                index += 1
                continue
            }
            var wordEnd = index
            while wordEnd < characters.count, Pseudonym.isWordCharacter(characters[wordEnd]) { wordEnd += 1 }
            if let candidates = byFirstWord[String(characters[index..<wordEnd])],
                let pattern = candidates.first(where: { matches($0.characters, characters, at: index) })
            {
                for character in characters[copied..<index] { output.append(contentsOf: character.utf8) }
                written += scalar - copiedScalar
                let replacedLength = characters[index..<(index + pattern.characters.count)].reduce(0) {
                    $0 + $1.unicodeScalars.count
                }
                let pseudonym = pattern.pseudonym.unicodeScalars
                output.append(contentsOf: pattern.pseudonym.utf8)
                replacements.append(
                    .init(
                        original: scalar..<(scalar + replacedLength), written: written..<(written + pseudonym.count),
                        real: pattern.real))
                written += pseudonym.count
                scalar += replacedLength
                index += pattern.characters.count
                copied = index
                copiedScalar = scalar
                continue
            }
            for character in characters[index..<wordEnd] { scalar += character.unicodeScalars.count }
            index = wordEnd
        }
        for character in characters[copied...] { output.append(contentsOf: character.utf8) }
        written += scalar - copiedScalar
    }

    /// The real names of the table found in `text`, each once, in the order found: what a
    /// pseudonymised export must never hold.
    public func realNames(in text: String) -> [String] {
        var found: [String] = []
        for replacement in pseudonymise(text).replacements where !found.contains(replacement.real) {
            found.append(replacement.real)
        }
        return found
    }

    /// `text` with every real name replaced: for names, attributes, labels and messages.
    public func callAsFunction(_ text: String) -> String {
        isEmpty ? text : pseudonymise(text).text
    }

    /// Whether `pattern` is at `index` of `characters` as whole words.
    private func matches(_ pattern: [Character], _ characters: [Character], at index: Int) -> Bool {
        guard index + pattern.count <= characters.count else { return false }
        for (offset, character) in pattern.enumerated() where characters[index + offset] != character {
            return false
        }
        let after = index + pattern.count
        return after == characters.count || !Pseudonym.isWordCharacter(characters[after])
    }
}
