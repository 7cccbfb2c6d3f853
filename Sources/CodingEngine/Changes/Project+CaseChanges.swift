import GRDB

extension Project {
    // MARK: Cases

    /// Renames a case (its documents, attributes, memos and GUID stay).
    @discardableResult
    public func renameCase(_ old: String, to new: String, by who: String) throws -> ProjectChange {
        try change(by: who) { db, recorder in
            let (id, name) = try Self.existingCase(db, old)
            let newName = try Self.checkedName(new, kind: "case")
            if newName != name, try Self.caseID(db, named: newName) != nil {
                throw EngineError.nameTaken(kind: "case", name: newName, place: "in this project")
            }
            try recorder.touch(.cases, "id = ?", [id])
            try CaseWriter.rename(db, id: id, to: newName)
            let count = try Self.caseCodings(db, id)
            return HistoryEntry(
                operation: "rename", kind: .case, subject: name, subjectGUID: try Self.guid(db, "cases", id),
                before: name, after: newName, codings: count, detail: "renamed the case \(name) to \(newName)")
        }
    }

    /// Merges the case `source` into `target`: its documents, memos and cell
    /// summaries move there; its attributes that `target` lacks are added (where both
    /// have one, the target's value is kept and the detail says so); `source` goes.
    @discardableResult
    public func mergeCase(_ source: String, into target: String, by who: String) throws -> ProjectChange {
        try change(by: who) { db, recorder in
            let (sourceID, sourceName) = try Self.existingCase(db, source)
            let (targetID, targetName) = try Self.existingCase(db, target)
            guard sourceID != targetID else {
                throw EngineError.badAttribute("cannot merge the case \(sourceName) into itself; name another case")
            }
            try recorder.touch(.documents, "case_id = ?", [sourceID])
            let documents =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents WHERE case_id = ?", arguments: [sourceID])
                ?? 0
            let count = try Self.caseCodings(db, sourceID)
            try DocumentWriter.moveAll(db, fromCase: sourceID, toCase: targetID)
            // Attributes.
            try recorder.touch(.case_attributes, "case_id IN (?, ?)", [sourceID, targetID])
            let theirs = try Row.fetchAll(
                db, sql: "SELECT key, type, value FROM case_attributes WHERE case_id = ? ORDER BY position",
                arguments: [sourceID])
            var kept: [String] = []
            var position =
                (try Int.fetchOne(
                    db, sql: "SELECT MAX(position) FROM case_attributes WHERE case_id = ?", arguments: [targetID]) ?? -1)
                + 1
            for row in theirs {
                let key: String = row["key"]
                if let mine = try Row.fetchOne(
                    db, sql: "SELECT value FROM case_attributes WHERE case_id = ? AND key = ?",
                    arguments: [targetID, key])
                {
                    let value: String = mine["value"]
                    if value != row["value"] as String {
                        kept.append("\(key) = \(value) (\(sourceName) had \(row["value"] as String))")
                    }
                } else {
                    try recorder.added(.case_attributes, key: [targetID, key])
                    try CaseWriter.addAttribute(
                        db, caseID: targetID, key: key, type: row["type"], value: row["value"], position: position)
                    position += 1
                }
            }
            try recorder.touch(.memos, "target = 'case' AND target_id = ?", [sourceID])
            try MemoWriter.move(db, on: "case", from: sourceID, to: targetID)
            try Self.moveCellSummaries(db, of: .case, from: sourceID, into: targetID, recorder: recorder)
            try recorder.touch(.cases, "id = ?", [sourceID])
            try CaseWriter.remove(db, id: sourceID)
            let detail =
                "merged the case \(sourceName) into \(targetName): \(documents) document\(documents == 1 ? "" : "s") moved"
                + (kept.isEmpty ? "" : "; kept \(targetName)'s " + kept.joined(separator: ", "))
            return HistoryEntry(
                operation: "merge", kind: .case, subject: sourceName, subjectGUID: try Self.guid(db, "cases", targetID),
                before: sourceName, after: targetName, codings: count, detail: detail)
        }
    }

    // MARK: Documents

