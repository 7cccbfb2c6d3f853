/// A researcher's note on the project, a case, a document or a code.
public struct Memo: Equatable, Sendable {
    /// What a memo is about.
    public enum Target: Equatable, Hashable, Sendable {
        case project
        case `case`(String)
        case document(String)
        /// A code, by path.
        case code(String)
    }

    public var id: Int64
    public var target: Target
    public var coder: String?
    public var text: String
    public var createdAt: String
    public var updatedAt: String

    public init(id: Int64, target: Target, coder: String?, text: String, createdAt: String, updatedAt: String) {
        self.id = id
        self.target = target
        self.coder = coder
        self.text = text
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
