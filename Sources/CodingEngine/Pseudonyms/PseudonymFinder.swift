import Foundation

/// Finds strings that may identify someone and are not replaced by the pseudonym
/// table: speakers' labels, names in front matter and case attributes, and runs of
/// capitalised words in the middle of sentences that the transcripts never write in
/// lower case. Each text is read as a pseudonymised export would write it, so what is
/// already in the table is not offered again.
struct PseudonymFinder {
    /// Labels that name a role, not a person.
    static let roles: Set<String> = [
        "interviewer", "interviewee", "respondent", "participant", "moderator", "facilitator", "speaker", "i", "r",
        "q", "a", "p", "int", "iv", "resp", "unknown", "other", "both", "all", "researcher",
    ]
    /// Capitalised words that identify no one.
    static let common: Set<String> = [
        "i", "i'm", "i've", "i'd", "i'll", "ok", "okay", "mr", "mrs", "ms", "dr", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december", "christmas", "easter", "english", "british",
        "european", "uk", "us", "eu",
    ]
    /// Property and attribute keys whose values name someone, by what they name.
    static let keys: [(words: [String], kind: Pseudonym.Kind)] = [
        (["participant", "interviewee", "respondent", "name", "owner", "manager", "person", "people"], .person),
        (["company", "firm", "organisation", "organization", "employer", "business", "customer", "supplier"], .firm),
        (["location", "place", "city", "town", "site", "region", "country", "address"], .place),
    ]

    let pseudonymiser: Pseudonymiser
    private var found: [String: PseudonymCandidate] = [:]
    private var order: [String] = []
    /// Runs of capitalised words in the transcripts, and every word written in lower case:
    /// a single word the transcripts also write in lower case is a word, not a name.
    private var seen: [(name: String, document: String, example: String, atStart: Bool, kind: Pseudonym.Kind)] = []
    private var lowercase: Set<String> = []

    init(_ pseudonymiser: Pseudonymiser) { self.pseudonymiser = pseudonymiser }

    /// What was found: speakers, then front matter, attributes and the transcripts' names,
    /// the most frequent first.
    mutating func candidates() -> [PseudonymCandidate] {
        let inSentences = Set(seen.filter { !$0.atStart }.map(\.name))
        for (name, document, example, atStart, kind) in seen
        where (name.contains(" ") || !lowercase.contains(name.lowercased()))
            && (!atStart || inSentences.contains(name) || found[name] != nil
                || (name.contains(" ") && inSentences.contains(String(name.prefix { $0 != " " }))))
        {
            note(name, kind: kind, source: .text, document: document, example: example)
        }
        seen = []
        return order.compactMap { found[$0] }
    }

    /// Reads one document: its speakers, its front matter and its text.
    mutating func read(document: String, text stored: String, speakers: [String], properties: [CaseAttribute]) {
        for speaker in speakers {
            note(speaker, kind: .person, source: .speaker, document: document)
        }
        for property in properties { attribute(property, source: .frontMatter, document: document) }
        let text = Array(pseudonymiser(stored))
        func wordEnd(from start: Int) -> Int {
            var end = start
            while end < text.count, Pseudonym.isWordCharacter(text[end]) { end += 1 }
            return end
        }
        var index = 0
        var sentenceStart = true
        var previousWord = ""
        while index < text.count {
            guard Pseudonym.isWordCharacter(text[index]) else {
                if ".!?:;\n\"“‘(*—–".contains(text[index]) { sentenceStart = true }
                index += 1
                continue
            }
            var end = wordEnd(from: index)
            let word = String(text[index..<end])
            guard text[index].isUppercase, !Self.common.contains(word.lowercased()) else {
                if !text[index].isUppercase { lowercase.insert(word) }
                sentenceStart = false
                previousWord = word.lowercased()
                index = end
                continue
            }
            // A run of capitalised words separated by single spaces: one name.
            var words = [word]
            while end + 1 < text.count, text[end] == " ", text[end + 1].isUppercase {
                let next = wordEnd(from: end + 1)
                let following = String(text[(end + 1)..<next])
                guard !following.isEmpty, !Self.common.contains(following.lowercased()) else { break }
                words.append(following)
                end = next
            }
            // At a sentence's start the first word may be any word: the rest is a name, and the
            // whole run one only if it is found elsewhere too.
            let start = max(0, index - 30), stop = min(text.count, end + 30)
            let example = String(text[start..<stop]).split(whereSeparator: \.isNewline).joined(separator: " ")
            let kind = Self.kind(of: words.joined(separator: " "), after: previousWord)
            seen.append((words.joined(separator: " "), document, example, sentenceStart, kind))
            if sentenceStart, words.count > 1 {
                let rest = words.dropFirst().joined(separator: " ")
                seen.append((rest, document, example, false, Self.kind(of: rest, after: "")))
            }
            sentenceStart = false
            previousWord = ""
            index = end
        }
    }

