import Foundation
import GRDB

/// A file project's work since its last sync, written into its team project within
/// one write (one server transaction): each record the file changed is added, changed
/// or removed there by its GUID through the table's one writer, unless the server
/// changed it too, when the server's version is kept and the file's is reported (and,
/// for a code or a memo, kept beside it). Records are matched by GUID, never by id:
/// ids differ between copies.
struct OfflineWork {
    let db: Database
    let path: String
    let who: String
    let base: [SyncPoint.Kind: [String: String]]
    let here: [SyncPoint.Kind: [String: String]]
    let there: [SyncPoint.Kind: [String: String]]
    /// What the file holds beyond fingerprints: its codebook in tree order, its
    /// decisions and history entries by key.
    let fileCodebook: Codebook
    let fileSettlements: [String: Settlement]
    let fileHistory: [String: HistoryEntry]
    /// The file's document names → their GUIDs.
    let fileDocuments: [String: String]
    var report = SyncReport()
    /// The file's code GUIDs → the server's, where they differ (a code added on both sides).
    private var sameCode: [String: String] = [:]
    /// Records the server cannot take, in words (their document or code is gone there).
    private var refused: [String] = []

    init(
        _ db: Database, path: String, who: String, base: SyncPoint, here: [SyncPoint.Kind: [String: String]],
        file: (
            codebook: Codebook, settlements: [String: Settlement], history: [String: HistoryEntry],
            documents: [String: String]
        )
    ) throws {
        self.db = db
        self.path = path
        self.who = who
        self.base = base.prints
        self.here = here
        there = try SyncPoint.prints(db)
        fileCodebook = file.codebook
        fileSettlements = file.settlements
        fileHistory = file.history
        fileDocuments = file.documents
    }

    /// What to do with one record the file changed.
    private enum Decision { case alreadyThere, send, bothChanged }

    private func decide(_ kind: SyncPoint.Kind, _ key: String) -> Decision {
        let mine = here[kind]?[key], theirs = there[kind]?[key]
        if mine == theirs { return .alreadyThere }
        return theirs == base[kind]?[key] ? .send : .bothChanged
    }

    /// The keys of `kind` the file added, changed or removed since the last sync, in a
    /// steady order.
    private func changedInFile(_ kind: SyncPoint.Kind) -> [String] {
        let mine = here[kind] ?? [:], old = base[kind] ?? [:]
        return Set(mine.keys).union(old.keys).filter { mine[$0] != old[$0] }.sorted()
    }

    private static func fields(_ print: String?) -> [Any] {
        guard let print, let data = print.data(using: .utf8),
            let array = try? JSONSerialization.jsonObject(with: data) as? [Any]
        else { return [] }
        return array
    }

    private static func text(_ fields: [Any], _ index: Int) -> String? {
        index < fields.count ? fields[index] as? String : nil
    }

    private static func int(_ fields: [Any], _ index: Int) -> Int? {
        index < fields.count ? (fields[index] as? NSNumber)?.intValue : nil
    }

    /// Brings in everything, in the order references need: codes, then what refers to
    /// them, then the codes the file removed.
    mutating func bringIn() throws {
        try refuseDocumentsAndCases()
        try codes()
        try codings()
        try memos()
        try doneMarks()
        try settlements()
        try queries()
        try summaries()
        try history()
        try removedCodes()
        guard refused.isEmpty else {
            throw EngineError.cannotSync(
                path: path,
                reason: "the team project no longer has what some of the file's work is on: "
                    + refused.prefix(5).joined(separator: "; ")
                    + (refused.count > 5 ? "; and \(refused.count - 5) more" : "")
                    + ". Remove that work from the file, or ask a lead to bring back what it is on")
        }
    }

