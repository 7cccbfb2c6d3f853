import GRDB

/// The outcome of coding passages: new codings, and passages the coder had
/// already coded with that code (left as they were).
public struct CodingResult: Equatable, Sendable {
    public var ids: [Int64]
    public var alreadyCoded: [TextRange]
}

extension Project {
    /// Codes the passages `selector` names in `document` with the code at `codePath`,
    /// as `coder`, in one transaction. Refuses an unknown document or code, a folder,
    /// a range outside the document or empty; for an explicit range or turn, refuses a
    /// passage this coder already coded with this code; for matches, skips them.
    @discardableResult
    public func code(
        document: String, _ selector: PassageSelector, with codePath: String, coder: String,
        memo: String? = nil
    ) throws -> CodingResult {
        let doc = try self.document(named: document)
        let ranges = try selector.ranges(in: doc)
        if case .match = selector {
            return try addCodings(
                document: document, ranges: ranges, code: codePath, coder: coder, memo: memo, skipExisting: true)
        }
        return try addCodings(
            document: document, ranges: ranges, code: codePath, coder: coder, memo: memo, skipExisting: false)
    }

    /// Adds codings of explicit ranges in one transaction.
    @discardableResult
    public func addCodings(
        document: String, ranges: [TextRange], code codePath: String, coder: String,
        memo: String? = nil, skipExisting: Bool = false
    ) throws -> CodingResult {
        try addCodings(
            ranges.map { NewCoding(document: document, range: $0, code: codePath, coder: coder, memo: memo) },
            skipExisting: skipExisting)
    }

    /// Adds many codings, of any documents, codes and coders, in one transaction:
    /// all of them or, at the first invalid one, none.
    @discardableResult
    public func addCodings(_ codings: [NewCoding], skipExisting: Bool = false) throws -> CodingResult {
        try write { db in
            var writer = try CodingWriter(db)
            var result = CodingResult(ids: [], alreadyCoded: [])
            let progress = WorkProgress("storing codings", total: codings.count)
            for coding in codings {
                progress.advance()
                if let id = try writer.add(coding, existing: skipExisting ? .skip : .refuse) {
                    result.ids.append(id)
                } else {
                    result.alreadyCoded.append(coding.range)
                }
            }
            return result
        }
    }

