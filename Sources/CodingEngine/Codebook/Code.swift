/// A code of a project's codebook.
public struct Code: Equatable, Hashable, Sendable {
    public var id: Int64
    public var parentID: Int64?
    public var name: String
    /// Names from the top of the tree, joined by `/`, e.g. `Processes/Intuiting`.
    public var path: String
    /// Order among siblings, from 0.
    public var position: Int
    public var description: String
    /// `#rrggbb`.
    public var color: String
    public var hotkey: String?
    /// False for a folder.
    public var codable: Bool
    /// Depth in the tree: 0 at the top.
    public var depth: Int
    /// The code's stable identity (kept through renames, moves and exports).
    public var guid: String

    public init(
        id: Int64, parentID: Int64?, name: String, path: String, position: Int,
        description: String, color: String, hotkey: String?, codable: Bool, depth: Int, guid: String = ""
    ) {
        self.id = id
        self.parentID = parentID
        self.name = name
        self.path = path
        self.position = position
        self.description = description
        self.color = color
        self.hotkey = hotkey
        self.codable = codable
        self.depth = depth
        self.guid = guid
    }
}
