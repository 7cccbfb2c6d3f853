import Foundation
import GRDB

/// What `merge` brought in from another project.
public struct MergeReport: Equatable, Sendable {
    /// Documents matched by the sha256 of their text: (name there, name here).
    public var matched: [String] = []
    /// Documents of the other project not merged: their text is not in this project.
    public var unmatched: [String] = []
    public var codesAdded: [String] = []
    public var codersAdded: [String] = []
    public var codingsAdded = 0
    /// Codings already here (same document, range, code and coder).
    public var codingsAlreadyHere = 0
    public var memosAdded = 0
    /// Decisions settling disputed stretches brought in (those already here, by GUID, left).
    public var settlementsAdded = 0
}

extension Project {
    /// Brings in another project's codings with their coders, memos and any new
    /// codes, in one transaction. Documents are matched by the sha256 of their stored
    /// text (a document whose text differs is reported, never merged), codes by path;
    /// merging the same file twice changes nothing. The other project is only read
    /// (from a snapshot): its file is left exactly as it was.
    @discardableResult
    public func merge(from otherPath: String) throws -> MergeReport {
        if let path, FileKind.sameFile(path, otherPath) {
            throw EngineError.badAttribute(
                "\(otherPath) is this project (the same file); merge another coder's project file")
        }
        let other = try Project.snapshot(of: otherPath)
        defer { try? other.close() }
        let theirCodebook = try other.codebook()
        let theirDocuments = try other.documents()
        let theirCodings = try other.codings(CodingFilter(), includeText: false)
        // Whether each was made blind, by GUID, as the other project recorded it.
        let theirIndependence = try other.read { db in
            Dictionary(
                try Row.fetchAll(db, sql: "SELECT guid, independent FROM codings WHERE guid IS NOT NULL").map {
                    ($0["guid"] as String, $0["independent"] as Bool?)
                }, uniquingKeysWith: { first, _ in first })
        }
        let theirCoders = try other.coders()
        let theirSettlements = try other.settlements()
        var theirMemos: [(Memo.Target, Memo)] = []
        for memo in try other.memos(on: .project) { theirMemos.append((.project, memo)) }
        for item in try other.cases() {
            for memo in try other.memos(on: .case(item.name)) { theirMemos.append((.case(item.name), memo)) }
        }
        for document in theirDocuments {
            for memo in try other.memos(on: .document(document.name)) {
                theirMemos.append((.document(document.name), memo))
            }
        }
        for code in theirCodebook.codes {
            for memo in try other.memos(on: .code(code.path)) { theirMemos.append((.code(code.path), memo)) }
        }

        return try write { db in
            var report = MergeReport()
            // Documents by text.
            var nameHere: [String: String] = [:]
            for document in theirDocuments {
                if let here = try String.fetchOne(
                    db, sql: "SELECT name FROM documents WHERE sha256 = ? ORDER BY id LIMIT 1",
                    arguments: [document.sha256])
                {
                    nameHere[document.name] = here
                    report.matched.append(document.name)
                } else {
                    report.unmatched.append(document.name)
                }
            }
            // Codes by path, parents first (the codebook is in tree order).
            var codebook = try Self.loadCodebook(db)
            var pathHere: [String: String] = [:]
            for code in theirCodebook.codes {
                let definition = CodeDefinition(
                    name: code.name, description: code.description, color: code.color,
                    hotkey: code.hotkey, codable: code.codable, guid: code.guid)
                let (here, added) = try Self.matchingCode(
                    db, path: code.path, definition, mapped: pathHere, to: &codebook)
                pathHere[code.path] = here.path
                if added { report.codesAdded.append(here.path) }
            }
            let codersBefore = Set(try String.fetchAll(db, sql: "SELECT name FROM coders"))
            report.codersAdded = theirCoders.filter { !codersBefore.contains($0) }
            for coder in report.codersAdded { _ = try Self.coderID(db, named: coder) }
            // Codings: of documents matched, and codes codable here.
            var writer = try CodingWriter(db, codebook: codebook)
            let progress = WorkProgress("merging codings", total: theirCodings.count)
            for coding in theirCodings {
                defer { progress.advance() }
                guard let document = nameHere[coding.document],
                    let code = pathHere[coding.code].flatMap({ codebook.code(storedPath: $0) }),
                    code.codable
                else { continue }
                var mapped = NewCoding(
                    document: document, range: coding.range, code: code.path, coder: coding.coder, memo: coding.memo,
                    guid: coding.guid)
                mapped.independence = .recorded(theirIndependence[coding.guid] ?? nil)
                if try writer.add(mapped, existing: .skip, created: coding.createdAt, updated: coding.updatedAt) != nil
                {
                    report.codingsAdded += 1
                } else {
                    report.codingsAlreadyHere += 1
                }
            }
            // Memos whose target is here, unless the same text is already there.
            for (target, memo) in theirMemos {
                let mapped: (String, Int64?)?
                switch target {
                case .project: mapped = ("project", nil)
                case .case(let name):
                    mapped = try Int64.fetchOne(db, sql: "SELECT id FROM cases WHERE name = ?", arguments: [name]).map {
                        ("case", $0)
                    }
                case .document(let name):
                    mapped = try nameHere[name].flatMap {
                        try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE name = ?", arguments: [$0])
                    }.map { ("document", $0) }
                case .code(let path):
                    mapped = pathHere[path].flatMap { codebook.code(storedPath: $0) }.map { ("code", $0.id) }
                }
                guard let (kind, id) = mapped else { continue }
                guard
                    try MemoWriter.add(
                        db, on: (kind, id), text: memo.text, coder: memo.coder, created: memo.createdAt,
                        updated: memo.updatedAt, unlessPresent: true) != nil
                else { continue }
                report.memosAdded += 1
            }
            // Decisions on documents matched and codes here, with the consensus codings they keep.
            for settlement in theirSettlements {
                guard let document = nameHere[settlement.document], let code = pathHere[settlement.code] else {
                    continue
                }
                var mapped = settlement
                mapped.document = document
                mapped.code = code
                if try SettlementWriter.add(db, mapped, codings: &writer) { report.settlementsAdded += 1 }
            }
            return report
        }
    }
}