    /// Removes a coding and returns what it was.
    @discardableResult
    public func removeCoding(id: Int64) throws -> Coding {
        try write { db in
            guard
                let documentID = try Int64.fetchOne(
                    db, sql: "SELECT document_id FROM codings WHERE id = ?", arguments: [id]),
                let document = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT d.id, d.name, c.name AS case_name FROM documents d JOIN cases c ON c.id = d.case_id WHERE d.id = ?
                        """, arguments: [documentID]),
                let coding = try Self.fetchCodings(
                    db, documents: [document], where: "k.document_id = ? AND k.id = ?",
                    arguments: [id]
                ).first
            else {
                throw EngineError.unknownCoding(id)
            }
            try CodingWriter.remove(db, id: id)
            return coding
        }
    }

    /// The codings `filter` selects, by case, document, start, end, code and coder,
    /// with their text (or with empty text when `includeText` is false, which spares
    /// reading the documents).
    public func codings(_ filter: CodingFilter = CodingFilter(), includeText: Bool = true) throws -> [Coding] {
        var result: [Coding] = []
        try codings(filter, includeText: includeText) { result.append($0) }
        return result
    }

    /// The same codings in the same order, handed to `each` one at a time as they are
    /// read, one document's text held at a time: for listings that go straight to
    /// the output. A filter naming an unknown case, document or code throws before
    /// the first coding.
    public func codings(
        _ filter: CodingFilter = CodingFilter(), includeText: Bool = true, each: (Coding) throws -> Void
    ) throws {
        try codings(filter, includeText: includeText) { (found: DocumentCodings) in
            try Self.eachCoding(found, includeText: includeText, each)
        }
    }

    /// Hands each coding of `found` to `each`, its text cut from the document's.
    private static func eachCoding(_ found: DocumentCodings, includeText: Bool, _ each: (Coding) throws -> Void) throws
    {
        guard includeText else {
            for coding in found.codings { try each(coding) }
            return
        }
        var text = found.text
        try text.withUTF8 { bytes in
            for (coding, range) in zip(found.codings, found.byteRanges) {
                var coding = coding
                coding.text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                try each(coding)
            }
        }
    }

    /// The same codings a document at a time, with the document's text and where
    /// each passage lies in its UTF-8 (no text when `includeText` is false): for
    /// writers that copy passages out as bytes.
    public func codings(
        _ filter: CodingFilter = CodingFilter(), includeText: Bool = true,
        eachDocument: (DocumentCodings) throws -> Void
    ) throws {
        try read { db in
            var documentClauses: [String] = []
            var documentArguments = StatementArguments()
            if !filter.cases.isEmpty {
                for name in filter.cases where try Self.caseID(db, named: name) == nil {
                    throw EngineError.unknownCase(name)
                }
                documentClauses.append("c.name IN (\(Self.placeholders(filter.cases.count)))")
                documentArguments += StatementArguments(filter.cases)
            }
            if !filter.documents.isEmpty {
                for name in filter.documents
                where try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE name = ?", arguments: [name]) == nil {
                    throw EngineError.unknownDocument(name)
                }
                documentClauses.append("d.name IN (\(Self.placeholders(filter.documents.count)))")
                documentArguments += StatementArguments(filter.documents)
            }
            var codingClauses = ["k.document_id = ?"]
            let codingArguments = StatementArguments()
            if !filter.coders.isEmpty {
                let ids = try filter.coders.map { try Self.storedCoderID(db, named: $0) ?? -1 }
                codingClauses.append("k.coder_id IN (\(ids.map(String.init).joined(separator: ",")))")
            }
            if !filter.codes.isEmpty {
                codingClauses.append(
                    "k.code_id IN (\(try Self.codeIDs(db, paths: filter.codes).map(String.init).joined(separator: ",")))"
                )
            }
            if let rule = try Visibility.current(db, viewer: filter.viewer ?? viewer) {
                codingClauses.append(rule.clause(coder: "k.coder_id", document: "k.document_id"))
            }
            let documents = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.id, d.name, c.name AS case_name FROM documents d JOIN cases c ON c.id = d.case_id
                    WHERE \(documentClauses.isEmpty ? "1" : documentClauses.joined(separator: " AND "))
                    ORDER BY c.name, d.id
                    """, arguments: documentArguments)
            try Self.fetchCodings(
                db, documents: documents, where: codingClauses.joined(separator: " AND "),
                arguments: codingArguments, includeText: includeText, eachDocument: eachDocument)
        }
    }

    /// The names of everyone who has coded in the project.
    public func coders() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT name FROM coders ORDER BY name") }
    }

    // MARK: Helpers

    /// The codings of `documents` (rows of id, name, case_name) that `clause`
    /// selects; `clause` starts with the document id's placeholder.
    private static func fetchCodings(
        _ db: Database, documents: [Row], where clause: String,
        arguments: StatementArguments, includeText: Bool = true
    ) throws -> [Coding] {
        var result: [Coding] = []
        try fetchCodings(db, documents: documents, where: clause, arguments: arguments, includeText: includeText) {
            found in
            try eachCoding(found, includeText: includeText) { result.append($0) }
        }
        return result
    }

    /// The same a document at a time, the passages' places in the text's UTF-8 given
    /// (with no text and no places when `includeText` is false).
    private static func fetchCodings(
        _ db: Database, documents: [Row], where clause: String, arguments: StatementArguments,
        includeText: Bool, eachDocument: (DocumentCodings) throws -> Void
    ) throws {
        let codebook = try loadCodebook(db)
        var coders: [Int64: String] = [:]
        for coder in try Records.Coder.fetchAll(db, sql: "SELECT id, name FROM coders") {
            coders[coder.id] = coder.name
        }
        // Read by position through SQLite's C interface from the covering index in
        // text order (hundreds of thousands of rows for a listing).
        let statement = try BoundStatement(
            db,
            sql: """
                SELECT \(Records.StoredCoding.columns)
                FROM codings k WHERE \(clause) ORDER BY k.start, k."end", k.code_id, k.coder_id
                """)
        for document in documents {
            let documentID: Int64 = document["id"]
            let name: String = document["name"], caseName: String = document["case_name"]
            var codings: [Coding] = []
            try statement.rows(arguments: [documentID] + arguments) { row in
                let stored = Records.StoredCoding(row)
                codings.append(
                    Coding(
                        id: stored.id, document: name, caseName: caseName, start: stored.start, end: stored.end,
                        code: codebook.code(id: stored.codeID)?.path ?? "?", coder: coders[stored.coderID] ?? "?",
                        memo: stored.memo, text: "", createdAt: stored.createdAt, updatedAt: stored.updatedAt,
                        guid: stored.guid))
            }
            guard !codings.isEmpty else { continue }
            guard includeText else {
                try eachDocument(DocumentCodings(text: "", codings: codings, byteRanges: []))
                continue
            }
            var text =
                try String.fetchOne(db, sql: "SELECT text FROM documents WHERE id = ?", arguments: [documentID]) ?? ""
            let ranges = text.withUTF8 { DocumentCodings.byteRanges(in: $0, codings.map(\.range)) }
            try eachDocument(DocumentCodings(text: text, codings: codings, byteRanges: ranges))
        }
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }

    /// The ids of the codes at `paths` and of every code below them.
    static func codeIDs(_ db: Database, paths: [String]) throws -> [Int64] {
        let codebook = try loadCodebook(db)
        return try paths.flatMap { path -> [Int64] in
            guard let code = codebook.code(path: path) else { throw EngineError.unknownCode(path) }
            return codebook.subtree(of: code.id).map(\.id)
        }
    }

    static func coderID(_ db: Database, named raw: String) throws -> Int64 {
        if let id = try storedCoderID(db, named: raw) { return id }
        var coder = Records.Coder(name: Name.normalized(Name.trimmed(raw)))
        try coder.insert(db)
        return coder.id
    }

    /// The coder `typed` names, matched the one way coders' names are everywhere: the
    /// coder of exactly that name (NFC, trimmed), else the one whose name differs from
    /// it only in case (`BEN` finds ben). Nil when there is none; refused when several
    /// differ from it only in case (a project from before names were matched so), since
    /// choosing one would be a guess. A new coder is never made beside one whose name
    /// differs only in case: `coderID` finds that one instead.
    static func storedCoderID(_ db: Database, named typed: String) throws -> Int64? {
        let name = Name.normalized(Name.trimmed(typed))
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM coders WHERE name = ?", arguments: [name]) { return id }
        let folded = name.lowercased()
        let alike = try Row.fetchAll(db, sql: "SELECT id, name FROM coders").filter {
            ($0["name"] as String).lowercased() == folded
        }
        guard alike.count <= 1 else { throw EngineError.coderAmbiguous(typed, alike.map { $0["name"] }) }
        return alike.first?["id"]
    }

    /// The stored spelling of the coder `typed` names (see `storedCoderID`), or `typed`
    /// as stored names are written when there is no such coder.
    static func storedCoderName(_ db: Database, named typed: String) throws -> String {
        guard let id = try storedCoderID(db, named: typed) else { return Name.normalized(Name.trimmed(typed)) }
        return try String.fetchOne(db, sql: "SELECT name FROM coders WHERE id = ?", arguments: [id]) ?? typed
    }
}

