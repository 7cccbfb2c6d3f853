import GRDB

/// The one place the `memos` table is written (memos on the project, a case, a
/// document or a code): the workbench, the command line, REFI-QDA imports and merges
/// and the changes to cases, documents and codes all go through it.
enum MemoWriter {
    /// Adds a memo on a target (`kind`, `id` as `Project.memoTarget` gives them);
    /// when `unlessPresent`, a memo with the same text on the same target is not
    /// added again. Returns the new memo's id, or nil when it was there already.
    @discardableResult
    static func add(
        _ db: Database, on target: (kind: String, id: Int64?), text: String, coder: String?,
        created: String? = nil, updated: String? = nil, unlessPresent: Bool = false, guid: String? = nil
    ) throws -> Int64? {
        if unlessPresent,
            try Bool.fetchOne(
                db, sql: "SELECT 1 FROM memos WHERE target = ? AND target_id IS ? AND text = ?",
                arguments: [target.kind, target.id, text]) ?? false
        {
            return nil
        }
        let coderID = try coder.map { try Project.coderID(db, named: $0) }
        let now = Timestamp.now()
        var row = MemoRow(
            id: nil, target: target.kind, targetID: target.id, coderID: coderID, text: text, createdAt: created ?? now,
            updatedAt: updated ?? created ?? now, guid: guid ?? GUID.random())
        try row.insert(db)
        return row.id
    }

    /// Removes the memo `id` (a memo changed elsewhere, written anew by a sync).
    static func remove(_ db: Database, id: Int64) throws {
        try db.execute(sql: "DELETE FROM memos WHERE id = ?", arguments: [id])
    }

    /// Removes `coder`'s memos on a target (a memo replaced or emptied).
    static func remove(_ db: Database, on target: (kind: String, id: Int64?), coder: Int64) throws {
        try db.execute(
            sql: "DELETE FROM memos WHERE target = ? AND target_id = ? AND coder_id = ?",
            arguments: [target.kind, target.id, coder])
    }

    /// Removes every memo on the `kind` targets `ids` (a document or codes deleted).
    static func remove(_ db: Database, on kind: String, ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try db.execute(
            sql:
                "DELETE FROM memos WHERE target = ? AND target_id IN (\(ids.map(String.init).joined(separator: ", ")))",
            arguments: [kind])
    }

    /// Moves the memos on the `kind` target `source` to `target` (cases or codes merged).
    static func move(_ db: Database, on kind: String, from source: Int64, to target: Int64) throws {
        try db.execute(
            sql: "UPDATE memos SET target_id = ? WHERE target = ? AND target_id = ?", arguments: [target, kind, source])
    }
}
