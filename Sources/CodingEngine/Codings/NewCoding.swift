/// A coding to be added: which document, where, which code (by path) and who.
public struct NewCoding: Equatable, Sendable {
    public var document: String
    public var range: TextRange
    public var code: String
    public var coder: String
    public var memo: String?
    /// The coding's GUID when it has one already (an import, a merge, an undone
    /// removal); a new coding gets a new one.
    public var guid: String?
    /// Whether the coding was made blind: worked out as it is written, or carried
    /// over from where it was made (a merge; nil there when not known).
    public var independence: Independence = .atWriting

    /// Whether a coding was made while its coder could see no other coder's codings of
    /// the document.
    public enum Independence: Equatable, Sendable {
        /// Work it out now: independent unless the coder can see another coder's
        /// codings of the document (blind coding off, or the document marked done).
        case atWriting
        /// As recorded where the coding was made; nil when nobody knows.
        case recorded(Bool?)
    }

    public init(
        document: String, range: TextRange, code: String, coder: String, memo: String? = nil, guid: String? = nil
    ) {
        self.document = Name.normalized(document)
        self.range = range
        self.code = Name.normalized(code)
        self.coder = Name.normalized(coder)
        self.memo = memo
        self.guid = guid
    }
}
