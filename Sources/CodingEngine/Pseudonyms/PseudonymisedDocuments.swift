/// A project's documents as a pseudonymised output shows them: each text pseudonymised
/// once (on first use), and stretches, passages and search hits of the stored text
/// mapped onto it. What every pseudonymised output (exports, listings, the assistant's
/// answers) reads its passages through.
public struct PseudonymisedDocuments {
    public let pseudonymiser: Pseudonymiser
    private let project: Project
    private var documents: [String: (text: PseudonymisedText, scalars: ScalarText)] = [:]

    public init(_ project: Project, pseudonymiser: Pseudonymiser) {
        self.project = project
        self.pseudonymiser = pseudonymiser
    }

    /// The document named `name` pseudonymised; `stored`, when given, is its stored text
    /// (spares reading it).
    public mutating func text(_ name: String, stored: String? = nil) throws -> PseudonymisedText {
        try read(name, stored).text
    }

    private mutating func read(_ name: String, _ stored: String? = nil) throws -> (
        text: PseudonymisedText, scalars: ScalarText
    ) {
        if let known = documents[name] { return known }
        let text = pseudonymiser.pseudonymise(try stored ?? project.document(named: name).text)
        let made = (text, ScalarText(text.text))
        documents[name] = made
        return made
    }

    /// Where `range` of the document named `name` is in its pseudonymised text, and what
    /// it holds there (a stretch that cut into a name holds the whole pseudonym).
    public mutating func passage(_ name: String, _ range: TextRange) throws -> (range: TextRange, text: String) {
        let (text, scalars) = try read(name)
        let mapped = text.range(range)
        return (mapped, scalars.slice(mapped.start, mapped.end))
    }

    /// A stretch in its context, as a search shows it (`SearchHit.cut`), mapped and cut
    /// from the pseudonymised text.
    public mutating func context(_ name: String, _ range: TextRange) throws -> (
        range: TextRange, before: String, match: String, after: String
    ) {
        let (text, scalars) = try read(name)
        let mapped = text.range(range)
        let (before, match, after) = SearchHit.cut(scalars, mapped)
        return (mapped, before, match, after)
    }

    /// A search hit as the pseudonymised text shows it: its stretch mapped, its match and
    /// context cut from the pseudonymised text, its speaker, document and case replaced.
    public mutating func hit(_ hit: SearchHit) throws -> SearchHit {
        var shown = hit
        (shown.range, shown.before, shown.match, shown.after) = try context(hit.document, hit.range)
        shown.document = pseudonymiser(hit.document)
        shown.caseName = pseudonymiser(hit.caseName)
        shown.speaker = hit.speaker.map { pseudonymiser($0) }
        return shown
    }
}
