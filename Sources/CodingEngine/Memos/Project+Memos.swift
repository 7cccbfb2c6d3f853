import GRDB

extension Project {
    /// Writes a memo on `target` and returns its id. One transaction.
    @discardableResult
    public func addMemo(on target: Memo.Target, text: String, coder: String?) throws -> Int64 {
        try write { db in
            try MemoWriter.add(db, on: try Self.memoTarget(db, target), text: text, coder: coder) ?? 0
        }
    }

    /// The memos on `target`, oldest first.
    public func memos(on target: Memo.Target) throws -> [Memo] {
        try read { db in
            let (kind, id) = try Self.memoTarget(db, target)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT m.id, r.name AS coder, m.text, m.created_at, m.updated_at FROM memos m
                    LEFT JOIN coders r ON r.id = m.coder_id
                    WHERE m.target = ? AND m.target_id IS ? ORDER BY m.id
                    """, arguments: [kind, id]
            ).map {
                Memo(
                    id: $0["id"], target: target, coder: $0["coder"], text: $0["text"],
                    createdAt: $0["created_at"], updatedAt: $0["updated_at"])
            }
        }
    }

    /// The stored kind and id of a memo's target; an unknown one is an error.
    static func memoTarget(_ db: Database, _ target: Memo.Target) throws -> (String, Int64?) {
        switch target {
        case .project:
            return ("project", nil)
        case .case(let name):
            guard let id = try caseID(db, named: name) else { throw EngineError.unknownCase(name) }
            return ("case", id)
        case .document(let name):
            guard
                let id = try Int64.fetchOne(
                    db, sql: "SELECT id FROM documents WHERE name = ?", arguments: [Name.normalized(name)])
            else {
                throw EngineError.unknownDocument(name)
            }
            return ("document", id)
        case .code(let path):
            guard let code = try loadCodebook(db).code(path: path) else { throw EngineError.unknownCode(path) }
            return ("code", code.id)
        }
    }
}

extension Project {
    /// A coder's memo on a document (the latest, if there are several), or nil.
    public func documentMemo(_ document: String, coder: String) throws -> String? {
        try memos(on: .document(document)).last { $0.coder == coder }?.text
    }

    /// Replaces a coder's memo on a document; nil or empty text removes it. One transaction.
    public func setDocumentMemo(_ document: String, coder: String, to text: String?) throws {
        try write { db in
            let target = try Self.memoTarget(db, .document(document))
            let coderID = try Self.coderID(db, named: coder)
            try MemoWriter.remove(db, on: target, coder: coderID)
            if let text, !text.isEmpty { try MemoWriter.add(db, on: target, text: text, coder: coder) }
        }
    }
}
