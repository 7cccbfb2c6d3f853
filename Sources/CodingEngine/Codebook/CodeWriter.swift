import GRDB

/// The one way codes are added to a codebook: a codebook file's import, a code made
/// in the workbench or on the command line, REFI-QDA imports and merges. The
/// codebook passed in is kept current, so many codes are added without reloading it.
enum CodeWriter {
    /// Adds `definition` (its children are not added) below `parent` at `position`
    /// (else after its siblings), and returns the code as stored.
    @discardableResult
    static func add(
        _ db: Database, _ definition: CodeDefinition, below parent: Code?, position: Int? = nil,
        guid: String? = nil, to codebook: inout Codebook
    ) throws -> Code {
        let position = position ?? codebook.childCount(of: parent?.id)
        let guid = try guid ?? GUID.unused(definition.guid, in: "codes", db) ?? GUID.random()
        try db.cachedStatement(
            sql: """
                INSERT INTO codes (parent_id, name, position, description, color, hotkey, codable, guid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            parent?.id, definition.name, position, definition.description,
            definition.color, definition.hotkey, definition.codable, guid,
        ])
        let code = Code(
            id: db.lastInsertedRowID, parentID: parent?.id, name: definition.name,
            path: parent.map { $0.path + "/" + definition.name } ?? definition.name, position: position,
            description: definition.description, color: definition.color, hotkey: definition.hotkey,
            codable: definition.codable, depth: (parent?.depth ?? -1) + 1, guid: guid)
        codebook.insert(code)
        return code
    }
}
