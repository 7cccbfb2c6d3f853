import GRDB

extension Project {
    /// The passages `expression` selects (see `QueryParser` for the language).
    public func query(_ expression: String) throws -> [QueryEvaluator.Passage] {
        try QueryEvaluator.run(expression, on: self)
    }

    /// Hands on the passages `expression` selects a document at a time, in document
    /// order, without holding them all (see `QueryEvaluator.DocumentPassages`).
    public func query(_ expression: String, eachDocument body: (QueryEvaluator.DocumentPassages) throws -> Void) throws
    {
        try QueryEvaluator.run(expression, on: self, eachDocument: body)
    }

    /// Keeps `expression` under `name`, after checking that it parses and names only
    /// what the project has. A name already saved is refused unless `replacing`.
    @discardableResult
    public func saveQuery(
        _ name: String, _ expression: String, replacing: Bool = false, by who: String, guid: String? = nil
    ) throws -> SavedQuery {
        let name = try Self.checkedName(name, kind: "query")
        var evaluator = try QueryEvaluator(self, source: expression)
        try evaluator.check(try QueryParser.parse(expression))
        return try write { db in
            let now = Timestamp.now()
            if let existing = try String.fetchOne(db, sql: "SELECT guid FROM queries WHERE name = ?", arguments: [name])
            {
                guard replacing else { throw EngineError.queryNameTaken(name) }
                try QueryWriter.update(db, name: name, expression: expression, who: who, at: now)
                return SavedQuery(name: name, expression: expression, who: who, updatedAt: now, guid: existing)
            }
            let id = try GUID.unused(guid, in: "queries", db) ?? GUID.random()
            try QueryWriter.add(db, name: name, expression: expression, who: who, created: now, guid: id)
            return SavedQuery(name: name, expression: expression, who: who, updatedAt: now, guid: id)
        }
    }

    /// The saved queries, by name.
    public func savedQueries() throws -> [SavedQuery] {
        try read { db in
            try SavedQuery.order(Column("name")).fetchAll(db)
        }
    }

    /// The saved query named `name`.
    public func savedQuery(_ name: String) throws -> SavedQuery {
        let all = try savedQueries()
        guard let found = all.first(where: { $0.name == Name.normalized(Name.trimmed(name)) }) else {
            throw EngineError.unknownQuery(name, known: all.map(\.name))
        }
        return found
    }

    /// Removes a saved query.
    public func deleteQuery(_ name: String) throws {
        let query = try savedQuery(name)
        try write { db in try QueryWriter.remove(db, name: query.name) }
    }
}