    /// Documents and cases are a lead's, made on the team project: one changed in the
    /// file stops the sync before anything is written.
    private func refuseDocumentsAndCases() throws {
        var names: [String] = []
        for kind in [SyncPoint.Kind.document, .case] {
            for key in changedInFile(kind) where decide(kind, key) != .alreadyThere {
                let name = Self.text(Self.fields(here[kind]?[key] ?? base[kind]?[key]), 0) ?? key
                names.append("\(kind.singular) \(name)")
            }
        }
        guard names.isEmpty else {
            throw EngineError.cannotSync(
                path: path,
                reason: "documents and cases were changed in the file since it was pulled ("
                    + names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
                    + "); a sync brings codings, memos, the codebook, done marks, decisions, saved queries and summaries. Make those changes on the team project itself (with --project), or bring the file in with `intertwine merge`"
            )
        }
    }

    // MARK: Codes

    private func codebook() throws -> Codebook { try Project.loadCodebook(db) }

    /// The server's code for one of the file's code GUIDs.
    private func serverCode(_ guid: String?, in codebook: Codebook) -> Code? {
        guard let guid else { return nil }
        return codebook.code(guid: sameCode[guid] ?? guid)
    }

    private mutating func codes() throws {
        var codebook = try codebook()
        let changed = Set(changedInFile(.code))
        for code in fileCodebook.codes where changed.contains(code.guid) {
            let fields = Self.fields(here[.code]?[code.guid])
            let name = Self.text(fields, 0) ?? code.name, parentGUID = Self.text(fields, 1)
            let definition = CodeDefinition(
                name: name, description: Self.text(fields, 2) ?? "", color: Self.text(fields, 3) ?? code.color,
                hotkey: Self.text(fields, 4), codable: Self.int(fields, 5) != 0, guid: code.guid)
            let parent = serverCode(parentGUID, in: codebook)
            let place = parent.map { "in \($0.path)" } ?? "at the top of the codebook"
            switch decide(.code, code.guid) {
            case .alreadyThere: continue
            case .bothChanged:
                if let theirs = codebook.code(guid: code.guid) {
                    report.bothChanged.append(
                        "code \(theirs.path): changed in the file (to \(code.path)) and on the server; the server's kept, the file's kept as a memo on it"
                    )
                    try MemoWriter.add(
                        db, on: ("code", theirs.id),
                        text:
                            "Changed offline in \(path) (\(code.path)): \(describe(definition)). The server's version was kept by a sync.",
                        coder: who)
                } else {
                    report.bothChanged.append(
                        "code \(code.path): changed in the file, removed on the server; not brought back")
                }
            case .send:
                if let theirs = codebook.code(guid: code.guid) {
                    try change(theirs, to: definition, below: parent, place: place, in: &codebook)
                    report.up.changed[.code, default: 0] += 1
                } else if let same = codebook.children(of: parent?.id).first(where: { $0.name == name }) {
                    // Added on both sides under one name: one code, the server's.
                    sameCode[code.guid] = same.guid
                    report.bothChanged.append(
                        "code \(same.path): added in the file and on the server; the server's kept")
                } else {
                    var checked = definition
                    checked.hotkey = definition.hotkey.flatMap { codebook.code(hotkey: $0) == nil ? $0 : nil }
                    try CodeWriter.add(db, checked, below: parent, guid: code.guid, to: &codebook)
                    report.up.added[.code, default: 0] += 1
                }
            }
            codebook = try self.codebook()
        }
    }

    private func describe(_ definition: CodeDefinition) -> String {
        var parts = ["name \(definition.name)", "colour \(definition.color)"]
        if let hotkey = definition.hotkey { parts.append("hotkey \(hotkey)") }
        if !definition.codable { parts.append("a folder") }
        if !definition.description.isEmpty { parts.append("description “\(definition.description)”") }
        return parts.joined(separator: ", ")
    }

