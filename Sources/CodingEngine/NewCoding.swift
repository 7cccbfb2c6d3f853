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

    public init(document: String, range: TextRange, code: String, coder: String, memo: String? = nil, guid: String? = nil) {
        self.document = Name.normalized(document)
        self.range = range
        self.code = Name.normalized(code)
        self.coder = Name.normalized(coder)
        self.memo = memo
        self.guid = guid
    }
}
