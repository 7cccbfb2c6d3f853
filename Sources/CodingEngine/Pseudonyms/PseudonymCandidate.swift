/// A string that may name a person, firm or place and is not (yet) in the pseudonym
/// table: a speaker's label, a name from a transcript's front matter or a case's
/// attributes, or capitalised words found in the middle of sentences. `pseudonym
/// suggest` offers them for the researcher to confirm; `pseudonym check` lists what a
/// pseudonymised export would still show.
public struct PseudonymCandidate: Equatable, Sendable {
    /// Where a candidate was found.
    public enum Source: String, Sendable, Comparable {
        case speaker, frontMatter = "front matter", attribute, text

        public static func < (a: Source, b: Source) -> Bool { a.order < b.order }
        private var order: Int {
            switch self {
            case .speaker: return 0
            case .frontMatter: return 1
            case .attribute: return 2
            case .text: return 3
            }
        }
    }

    public var text: String
    /// The kind guessed from where it was found (a speaker is a person, a "company"
    /// property a firm…); the researcher decides.
    public var kind: Pseudonym.Kind
    /// How many times it is in the transcripts (as whole words), and in how many of them.
    public var occurrences: Int
    public var documents: [String]
    public var sources: [Source]
    /// One place it is found, with some words around it.
    public var example: String
}
