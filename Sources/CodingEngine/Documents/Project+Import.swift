import Foundation
import GRDB

/// What an import did, document by document.
public struct ImportReport: Equatable, Sendable {
    /// Documents new to the project, with their case.
    public var imported: [(name: String, caseName: String, turns: Int, length: Int)] = []
    /// Documents already in the project with the same text: nothing was done.
    public var unchanged: [String] = []

    public static func == (a: ImportReport, b: ImportReport) -> Bool {
        a.imported.map(\.name) == b.imported.map(\.name) && a.unchanged == b.unchanged
    }
}

extension Project {
    /// Reads every transcript under `paths` and stores them in one transaction.
    ///
    /// Files are read on the other cores while those already read are stored, all in
    /// one transaction: any problem with any file throws and nothing is committed, so
    /// the project is as it was. A document whose name and text (sha256) are already in the project
    /// is left alone and reported unchanged; the same name with other text is an error.
    @discardableResult
    public func importTranscripts(_ paths: [String], caseName: String? = nil) throws -> ImportReport {
        try importTranscripts(paths, caseName: caseName, extensions: Transcript.extensions) {
            try Transcript.read(path: $0, caseName: $1)
        }
    }

    /// The same with other file formats: `reader` turns a path (and the `--case`
    /// given) into a transcript; folders are searched for `extensions`.
    @discardableResult
    public func importTranscripts(
        _ paths: [String], caseName: String?, extensions: Set<String>,
        reader: @escaping @Sendable (String, String?) throws -> Transcript
    ) throws -> ImportReport {
        let files = try Transcript.files(in: paths, extensions: extensions)
        // Files are read on the other cores while those already read are stored.
        let reading = TranscriptReading(files, caseName: caseName, reader: reader)
        defer { reading.stop() }
        return try store(
            count: reading.count, next: reading.next, showing: "importing transcripts", within: { _ in },
            each: { _, _ in }, then: { _ in })
    }

    /// Stores already-read transcripts in one transaction.
    @discardableResult
    public func store(_ transcripts: [Transcript]) throws -> ImportReport {
        try store(transcripts, within: { _ in }, then: { _ in })
    }

    /// Stores transcripts in one transaction, running `before` and `after` in the same
    /// transaction (an exchange import adds codes and cases before, codings after).
    func store(
        _ transcripts: [Transcript], within before: (Database) throws -> Void,
        then after: (Database) throws -> Void
    ) throws -> ImportReport {
        var remaining = transcripts.makeIterator()
        return try store(
            count: transcripts.count, next: { remaining.next() }, showing: "storing documents", within: before,
            each: { _, _ in }, then: after)
    }

    /// Stores `count` transcripts (an estimate, for progress), taken one at a time from
    /// `next` (which may still be reading the later ones), in one transaction: a
    /// problem with any of them, or two with one name, leaves the project as it was.
    /// `each` runs after each document is stored or found already here (an exchange
    /// import stores its codings). Progress is shown as `what`.
    func store(
        count: Int, next: () throws -> Transcript?, showing what: String, within before: (Database) throws -> Void,
        each: (Database, Transcript) throws -> Void, then after: (Database) throws -> Void
    ) throws -> ImportReport {
        let now = Timestamp.now()
        return try bulkInsert { db in
            try before(db)
            var report = ImportReport()
            let documents = try DocumentWriter(db)
            let progress = WorkProgress(what, total: count)
            var seen: [String: String] = [:]
            var attributesSet: [Int64: [CaseAttribute]] = [:]
            while let transcript = try next() {
                defer { progress.advance() }
                if let first = seen[transcript.name] {
                    throw EngineError.duplicateDocumentInImport(
                        name: transcript.name, first: first, second: transcript.sourcePath)
                }
                seen[transcript.name] = transcript.sourcePath
                if let sha = try String.fetchOne(
                    db.cachedStatement(sql: "SELECT sha256 FROM documents WHERE name = ?"), arguments: [transcript.name]
                ) {
                    guard sha == transcript.sha256 else {
                        throw EngineError.documentTextChanged(name: transcript.name, path: transcript.sourcePath)
                    }
                    report.unchanged.append(transcript.name)
                    try each(db, transcript)
                    continue
                }
                let caseID = try Self.caseID(db, making: transcript.caseName, now: now)
                // The interviews of one firm repeat its attributes: each set is written once.
                if attributesSet[caseID] != transcript.frontMatter.caseAttributes {
                    try CaseWriter.setAttributes(db, caseID: caseID, transcript.frontMatter.caseAttributes)
                    attributesSet[caseID] = transcript.frontMatter.caseAttributes
                }
                _ = try documents.add(transcript, caseID: caseID, at: now)
                report.imported.append(
                    (transcript.name, transcript.caseName, transcript.turns.count, transcript.length))
                try each(db, transcript)
            }
            try after(db)
            return report
        }
    }

    /// The id of the case `raw` names, if there is one.
    static func caseID(_ db: Database, named raw: String) throws -> Int64? {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM cases WHERE name = ?"), arguments: [Name.normalized(raw)])
    }

    /// The id of the case `raw` names, made (at `now`, with `guid`) when there is none.
    static func caseID(_ db: Database, making raw: String, now: String, guid: String? = nil) throws -> Int64 {
        if let id = try caseID(db, named: raw) { return id }
        return try CaseWriter.add(db, name: raw, at: now, guid: guid)
    }
}