    /// Gives the server's code the file's name, place and definition; a name its new
    /// siblings have already, or a hotkey another code has, stays the server's.
    private mutating func change(
        _ theirs: Code, to definition: CodeDefinition, below parent: Code?, place: String,
        in codebook: inout Codebook
    ) throws {
        if theirs.parentID != parent?.id || theirs.name != definition.name {
            if codebook.children(of: parent?.id).contains(where: { $0.name == definition.name && $0.id != theirs.id }) {
                report.bothChanged.append(
                    "code \(theirs.path): renamed or moved in the file to \(definition.name) \(place), where the server has a code of that name; left where it is"
                )
            } else {
                if theirs.parentID != parent?.id {
                    try CodeWriter.move(
                        db, id: theirs.id, below: parent?.id, position: codebook.childCount(of: parent?.id))
                }
                if theirs.name != definition.name { try CodeWriter.rename(db, id: theirs.id, to: definition.name) }
            }
        }
        let hotkey = definition.hotkey.flatMap { key in
            codebook.code(hotkey: key).map { $0.id == theirs.id } ?? true ? key : nil
        }
        try CodeWriter.set(
            db, id: theirs.id, color: definition.color, hotkey: hotkey, description: definition.description,
            codable: definition.codable)
    }

    /// Codes the file removed: removed on the server too, unless someone coded with
    /// them there since.
    private mutating func removedCodes() throws {
        for guid in changedInFile(.code) where here[.code]?[guid] == nil {
            let codebook = try codebook()
            guard let theirs = codebook.code(guid: guid) else { continue }
            guard decide(.code, guid) == .send else {
                report.bothChanged.append("code \(theirs.path): removed in the file, changed on the server; kept")
                continue
            }
            let ids = [theirs.id] + codebook.subtree(of: theirs.id).map(\.id).filter { $0 != theirs.id }
            let list = ids.map(String.init).joined(separator: ", ")
            let coded = try Int.fetchOne(db, sql: "SELECT count(*) FROM codings WHERE code_id IN (\(list))") ?? 0
            guard coded == 0 else {
                report.bothChanged.append(
                    "code \(theirs.path): removed in the file, but the server has \(Words.count(coded, "coding")) with it; kept"
                )
                continue
            }
            try MemoWriter.remove(db, on: "code", ids: ids)
            try CodeWriter.remove(db, id: theirs.id)
            report.up.removed[.code, default: 0] += 1
        }
    }

    // MARK: Codings and memos

    private func id(in table: String, guid: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM \(table) WHERE guid = ?", arguments: [guid])
    }

    private func documentName(guid: String?) throws -> String? {
        guard let guid else { return nil }
        return try String.fetchOne(db, sql: "SELECT name FROM documents WHERE guid = ?", arguments: [guid])
    }

    private mutating func codings() throws {
        var writer = try CodingWriter(db)
        for guid in changedInFile(.coding) {
            let fields = Self.fields(here[.coding]?[guid])
            switch decide(.coding, guid) {
            case .alreadyThere: continue
            case .bothChanged:
                report.bothChanged.append(
                    "a coding of \(try documentName(guid: Self.text(Self.fields(there[.coding]?[guid] ?? base[.coding]?[guid]), 0)) ?? "a document") (\(guid)): changed in the file and on the server; the server's kept"
                )
            case .send:
                let existing = try id(in: "codings", guid: guid)
                if let existing { try CodingWriter.remove(db, id: existing) }
                guard !fields.isEmpty else {
                    report.up.removed[.coding, default: 0] += 1
                    continue
                }
                guard let document = try documentName(guid: Self.text(fields, 0)) else {
                    refused.append("a coding (\(guid)): its document is gone")
                    continue
                }
                guard let code = serverCode(Self.text(fields, 3), in: writer.codebook) else {
                    refused.append("a coding of \(document) (\(guid)): its code is gone")
                    continue
                }
                var coding = NewCoding(
                    document: document,
                    range: TextRange(Self.int(fields, 1) ?? 0, Self.int(fields, 2) ?? 0), code: code.path,
                    coder: Self.text(fields, 4) ?? who, memo: Self.text(fields, 5), guid: guid)
                coding.independence = NewCoding.Independence.recorded(Self.int(fields, 6).map { $0 != 0 })
                if writer.codebook.code(guid: code.guid) == nil { writer = try CodingWriter(db) }
                _ = try writer.add(
                    coding, existing: .skip, created: Self.text(fields, 7), updated: Self.text(fields, 8))
                if existing != nil {
                    report.up.changed[.coding, default: 0] += 1
                } else {
                    report.up.added[.coding, default: 0] += 1
                }
            }
        }
    }

