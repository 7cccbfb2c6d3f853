/// A code as a codebook file defines it, before it is in a project.
public struct CodeDefinition: Equatable, Sendable {
    public var name: String
    public var description: String
    /// `#rrggbb`.
    public var color: String
    /// One key that applies the code in the workbench, if any.
    public var hotkey: String?
    /// False for a folder that groups codes but is not applied itself.
    public var codable: Bool
    public var children: [CodeDefinition]
    /// The line of the codebook file that defines it (for error messages).
    public var line: Int
    /// The code's GUID when the file gives one (REFI-QDA); the project keeps it.
    public var guid: String?

    public init(
        name: String, description: String = "", color: String, hotkey: String? = nil,
        codable: Bool = true, children: [CodeDefinition] = [], line: Int = 0, guid: String? = nil
    ) {
        self.name = Name.normalized(name)
        self.description = description
        self.color = color
        self.hotkey = hotkey
        self.codable = codable
        self.children = children
        self.line = line
        self.guid = guid
    }

    /// Two definitions are equal when they define the same code; the line they came
    /// from does not count.
    public static func == (a: CodeDefinition, b: CodeDefinition) -> Bool {
        a.name == b.name && a.description == b.description && a.color == b.color && a.hotkey == b.hotkey
            && a.codable == b.codable && a.children == b.children
    }
}