    /// Renames a document (its text, codings, memos and GUID stay).
    @discardableResult
    public func renameDocument(_ old: String, to new: String, by who: String) throws -> ProjectChange {
        try change(by: who) { db, recorder in
            let (id, name) = try Self.existingDocument(db, old)
            let newName = try Self.checkedName(new, kind: "document")
            if newName != name,
                try Bool.fetchOne(db, sql: "SELECT 1 FROM documents WHERE name = ?", arguments: [newName]) ?? false
            {
                throw EngineError.nameTaken(kind: "document", name: newName, place: "in this project")
            }
            try recorder.touch(.documents, "id = ?", [id])
            try DocumentWriter.rename(db, id: id, to: newName)
            // Coders who were reading it reopen it under its new name.
            try recorder.touch(.project_info, "key LIKE 'position/%' AND value LIKE ?", ["%\u{1F}" + name])
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM project_info WHERE key LIKE 'position/%'") {
                let value: String = row["value"]
                guard let separator = value.firstIndex(of: "\u{1F}"), value[value.index(after: separator)...] == name
                else { continue }
                try ProjectInfo.set(db, row["key"], to: String(value[...separator]) + newName)
            }
            let count =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM codings WHERE document_id = ?", arguments: [id]) ?? 0
            return HistoryEntry(
                operation: "rename", kind: .document, subject: name, subjectGUID: try Self.guid(db, "documents", id),
                before: name, after: newName, codings: count, detail: "renamed the document \(name) to \(newName)")
        }
    }

    /// Moves a document to the case `caseName` (created when there is none).
    @discardableResult
    public func moveDocument(_ name: String, toCase caseName: String, by who: String) throws -> ProjectChange {
        try change(by: who) { db, recorder in
            let (id, documentName) = try Self.existingDocument(db, name)
            let from =
                try String.fetchOne(
                    db, sql: "SELECT c.name FROM cases c JOIN documents d ON d.case_id = c.id WHERE d.id = ?",
                    arguments: [id]) ?? "?"
            let target = try Self.checkedName(caseName, kind: "case")
            var created = false
            let caseID: Int64
            if let existing = try Self.caseID(db, named: target) {
                caseID = existing
            } else {
                caseID = try Self.caseID(db, making: target, now: Timestamp.now())
                try recorder.added(.cases, key: [caseID])
                created = true
            }
            try recorder.touch(.documents, "id = ?", [id])
            try DocumentWriter.move(db, id: id, toCase: caseID)
            let count =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM codings WHERE document_id = ?", arguments: [id]) ?? 0
            return HistoryEntry(
                operation: "move", kind: .document, subject: documentName,
                subjectGUID: try Self.guid(db, "documents", id),
                before: from, after: target, codings: count,
                detail:
                    "moved the document \(documentName) from the case \(from) to \(created ? "the new case " : "")\(target)"
            )
        }
    }

    /// Removes a document with its turns, properties, codings and memos.
    @discardableResult
    public func removeDocument(_ name: String, by who: String) throws -> ProjectChange {
        try change(by: who) { db, recorder in
            let (id, documentName) = try Self.existingDocument(db, name)
            let guid = try Self.guid(db, "documents", id)
            let codings =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM codings WHERE document_id = ?", arguments: [id]) ?? 0
            let memos =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM memos WHERE target = 'document' AND target_id = ?", arguments: [id])
                ?? 0
            let memoed =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM codings WHERE document_id = ? AND memo IS NOT NULL", arguments: [id])
                ?? 0
            try recorder.touch(.codings, "document_id = ?", [id])
            try recorder.touch(.settlements, "document_id = ?", [id])
            try recorder.touch(.memos, "target = 'document' AND target_id = ?", [id])
            try recorder.touch(.turns, "document_id = ?", [id])
            try recorder.touch(.document_properties, "document_id = ?", [id])
            try recorder.touch(.documents, "id = ?", [id])
            try MemoWriter.remove(db, on: "document", ids: [id])
            try DocumentWriter.remove(db, id: id)
            let memoCount = memos + memoed
            return HistoryEntry(
                operation: "remove", kind: .document, subject: documentName, subjectGUID: guid, before: documentName,
                codings: codings,
                detail:
                    "removed the document \(documentName) with \(Self.codings(codings)) and \(memoCount) memo\(memoCount == 1 ? "" : "s")"
            )
        }
    }

    // MARK: Lookups

    static func existingCase(_ db: Database, _ raw: String) throws -> (Int64, String) {
        let name = Name.normalized(Name.trimmed(raw))
        guard let id = try caseID(db, named: name) else { throw EngineError.unknownCase(name) }
        return (id, name)
    }

    static func existingDocument(_ db: Database, _ raw: String) throws -> (Int64, String) {
        let name = Name.normalized(Name.trimmed(raw))
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE name = ?", arguments: [name]) else {
            throw EngineError.unknownDocument(name)
        }
        return (id, name)
    }

    static func caseCodings(_ db: Database, _ caseID: Int64) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM codings k JOIN documents d ON d.id = k.document_id WHERE d.case_id = ?",
            arguments: [caseID]) ?? 0
    }

    static func guid(_ db: Database, _ table: String, _ id: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT guid FROM \(table) WHERE id = ?", arguments: [id])
    }
}
