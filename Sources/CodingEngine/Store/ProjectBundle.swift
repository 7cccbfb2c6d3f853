import GRDB

/// Everything an exchange format brings into a project at once: codes, coders,
/// cases, documents, codings and memos. `Project.store(_:)` writes it in one
/// transaction, so a failed import leaves the project as it was.
public struct ProjectBundle: Sendable {
    /// Codes by path, parents before children.
    public var codes: [(path: String, definition: CodeDefinition)] = []
    public var coders: [String] = []
    /// Cases with their attributes.
    public var cases: [(name: String, attributes: [CaseAttribute], guid: String?)] = []
    public var transcripts: [Transcript] = []
    public var codings: [NewCoding] = []
    /// Memos with their target and author.
    public var memos: [(target: Memo.Target, text: String, coder: String?, guid: String?)] = []
    /// The history of the codebook, cases and documents the file carries.
    public var history: [HistoryEntry] = []
    /// Saved coding queries; a name already saved here keeps its query.
    public var queries: [SavedQuery] = []
    /// Decisions settling disputed stretches; one already here (by GUID) is left.
    public var settlements: [Settlement] = []

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
    public var queriesAdded = 0
    public var settlementsAdded = 0

    public init() {}
}

extension Project {
    /// Stores a bundle in one transaction: codes missing here are added (existing ones
    /// kept), documents as `store(_ transcripts:)` does, codings not already here,
    /// memos whose text is not already on their target.
    @discardableResult
    public func store(_ bundle: ProjectBundle) throws -> BundleReport {
        var whole = WholeBundle(bundle)
        return try store(streaming: &whole)
    }

    /// Stores a bundle that comes in pieces, as `store(_:)` stores a whole one, in one
    /// transaction: each document's codings are written as the document comes, so
    /// the stream may still be reading the later ones. A piece that throws leaves
    /// the project as it was.
    @discardableResult
    public func store<Stream: BundleStream>(streaming stream: inout Stream) throws -> BundleReport {
        var report = BundleReport()
        // The file's code paths → the paths here (a code matched by GUID may be named otherwise here).
        var pathHere: [String: String] = [:]
        var many: CodingWriter.Many?
        var codings: [NewCoding] = []
        func add(_ coding: NewCoding) throws {
            var coding = coding
            coding.code = pathHere[coding.code] ?? coding.code
            // The writer is made in `within`, before any document or coding comes.
            if try many?.writer.add(coding, existing: .skip) != nil {
                report.codingsAdded += 1
            } else {
                report.codingsAlreadyHere += 1
            }
        }
        let imported = try store(
            count: stream.expectedDocuments,
            next: {
                guard let next = try stream.nextDocument() else { return nil }
                codings = next.codings
                return next.transcript
            }, showing: "storing documents and their codings",
            within: { db in
                let bundle = try stream.opening()
                var codebook = try Self.loadCodebook(db)
                for (path, definition) in bundle.codes {
                    let (here, added) = try Self.matchingCode(
                        db, path: path, definition, mapped: pathHere, to: &codebook)
                    pathHere[path] = here.path
                    if added { report.codesAdded += 1 }
                }
                for coder in bundle.coders { _ = try Self.coderID(db, named: coder) }
                report.coders = bundle.coders.count
                let now = Timestamp.now()
                for (name, attributes, guid) in bundle.cases {
                    let id = try Self.caseID(db, making: name, now: now, guid: try GUID.unused(guid, in: "cases", db))
                    try CaseWriter.setAttributes(db, caseID: id, attributes)
                }
                report.cases = bundle.cases.count
                many = try CodingWriter.Many(db)
            },
            each: { _, _ in
                for coding in codings { try add(coding) }
                codings = []
            },
            then: { db in
                let bundle = try stream.closing()
                if !bundle.codings.isEmpty {
                    let progress = WorkProgress("storing codings", total: bundle.codings.count)
                    for coding in bundle.codings {
                        try add(coding)
                        progress.advance()
                    }
                }
                try many?.finish()
                try Self.keepHistory(bundle.history, db)
                for query in bundle.queries
                where try
                    !(Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM queries WHERE name = ?)", arguments: [query.name])
                    ?? false)
                {
                    try QueryWriter.add(
                        db, name: query.name, expression: query.expression, who: query.who, created: query.updatedAt,
                        guid: try GUID.unused(query.guid.isEmpty ? nil : query.guid, in: "queries", db) ?? GUID.random()
                    )
                    report.queriesAdded += 1
                }
                for memo in bundle.memos {
                    var target = memo.target
                    if case .code(let path) = target { target = .code(pathHere[path] ?? path) }
                    if try MemoWriter.add(
                        db, on: try Self.memoTarget(db, target), text: memo.text, coder: memo.coder,
                        unlessPresent: true,
                        guid: try GUID.unused(memo.guid, in: "memos", db)) != nil
                    {
                        report.memos += 1
                    }
                }
                // Decisions on documents and codes here (others are left out).
                var writer = try CodingWriter(db)
                for settlement in bundle.settlements {
                    var mapped = settlement
                    mapped.code = pathHere[settlement.code] ?? settlement.code
                    guard
                        try
                            (Bool.fetchOne(
                                db, sql: "SELECT EXISTS (SELECT 1 FROM documents WHERE name = ?)",
                                arguments: [mapped.document]) ?? false),
                        writer.codebook.code(storedPath: mapped.code) != nil
                    else { continue }
                    if try SettlementWriter.add(db, mapped, codings: &writer) { report.settlementsAdded += 1 }
                }
            })
        report.documentsAdded = imported.imported.count
        report.documentsUnchanged = imported.unchanged.count
        return report
    }
}
