import GRDB

/// The one place the `codes` table is written. Codes are added one way (a codebook
/// file's import, a code made in the workbench or on the command line, REFI-QDA
/// imports and merges; the codebook passed in is kept current, so many codes are added
/// without reloading it), and renamed, moved, set and removed by the functions below.
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

    /// Renames code `id` (its path follows).
    static func rename(_ db: Database, id: Int64, to name: String) throws {
        try db.execute(sql: "UPDATE codes SET name = ? WHERE id = ?", arguments: [name, id])
    }

    /// Moves code `id` below `parent` (nil: the top level) at `position`.
    static func move(_ db: Database, id: Int64, below parent: Int64?, position: Int) throws {
        try db.execute(
            sql: "UPDATE codes SET parent_id = ?, position = ? WHERE id = ?", arguments: [parent, position, id])
    }

    /// Gives code `id` its colour, hotkey, description and whether it is codable.
    static func set(_ db: Database, id: Int64, color: String, hotkey: String?, description: String, codable: Bool)
        throws
    {
        try db.execute(
            sql: "UPDATE codes SET color = ?, hotkey = ?, description = ?, codable = ? WHERE id = ?",
            arguments: [color, hotkey, description, codable, id])
    }

    /// Gives code `id` a definition from a codebook file, at `position`.
    static func set(_ db: Database, id: Int64, _ definition: CodeDefinition, position: Int) throws {
        try db.execute(
            sql: "UPDATE codes SET description = ?, color = ?, hotkey = ?, position = ?, codable = ? WHERE id = ?",
            arguments: [definition.description, definition.color, definition.hotkey, position, definition.codable, id])
    }

    /// Sets code `id`'s description.
    static func setDescription(_ db: Database, id: Int64, to description: String) throws {
        try db.execute(sql: "UPDATE codes SET description = ? WHERE id = ?", arguments: [description, id])
    }

    /// Makes code `id` codable (a folder that codings are merged into).
    static func makeCodable(_ db: Database, id: Int64) throws {
        try db.execute(sql: "UPDATE codes SET codable = 1 WHERE id = ?", arguments: [id])
    }

    /// Takes code `id`'s hotkey off (another code gets it).
    static func clearHotkey(_ db: Database, id: Int64) throws {
        try db.execute(sql: "UPDATE codes SET hotkey = NULL WHERE id = ?", arguments: [id])
    }

    /// Removes code `id` (the codes below it go with it).
    static func remove(_ db: Database, id: Int64) throws {
        try db.execute(sql: "DELETE FROM codes WHERE id = ?", arguments: [id])
    }

    /// Removes every code (a codebook replaced).
    static func removeAll(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM codes")
    }
}