    /// Reads a case's attributes.
    mutating func read(case name: String, attributes: [CaseAttribute]) {
        for attribute in attributes { self.attribute(attribute, source: .attribute, document: nil) }
    }

    private mutating func attribute(_ attribute: CaseAttribute, source: PseudonymCandidate.Source, document: String?) {
        guard case .text(let value) = attribute.value else { return }
        let key = attribute.key.lowercased()
        guard let kind = Self.keys.first(where: { $0.words.contains { key.contains($0) } })?.kind else { return }
        for part in pseudonymiser(value).split(whereSeparator: { ";,".contains($0) }) where Self.isName(part) {
            note(String(part), kind: kind, source: source, document: document)
        }
    }

    private mutating func note(
        _ raw: String, kind: Pseudonym.Kind, source: PseudonymCandidate.Source, document: String?, example: String = ""
    ) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        guard let first = text.first, first.isUppercase, text.count > 1, !Self.roles.contains(text.lowercased()),
            pseudonymiser.realNames(in: text).isEmpty,
            !pseudonymiser.entries.contains(where: { $0.pseudonym.contains(text) })
        else { return }
        if found[text] == nil {
            order.append(text)
            found[text] = PseudonymCandidate(
                text: text, kind: kind, occurrences: 0, documents: [], sources: [], example: example)
        }
        if let document, !found[text]!.documents.contains(document) { found[text]!.documents.append(document) }
        if !found[text]!.sources.contains(source) { found[text]!.sources.append(source) }
        if found[text]!.example.isEmpty { found[text]!.example = example }
        if source != .text, found[text]!.kind == .other { found[text]!.kind = kind }
    }

    /// Whether `text` is written as a name: every word capitalised but the small ones
    /// that join names ("Bank of England"), and not a number.
    static func isName<S: StringProtocol>(_ text: S) -> Bool {
        let joining: Set<String> = ["of", "and", "the", "de", "la", "le", "van", "von", "der", "den", "du", "da", "&"]
        let words = text.split(separator: " ")
        return !words.isEmpty
            && words.allSatisfy { word in
                joining.contains(word.lowercased()) || (word.first?.isUppercase == true)
            }
    }

    /// A guess from the words and the word before them: a title makes a person, a
    /// preposition of place a place, a firm's ending (or a short acronym) a firm, digits
    /// something else; otherwise a person.
    static func kind(of name: String, after previous: String) -> Pseudonym.Kind {
        let last = name.split(separator: " ").last.map(String.init)?.lowercased() ?? ""
        let firms: Set<String> = [
            "ltd", "limited", "plc", "inc", "llc", "gmbh", "group", "company", "co", "aerospace", "engineering",
            "industries", "holdings", "partners", "bank", "university", "college", "council", "agency",
        ]
        if ["mr", "mrs", "ms", "miss", "dr", "professor", "prof", "sir", "dame"].contains(previous) { return .person }
        if ["in", "at", "from", "to", "near", "around", "outside", "into"].contains(previous) { return .place }
        if firms.contains(last) { return .firm }
        if name.contains(where: \.isNumber) { return .other }
        if name.count <= 5, name == name.uppercased() { return .firm }
        return .person
    }
}

extension Project {
    /// What may still identify someone: strings not replaced by the pseudonym table,
    /// found in speakers' labels, front matter, case attributes and the transcripts.
    public func pseudonymCandidates() throws -> [PseudonymCandidate] {
        var finder = PseudonymFinder(try pseudonymiser())
        for document in try documents() {
            finder.read(
                document: document.name, text: try text(ofDocument: document.id), speakers: document.speakers,
                properties: document.properties)
        }
        for item in try cases() { finder.read(case: item.name, attributes: item.attributes) }
        var candidates = finder.candidates()
        // How often each is in the transcripts: as whole words, the longest at a place, as
        // a pseudonymised export would replace it once it is in the table.
        let matcher = Pseudonymiser(candidates.map { Pseudonym(real: $0.text, pseudonym: "_", kind: $0.kind) })
        var counts: [String: Int] = [:]
        var places: [String: [String]] = [:]
        for document in try documents() {
            let written = finder.pseudonymiser(try text(ofDocument: document.id))
            for replacement in matcher.pseudonymise(written).replacements {
                counts[replacement.real, default: 0] += 1
                if places[replacement.real]?.contains(document.name) != true {
                    places[replacement.real, default: []].append(document.name)
                }
            }
        }
        for index in candidates.indices {
            candidates[index].occurrences = counts[candidates[index].text] ?? 0
            candidates[index].documents = places[candidates[index].text] ?? candidates[index].documents
        }
        candidates.removeAll { $0.sources == [.text] && $0.occurrences == 0 }
        return candidates.sorted {
            ($0.sources.min()!, -$0.occurrences, $0.text) < ($1.sources.min()!, -$1.occurrences, $1.text)
        }
    }
}