    /// A memo's target on the server, by the kind and GUID the file names it by.
    private func memoTarget(_ kind: String, _ guid: String?) throws -> (kind: String, id: Int64?)? {
        switch kind {
        case "project": return ("project", nil)
        case "case": return try guid.flatMap { try id(in: "cases", guid: $0) }.map { ("case", $0) }
        case "document": return try guid.flatMap { try id(in: "documents", guid: $0) }.map { ("document", $0) }
        default: return try guid.flatMap { try id(in: "codes", guid: sameCode[$0] ?? $0) }.map { ("code", $0) }
        }
    }

    private mutating func memos() throws {
        for guid in changedInFile(.memo) {
            let fields = Self.fields(here[.memo]?[guid])
            let decision = decide(.memo, guid)
            if decision == .alreadyThere { continue }
            if decision == .bothChanged {
                guard !fields.isEmpty, let target = try memoTarget(Self.text(fields, 0) ?? "", Self.text(fields, 1))
                else {
                    report.bothChanged.append("a memo (\(guid)): changed on the server, removed in the file; kept")
                    continue
                }
                try MemoWriter.add(
                    db, on: target, text: Self.text(fields, 3) ?? "", coder: Self.text(fields, 2),
                    created: Self.text(fields, 4), updated: Self.text(fields, 5))
                report.bothChanged.append(
                    "a memo on a \(target.kind) (\(guid)): changed in the file and on the server; the server's kept, the file's added beside it"
                )
                report.up.added[.memo, default: 0] += 1
                continue
            }
            let existing = try id(in: "memos", guid: guid)
            if let existing { try MemoWriter.remove(db, id: existing) }
            guard !fields.isEmpty else {
                report.up.removed[.memo, default: 0] += 1
                continue
            }
            guard let target = try memoTarget(Self.text(fields, 0) ?? "", Self.text(fields, 1)) else {
                refused.append("a memo (\(guid)): what it is on is gone")
                continue
            }
            try MemoWriter.add(
                db, on: target, text: Self.text(fields, 3) ?? "", coder: Self.text(fields, 2),
                created: Self.text(fields, 4), updated: Self.text(fields, 5), guid: guid)
            if existing != nil {
                report.up.changed[.memo, default: 0] += 1
            } else {
                report.up.added[.memo, default: 0] += 1
            }
        }
    }

    // MARK: Marks, decisions, queries, summaries, history

    private mutating func doneMarks() throws {
        for key in changedInFile(.done) where decide(.done, key) == .send {
            let fields = Self.fields(key)
            guard let coder = Self.text(fields, 0),
                let document = try id(in: "documents", guid: Self.text(fields, 1) ?? "")
            else { continue }
            let mark = Records.DocumentDone(
                coderID: try Project.coderID(db, named: coder), documentID: document,
                doneAt: here[.done]?[key] ?? Timestamp.now())
            if here[.done]?[key] != nil {
                try mark.insert(db)
                report.up.added[.done, default: 0] += 1
            } else {
                _ = try mark.delete(db)
                report.up.removed[.done, default: 0] += 1
            }
        }
    }

