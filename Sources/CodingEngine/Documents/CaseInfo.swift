/// A case (in the demo, a firm) with its typed attributes and documents.
public struct CaseInfo: Equatable, Sendable {
    public var id: Int64
    public var name: String
    /// Attributes in the order they were first given.
    public var attributes: [CaseAttribute]
    /// Names of the case's documents, in import order.
    public var documents: [String]
    /// Characters (Unicode scalars) of all its documents.
    public var length: Int
}
