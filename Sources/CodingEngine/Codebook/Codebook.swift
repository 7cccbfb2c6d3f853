/// A project's codebook: its codes in tree order (each parent before its children,
/// siblings by position).
public struct Codebook: Equatable, Sendable {
    public var codes: [Code]
    private var byID: [Int64: Int]
    private var byPath: [String: Int]
    private var byExactPath: [String: Int]
    private var childIndexes: [Int64?: [Int]]
    private var byHotkey: [String: Int]
    private var byGUID: [String: Int]

    /// How deep codes may nest (a code at the top has depth 0). Deeper codes are
    /// refused on every way in (YAML, REFI-QDA, merge).
    public static let maximumDepth = 64

    public init(codes: [Code]) {
        self.codes = []
        byID = [:]
        byPath = [:]
        byExactPath = [:]
        childIndexes = [:]
        byHotkey = [:]
        byGUID = [:]
        self.codes.reserveCapacity(codes.count)
        for code in codes { insert(code) }
    }

    /// Adds `code` after the others, keeping every lookup current: a write that adds
    /// many codes (an import of 100,000) looks them up without reloading. `codes` is
    /// then in tree order only if `code` comes after its parent's subtree.
    public mutating func insert(_ code: Code) {
        let index = codes.count
        codes.append(code)
        if byID[code.id] == nil { byID[code.id] = index }
        if byPath[code.path.lowercased()] == nil { byPath[code.path.lowercased()] = index }
        if byExactPath[code.path] == nil { byExactPath[code.path] = index }
        if let hotkey = code.hotkey, byHotkey[hotkey] == nil { byHotkey[hotkey] = index }
        if !code.guid.isEmpty, byGUID[code.guid] == nil { byGUID[code.guid] = index }
        childIndexes[code.parentID, default: []].append(index)
    }

    /// Takes `hotkey` off whichever code has it (in this value; the caller writes it).
    public mutating func removeHotkey(_ hotkey: String) {
        guard let index = byHotkey.removeValue(forKey: hotkey) else { return }
        codes[index].hotkey = nil
    }

    /// The code whose hotkey is `hotkey`.
    public func code(hotkey: String) -> Code? { byHotkey[hotkey].map { codes[$0] } }

    public func code(id: Int64) -> Code? { byID[id].map { codes[$0] } }

    /// The code with this GUID (compared without case).
    public func code(guid: String) -> Code? { byGUID[guid.lowercased()].map { codes[$0] } }

    /// The code at `path` as a project or file writes it (parts already trimmed),
    /// matched without regard to case: the quick lookup of a bulk import.
    public func code(storedPath path: String) -> Code? {
        (byExactPath[path] ?? byPath[path.lowercased()]).map { codes[$0] }
    }

    /// The code at `path` (`Processes/Intuiting`), matched without regard to case.
    public func code(path: String) -> Code? {
        if let index = byExactPath[path] ?? byPath[path.lowercased()] { return codes[index] }
        return byPath[Self.normalizedPath(path).lowercased()].map { codes[$0] }
    }

    public func children(of id: Int64?) -> [Code] { (childIndexes[id] ?? []).map { codes[$0] } }

    /// How many codes lie directly below `id` (the top level for nil).
    public func childCount(of id: Int64?) -> Int { childIndexes[id]?.count ?? 0 }

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
    public func hasChildren(_ id: Int64) -> Bool { childIndexes[id]?.isEmpty == false }

    /// `path` with white space around its parts and stray slashes removed.
    public static func normalizedPath(_ path: String) -> String {
        path.split(separator: "/").map { Name.trimmed($0) }
            .filter { !$0.isEmpty }.joined(separator: "/")
    }
}
