import GRDB

extension Project {
    /// Runs `body` in one write transaction with a recorder of the rows it touches,
    /// keeps the entry it returns in the history, and returns the change (for undo).
    func change(by who: String, _ body: (Database, ChangeRecorder) throws -> HistoryEntry) throws -> ProjectChange {
        try write { db in
            let recorder = ChangeRecorder(db)
            var entry = try body(db, recorder)
            entry = try Self.keep(entry, by: who, db)
            let (before, after) = try recorder.images()
            return ProjectChange(entry: entry, before: before, after: after)
        }
    }

    /// Puts back what `change` changed (undo), or makes it again (redo; `reverse`
    /// false). Refused, changing nothing, when those rows were changed since.
    @discardableResult
    public func undo(_ change: ProjectChange, by who: String, reverse: Bool = true) throws -> HistoryEntry {
        try write { db in
            let (from, to) = reverse ? (change.after, change.before) : (change.before, change.after)
            guard try from.restore(to, db) else {
                throw EngineError.changedSince(change.entry.detail)
            }
            var entry = change.entry
            entry.operation = reverse ? "undo" : "redo"
            entry.detail = (reverse ? "undid: " : "redid: ") + change.entry.detail
            if reverse { swap(&entry.before, &entry.after) }
            return try Self.keep(entry, by: who, db)
        }
    }

    /// The history, oldest first; only the kinds given (all when empty).
    public func history(_ kinds: Set<HistoryEntry.Kind> = []) throws -> [HistoryEntry] {
        try read { db in
            let all = try HistoryEntry.order(Column("id")).fetchAll(db)
            return kinds.isEmpty ? all : all.filter { kinds.contains($0.kind) }
        }
    }

    /// Adds changes from another copy of the project (an import) to the history,
    /// leaving out those it has already (same time, who, operation and subject).
    /// The changes already here are read once into a set, so a long history (a note of
    /// 100,000 rows) takes one pass, not a search of the table per row.
    static func keepHistory(_ entries: [HistoryEntry], _ db: Database) throws {
        guard !entries.isEmpty else { return }
        var known = Set(
            try Row.fetchAll(db, sql: "SELECT at, who, operation, subject FROM history").map { row -> [String] in
                [row["at"], row["who"], row["operation"], row["subject"]]
            })
        // Many rows at once: one prepared statement (a record per row costs twice as much).
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO history (at, who, operation, kind, subject, subject_guid, before, after, codings, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for entry in entries {
            guard known.insert([entry.at, entry.who, entry.operation, entry.subject]).inserted else { continue }
            try insert.execute(arguments: [
                entry.at, entry.who, entry.operation, entry.kind.rawValue, entry.subject, entry.subjectGUID,
                entry.before, entry.after, entry.codings, entry.detail,
            ])
        }
    }

    private static func keep(_ entry: HistoryEntry, by who: String, _ db: Database) throws -> HistoryEntry {
        var kept = entry
        kept.at = Timestamp.now()
        kept.who = Name.trimmed(who).isEmpty ? "unknown" : Name.normalized(Name.trimmed(who))
        try kept.insert(db)
        return kept
    }
}
