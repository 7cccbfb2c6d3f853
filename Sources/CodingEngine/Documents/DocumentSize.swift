/// A document's name, case and length in characters: what counting and coverage
/// need, read from an index without touching the document's text.
public struct DocumentSize: Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var caseName: String
    /// Length of the stored text in Unicode scalars.
    public var length: Int

    public init(id: Int64, name: String, caseName: String, length: Int) {
        self.id = id
        self.name = name
        self.caseName = caseName
        self.length = length
    }
}