extension Project {
    /// The code here for another file's code at `path`: the one with its GUID, else
    /// the one at its path (below the code here for its parent, as `mapped` gives the
    /// parents already seen), else a new one added there, its hotkey only when no
    /// other code has it. `codebook` (the project's) is kept current.
    static func matchingCode(
        _ db: Database, path: String, _ definition: CodeDefinition, mapped: [String: String],
        to codebook: inout Codebook
    ) throws -> (code: Code, added: Bool) {
        if let guid = definition.guid.flatMap(GUID.normalized), let code = codebook.code(guid: guid) {
            return (code, false)
        }
        let parts = path.split(separator: "/").map(String.init)
        let theirParent = parts.dropLast().joined(separator: "/")
        let parentPath = theirParent.isEmpty ? "" : (mapped[theirParent] ?? theirParent)
        let herePath = parentPath.isEmpty ? definition.name : parentPath + "/" + definition.name
        if let code = codebook.code(storedPath: herePath) { return (code, false) }
        return (try addCode(db, path: herePath, definition, to: &codebook), true)
    }

    /// Adds the code at `path` under its (existing) parent unless `codebook` (the
    /// project's, kept current by this call) has it; its hotkey only when no other
    /// code has it. Returns whether it was added.
    static func addMissingCode(_ db: Database, path: String, _ definition: CodeDefinition, to codebook: inout Codebook)
        throws -> Bool
    {
        guard codebook.code(storedPath: path) == nil else { return false }
        try addCode(db, path: path, definition, to: &codebook)
        return true
    }

    @discardableResult
    private static func addCode(_ db: Database, path: String, _ definition: CodeDefinition, to codebook: inout Codebook)
        throws -> Code
    {
        let parentPath = path.split(separator: "/").dropLast().joined(separator: "/")
        let parent = parentPath.isEmpty ? nil : codebook.code(storedPath: parentPath)
        if !parentPath.isEmpty, parent == nil { throw EngineError.unknownCode(parentPath) }
        // What comes from another file is checked as a codebook file is: a colour that
        // is not #rrggbb becomes grey, a hotkey that is not a free key is dropped.
        let hotkey = definition.hotkey.flatMap {
            Hotkey.problem($0) == nil && codebook.code(hotkey: $0) == nil ? $0 : nil
        }
        let color = CodebookFile.normalizedColor(definition.color) ?? CodebookFile.fallbackColor
        var checked = definition
        checked.hotkey = hotkey
        checked.color = color
        return try CodeWriter.add(db, checked, below: parent, to: &codebook)
    }
}
