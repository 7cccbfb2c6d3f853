import GRDB

/// Everything an exchange format brings into a project at once: codes, coders,
/// cases, documents, codings and memos. `Project.store(_:)` writes it in one
/// transaction, so a failed import leaves the project as it was.
public struct ProjectBundle: Sendable {
    /// Codes by path, parents before children.
    public var codes: [(path: String, definition: CodeDefinition)] = []
    public var coders: [String] = []
    /// Cases with their attributes.
    public var cases: [(name: String, attributes: [CaseAttribute])] = []
    public var transcripts: [Transcript] = []
    public var codings: [NewCoding] = []
    /// Memos with their target and author.
    public var memos: [(target: Memo.Target, text: String, coder: String?)] = []

    public init() {}
}

/// What storing a bundle did.
public struct BundleReport: Equatable, Sendable {
    public var codesAdded = 0
    public var coders = 0
    public var cases = 0
    public var documentsAdded = 0
    public var documentsUnchanged = 0
    public var codingsAdded = 0
    public var codingsAlreadyHere = 0
    public var memos = 0

    public init() {}
}

extension Project {
    /// Stores a bundle in one transaction: codes missing here are added (existing ones
    /// kept), documents as `store(_ transcripts:)` does, codings not already here,
    /// memos whose text is not already on their target.
    @discardableResult
    public func store(_ bundle: ProjectBundle) throws -> BundleReport {
        var report = BundleReport()
        let imported = try store(bundle.transcripts, within: { db in
            var codebook = try Self.loadCodebook(db)
            for (path, definition) in bundle.codes where try Self.addMissingCode(db, path: path, definition, to: &codebook) {
                report.codesAdded += 1
            }
            for coder in bundle.coders { _ = try Self.coderID(db, named: coder) }
            report.coders = bundle.coders.count
            let now = Timestamp.now()
            for (name, attributes) in bundle.cases {
                let id = try Self.caseID(db, named: name, creating: true, now: now)!
                try Self.setAttributes(db, caseID: id, attributes)
            }
            report.cases = bundle.cases.count
        }, then: { db in
            let codebook = try Self.loadCodebook(db)
            let insert = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO codings (document_id, start, "end", code_id, coder_id, memo, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let now = Timestamp.now()
            var coderIDs: [String: Int64] = [:]
            var lengths: [String: Int] = [:]
            var documentIDs: [String: Int64] = [:]
            for coding in bundle.codings {
                guard let code = codebook.code(path: coding.code) else { throw EngineError.unknownCode(coding.code) }
                guard code.codable else { throw EngineError.codeNotCodable(code.path) }
                if lengths[coding.document] == nil {
                    guard let row = try Row.fetchOne(db, sql: "SELECT id, length FROM documents WHERE name = ?", arguments: [coding.document]) else {
                        throw EngineError.unknownDocument(coding.document)
                    }
                    lengths[coding.document] = row["length"]
                    documentIDs[coding.document] = row["id"]
                }
                let length = lengths[coding.document]!
                guard coding.range.start >= 0, coding.range.end <= length, coding.range.end > coding.range.start else {
                    throw EngineError.rangeOutsideDocument(document: coding.document, start: coding.range.start, end: coding.range.end, length: length)
                }
                if coderIDs[coding.coder] == nil { coderIDs[coding.coder] = try Self.coderID(db, named: coding.coder) }
                try insert.execute(arguments: [documentIDs[coding.document], coding.range.start, coding.range.end, code.id, coderIDs[coding.coder],
                                               coding.memo, now, now])
                if db.changesCount > 0 { report.codingsAdded += 1 } else { report.codingsAlreadyHere += 1 }
            }
            for memo in bundle.memos {
                let (kind, id) = try Self.memoTarget(db, memo.target)
                let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM memos WHERE target = ? AND target_id IS ? AND text = ?",
                                               arguments: [kind, id, memo.text]) ?? false
                guard !exists else { continue }
                let coderID = try memo.coder.map { try Self.coderID(db, named: $0) }
                try db.execute(sql: """
                    INSERT INTO memos (target, target_id, coder_id, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [kind, id, coderID, memo.text, now, now])
                report.memos += 1
            }
        })
        report.documentsAdded = imported.imported.count
        report.documentsUnchanged = imported.unchanged.count
        return report
    }
}
