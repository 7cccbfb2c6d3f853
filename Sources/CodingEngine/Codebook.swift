/// A project's codebook: its codes in tree order (each parent before its children,
/// siblings by position).
public struct Codebook: Equatable, Sendable {
    public var codes: [Code]
    private var byID: [Int64: Int]
    private var byPath: [String: Int]
    private var byExactPath: [String: Int]

    public init(codes: [Code]) {
        self.codes = codes
        byID = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1.id, $0) })
        byPath = Dictionary(codes.enumerated().map { ($1.path.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        byExactPath = Dictionary(codes.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func code(id: Int64) -> Code? { byID[id].map { codes[$0] } }

    /// The code at `path` (`Processes/Intuiting`), matched without regard to case.
    public func code(path: String) -> Code? {
        if let index = byExactPath[path] { return codes[index] }
        return byPath[Self.normalizedPath(path).lowercased()].map { codes[$0] }
    }

    public func children(of id: Int64?) -> [Code] { codes.filter { $0.parentID == id } }

    /// `id` and every code below it.
    public func subtree(of id: Int64) -> [Code] {
        guard let root = code(id: id) else { return [] }
        let prefix = root.path + "/"
        return codes.filter { $0.id == id || $0.path.hasPrefix(prefix) }
    }

    /// The ids of `id`'s ancestors, nearest first.
    public func ancestors(of id: Int64) -> [Int64] {
        var result: [Int64] = []
        var current = code(id: id)?.parentID
        while let parent = current {
            result.append(parent)
            current = code(id: parent)?.parentID
        }
        return result
    }

    /// Whether any code lies below `id`.
    public func hasChildren(_ id: Int64) -> Bool { codes.contains { $0.parentID == id } }

    /// `path` with white space around its parts and stray slashes removed.
    static func normalizedPath(_ path: String) -> String {
        path.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "/")
    }
}