    private mutating func settlements() throws {
        var writer = try CodingWriter(db)
        for guid in changedInFile(.settlement) where decide(.settlement, guid) != .alreadyThere {
            guard decide(.settlement, guid) == .send else {
                report.bothChanged.append(
                    "a settling decision (\(guid)): changed in the file and on the server; the server's kept")
                continue
            }
            if here[.settlement]?[guid] == nil {
                // Removed in the file: the server's, as the file last saw it, goes.
                if let theirs = try SettlementWriter.fetch(db, where: "s.guid = ?", [guid]).first {
                    try SettlementWriter.remove(db, theirs, codebook: writer.codebook)
                    report.up.removed[.settlement, default: 0] += 1
                }
                continue
            }
            guard let settlement = fileSettlements[guid] else { continue }
            if base[.settlement]?[guid] != nil {
                try SettlementWriter.setWhy(db, guid: guid, to: settlement.why)
                report.up.changed[.settlement, default: 0] += 1
                continue
            }
            var mapped = settlement
            guard let document = try documentName(guid: fileDocuments[settlement.document]),
                let code = fileCodebook.code(storedPath: settlement.code).flatMap({
                    serverCode($0.guid, in: writer.codebook)
                })
            else {
                refused.append(
                    "a settling decision on \(settlement.document), \(settlement.code): its document or code is gone")
                continue
            }
            mapped.document = document
            mapped.code = code.path
            writer = try CodingWriter(db)
            if try SettlementWriter.add(db, mapped, codings: &writer) { report.up.added[.settlement, default: 0] += 1 }
        }
    }

    private mutating func queries() throws {
        for guid in changedInFile(.query) {
            switch decide(.query, guid) {
            case .alreadyThere: continue
            case .bothChanged:
                report.bothChanged.append(
                    "a saved query (\(guid)): changed in the file and on the server; the server's kept")
            case .send:
                let name = try String.fetchOne(db, sql: "SELECT name FROM queries WHERE guid = ?", arguments: [guid])
                if let name { try QueryWriter.remove(db, name: name) }
                let fields = Self.fields(here[.query]?[guid])
                guard let queryName = Self.text(fields, 0) else {
                    report.up.removed[.query, default: 0] += 1
                    continue
                }
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM queries WHERE name = ?", arguments: [queryName]) ?? false {
                    report.bothChanged.append(
                        "saved query \(queryName): made in the file and on the server; the server's kept")
                    continue
                }
                try QueryWriter.add(
                    db, name: queryName, expression: Self.text(fields, 1) ?? "", who: Self.text(fields, 2) ?? who,
                    created: Self.text(fields, 3) ?? Timestamp.now(), guid: guid)
                if name == nil {
                    report.up.added[.query, default: 0] += 1
                } else {
                    report.up.changed[.query, default: 0] += 1
                }
            }
        }
    }

    private mutating func summaries() throws {
        for key in changedInFile(.summary) {
            let decision = decide(.summary, key)
            if decision == .alreadyThere { continue }
            let cell = Self.fields(key)
            guard let caseID = try id(in: "cases", guid: Self.text(cell, 0) ?? ""),
                let codeID = try id(in: "codes", guid: Self.text(cell, 1).map { sameCode[$0] ?? $0 } ?? "")
            else {
                refused.append("a cell summary: its case or code is gone")
                continue
            }
            guard decision == .send else {
                report.bothChanged.append("a cell summary: changed in the file and on the server; the server's kept")
                continue
            }
            let fields = Self.fields(here[.summary]?[key])
            let coder = try Self.text(fields, 1).map { try Project.coderID(db, named: $0) }
            try CellSummaryWriter.set(
                db, caseID: caseID, codeID: codeID, to: Self.text(fields, 0), coder: coder,
                at: Self.text(fields, 2) ?? Timestamp.now())
            let counts: WritableKeyPath<SyncMoves, [SyncPoint.Kind: Int]> =
                fields.isEmpty ? \.removed : base[.summary]?[key] == nil ? \.added : \.changed
            report.up[keyPath: counts][.summary, default: 0] += 1
        }
    }

    /// The history is only added to: the file's new entries go up as they were.
    private mutating func history() throws {
        let entries = changedInFile(.history).filter { here[.history]?[$0] != nil }.compactMap { fileHistory[$0] }
        try Project.keepHistory(entries, db)
        if !entries.isEmpty { report.up.added[.history, default: 0] += entries.count }
    }
}
