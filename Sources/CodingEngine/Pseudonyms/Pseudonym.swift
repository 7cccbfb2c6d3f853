/// One row of a project's pseudonym table: a real name as it appears in the
/// transcripts and the pseudonym written in its place when the project is shared or
/// published pseudonymised. The stored text is never changed.
public struct Pseudonym: Hashable, Sendable, Codable {
    /// The real string, in Unicode's composed form (NFC): "Roger Watson".
    public var real: String
    /// What is written instead: "OM-BRW".
    public var pseudonym: String
    /// What the real string names.
    public var kind: Kind
    /// Who entered it, and when.
    public var who: String
    public var at: String

    public init(real: String, pseudonym: String, kind: Kind, who: String = "", at: String = "") {
        self.real = real
        self.pseudonym = pseudonym
        self.kind = kind
        self.who = who
        self.at = at
    }

    /// What a real string names: a person, a firm (or any organisation), a place, or
    /// something else that identifies.
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case person, firm, place, other

        /// The kind in the plural, for sentences: "3 people".
        public var plural: String {
            switch self {
            case .person: return "people"
            case .firm: return "firms"
            case .place: return "places"
            case .other: return "others"
            }
        }
    }

    /// Characters a pseudonym may not hold: those that CSV, JSON, Markdown, HTML and XML
    /// treat specially, so that a pseudonym can be written into any of them as it is.
    public static let reservedCharacters = #",;"\<>&|`*[]"#

    /// Whether `character` is part of a word (a letter, a digit, or a letter with its
    /// marks); a name matches only between characters that are not.
    static func isWordCharacter(_ character: Character) -> Bool {
        // ASCII without Unicode's property tables (most of any English transcript).
        if let byte = character.asciiValue {
            return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
        return character.isLetter || character.isNumber
    }
}