extension Project {
    /// Removes the codings that match `codings` (document, range, code and coder) in
    /// one transaction; each must exist.
    public func removeCodings(_ codings: [NewCoding]) throws {
        try write { db in
            let codebook = try Self.loadCodebook(db)
            for coding in codings {
                guard let code = codebook.code(path: coding.code) else { throw EngineError.unknownCode(coding.code) }
                if try !CodingWriter.remove(
                    db, document: coding.document, coder: coding.coder, code: code.id, range: coding.range)
                {
                    throw EngineError.codingNotFound(
                        document: coding.document, start: coding.range.start, end: coding.range.end,
                        code: coding.code, coder: coding.coder)
                }
            }
        }
    }
}

extension Project {
    /// Sets (or clears, with nil or empty text) the memo of a coding. One transaction.
    public func setMemo(of coding: NewCoding, to memo: String?) throws {
        let text = memo.flatMap { $0.isEmpty ? nil : $0 }
        let now = Timestamp.now()
        try write { db in
            let id = try Self.codingID(db, coding)
            try CodingWriter.setMemo(db, id: id, to: text, at: now)
        }
    }

    /// Moves a coding's boundaries to `range` (a boundary adjusted by the coder),
    /// keeping its code, coder, memo and creation time. One transaction.
    public func moveCoding(_ coding: NewCoding, to range: TextRange) throws {
        let now = Timestamp.now()
        try write { db in
            let id = try Self.codingID(db, coding)
            let length =
                try Int.fetchOne(db, sql: "SELECT length FROM documents WHERE name = ?", arguments: [coding.document])
                ?? 0
            guard range.start >= 0, range.end <= length else {
                throw EngineError.rangeOutsideDocument(
                    document: coding.document, start: range.start, end: range.end, length: length)
            }
            guard range.end > range.start else {
                throw EngineError.emptyRange(document: coding.document, start: range.start, end: range.end)
            }
            do {
                try CodingWriter.move(db, id: id, to: range, at: now)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw EngineError.duplicateCoding(
                    document: coding.document, start: range.start, end: range.end,
                    code: coding.code, coder: coding.coder)
            }
        }
    }

    /// The id of the coding matching `coding` by document, range, code and coder.
    static func codingID(_ db: Database, _ coding: NewCoding) throws -> Int64 {
        guard let code = try loadCodebook(db).code(path: coding.code) else {
            throw EngineError.unknownCode(coding.code)
        }
        guard
            let id = try Int64.fetchOne(
                db,
                sql: """
                    SELECT k.id FROM codings k JOIN documents d ON d.id = k.document_id JOIN coders r ON r.id = k.coder_id
                    WHERE d.name = ? AND r.name = ? AND k.code_id = ? AND k.start = ? AND k."end" = ?
                    """, arguments: [coding.document, coding.coder, code.id, coding.range.start, coding.range.end])
        else {
            throw EngineError.codingNotFound(
                document: coding.document, start: coding.range.start, end: coding.range.end,
                code: coding.code, coder: coding.coder)
        }
        return id
    }
}
