import GRDB

/// Blind coding: while it is on, a coder sees no other coder's codings of a document
/// until they mark it done; each coding records whether its coder could see another
/// coder's codings of the document when it was made.
extension Project {
    /// Whether blind coding is on for the project.
    public func blindCoding() throws -> Bool {
        try read { db in try Self.blindCoding(db) }
    }

    static func blindCoding(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT value FROM project_info WHERE key = 'blind_coding'") == "on"
    }

    /// Turns blind coding on or off for everyone working in the project.
    public func setBlindCoding(_ on: Bool) throws {
        try setInfo("blind_coding", on ? "on" : "off")
    }

    /// Marks `document` done (or not done, `done: false`) for `coder`: once done, the
    /// coder sees the other coders' codings of it even while blind coding is on.
    public func markDone(document name: String, coder: String, done: Bool = true) throws {
        try write { db in
            guard
                let document = try Int64.fetchOne(
                    db, sql: "SELECT id FROM documents WHERE name = ?", arguments: [Name.normalized(name)])
            else {
                throw EngineError.unknownDocument(Name.normalized(name))
            }
            let trimmed = Name.trimmed(coder)
            guard !trimmed.isEmpty else { throw EngineError.noCoder }
            let coderID = try Self.coderID(db, named: trimmed)
            let mark = Records.DocumentDone(coderID: coderID, documentID: document, doneAt: Timestamp.now())
            if done { try mark.insert(db) } else { _ = try mark.delete(db) }
        }
    }

    /// The documents `coder` has marked done, by name.
    public func documentsDone(coder: String) throws -> Set<String> {
        try read { db in
            guard let id = try Self.storedCoderID(db, named: coder) else { return [] }
            return Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT d.name FROM documents_done x JOIN documents d ON d.id = x.document_id WHERE x.coder_id = ?
                        """, arguments: [id]))
        }
    }

    /// Whether `coder` could see another coder's codings of the document `documentID`
    /// right now: blind coding is off or they marked it done, and another coder has
    /// coded it.
    static func othersVisible(_ db: Database, document documentID: Int64, coder coderID: Int64) throws -> Bool {
        guard
            try
                (Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM codings WHERE document_id = ? AND coder_id <> ?)",
                    arguments: [documentID, coderID]) ?? false)
        else { return false }
        guard try blindCoding(db) else { return true }
        return try
            (Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM documents_done WHERE document_id = ? AND coder_id = ?)",
                arguments: [documentID, coderID]) ?? false)
    }
}
