import GRDB

/// What `codebook set` changes about a code; nil fields are left as they are.
public struct CodeSettings: Equatable, Sendable {
    public var color: String?
    /// `.some(nil)` takes the hotkey off.
    public var hotkey: String??
    public var description: String?
    public var codable: Bool?

    public init(color: String? = nil, hotkey: String?? = nil, description: String? = nil, codable: Bool? = nil) {
        self.color = color
        self.hotkey = hotkey
        self.description = description
        self.codable = codable
    }
}

extension Project {
    // MARK: Adding

    /// Adds the code at `path`, creating the folders above it that are missing (as
    /// folders: not codable). Refused when the code is there already. With `coding`
    /// (its code is the new path), the passage is coded with it in the same change:
    /// undoing it removes both.
    @discardableResult
    public func addCode(
        _ path: String, settings: CodeSettings = CodeSettings(), coding: NewCoding? = nil, by who: String
    ) throws -> ProjectChange {
        try change(by: who) { db, recorder in
            var codebook = try Self.loadCodebook(db)
            let parts = try Self.checkedPath(path)
            if let existing = codebook.code(path: parts.joined(separator: "/")) {
                throw EngineError.nameTaken(
                    kind: "code", name: existing.name, place: Self.place(of: existing.parentID, codebook))
            }
            let (code, created) = try Self.addPath(db, parts, settings: settings, recorder: recorder, to: &codebook)
            let folders = created.dropLast()
            var coded = 0
            if var coding {
                coding.code = code.path
                var writer = try CodingWriter(db, codebook: codebook)
                if let id = try writer.add(coding, existing: .refuse) { try recorder.added(.codings, key: [id]) }
                coded = 1
            }
            return HistoryEntry(
                operation: "add", kind: .code, subject: code.path, subjectGUID: code.guid, after: code.path,
                codings: coded,
                detail: "added \(code.path)"
                    + (folders.isEmpty
                        ? "" : " (with the folder\(folders.count == 1 ? "" : "s") \(folders.joined(separator: ", ")))")
                    + (coded > 0 ? " and coded the passage with it" : ""))
        }
    }

    /// Adds the codes of `parts` that are missing: folders above, the code last.
    /// Returns the code and the paths created.
    static func addPath(
        _ db: Database, _ parts: [String], settings: CodeSettings, recorder: ChangeRecorder,
        to codebook: inout Codebook
    ) throws -> (Code, [String]) {
        guard parts.count <= Codebook.maximumDepth + 1 else {
            throw EngineError.tooDeep(path: parts.joined(separator: "/"))
        }
        guard !parts.isEmpty else { throw EngineError.emptyName(kind: "code") }
        var parent: Code?
        var created: [String] = []
        for (index, name) in parts.enumerated() {
            let path = (parent.map { $0.path + "/" } ?? "") + name
            if let existing = codebook.code(path: path) { parent = existing; continue }
            let last = index == parts.count - 1
            let colour = last ? (settings.color ?? Self.nextColour(codebook)) : Self.nextColour(codebook)
            if let hotkey = last ? (settings.hotkey ?? nil) : nil { try checkHotkey(hotkey, for: nil, codebook) }
            let definition = CodeDefinition(
                name: name, description: last ? settings.description ?? "" : "", color: colour,
                hotkey: last ? (settings.hotkey ?? nil) : nil, codable: last ? settings.codable ?? true : false)
            let code = try CodeWriter.add(db, definition, below: parent, to: &codebook)
            try recorder.added(.codes, key: [code.id])
            created.append(code.path)
            parent = code
        }
        guard let code = parent else { throw EngineError.emptyName(kind: "code") }
        return (code, created)
    }

    // MARK: Renaming and moving

    /// Renames the code at `path` (its place in the tree, codings and GUID stay).
    @discardableResult
    public func renameCode(_ path: String, to newName: String, by who: String) throws -> ProjectChange {
        try change(by: who) { db, recorder in
            let codebook = try Self.loadCodebook(db)
            let code = try Self.code(path, codebook)
            let name = try Self.checkedName(newName, kind: "code")
            try Self.checkFree(name, under: code.parentID, except: code.id, codebook)
            try recorder.touch(.codes, "id = ?", [code.id])
            try CodeWriter.rename(db, id: code.id, to: name)
            let newPath = (code.parentID.flatMap { codebook.code(id: $0)?.path }.map { $0 + "/" } ?? "") + name
            let count = try Self.codingCount(db, codebook.subtree(of: code.id))
            return HistoryEntry(
                operation: "rename", kind: .code, subject: code.path, subjectGUID: code.guid, before: code.path,
                after: newPath, codings: count, detail: "renamed \(code.path) to \(newPath)")
        }
    }

    /// Moves the code at `path` (with the codes below it) into `folder`; nil or "/"
    /// for the top level. It goes after the folder's codes.
    @discardableResult
    public func moveCode(_ path: String, to folder: String?, by who: String) throws -> ProjectChange {
        try change(by: who) { db, recorder in
            let codebook = try Self.loadCodebook(db)
            let code = try Self.code(path, codebook)
            // nil or "/" is the top level; an empty name is a mistake, never the top level.
            if let folder, Name.trimmed(folder).isEmpty { throw EngineError.emptyFolder }
            let target = try folder.flatMap { Codebook.normalizedPath($0).isEmpty ? nil : try Self.code($0, codebook) }
            if let target, target.id == code.id || target.path.lowercased().hasPrefix(code.path.lowercased() + "/") {
                throw EngineError.moveIntoItself(path: code.path, target: target.path)
            }
            try Self.checkFree(code.name, under: target?.id, except: code.id, codebook)
            let subtree = codebook.subtree(of: code.id)
            let deepest = subtree.map(\.depth).max() ?? code.depth
            if deepest - code.depth + (target.map { $0.depth + 1 } ?? 0) > Codebook.maximumDepth {
                throw EngineError.tooDeep(path: (target.map { $0.path + "/" } ?? "") + code.name)
            }
            try recorder.touch(.codes, "id = ?", [code.id])
            try CodeWriter.move(db, id: code.id, below: target?.id, position: Self.nextPosition(db, under: target?.id))
            let newPath = (target.map { $0.path + "/" } ?? "") + code.name
            let count = try Self.codingCount(db, subtree)
            return HistoryEntry(
                operation: "move", kind: .code, subject: code.path, subjectGUID: code.guid, before: code.path,
                after: newPath, codings: count,
                detail: "moved \(code.path) to \(target?.path ?? "the top level") (now \(newPath))")
        }
    }

    // MARK: Merging

    /// Merges the codes at `sources` into `target`: every coding moves to it (where a
    /// coder then has the same passage twice, the two become one, memos joined), the
    /// sources' descriptions, memos and cell summaries are kept on it, the codes below
    /// a source move below the target, and the sources go. A target that is a folder
    /// is refused unless `makeCodable`.
    @discardableResult
    public func mergeCodes(_ sources: [String], into targetPath: String, makeCodable: Bool = false, by who: String)
        throws -> ProjectChange
    {
        try change(by: who) { db, recorder in
            var codebook = try Self.loadCodebook(db)
            let target = try Self.code(targetPath, codebook)
            var merged: [Code] = []
            for path in sources {
                let source = try Self.code(path, codebook)
                if source.id == target.id || target.path.lowercased().hasPrefix(source.path.lowercased() + "/") {
                    throw EngineError.mergeIntoItself(source.path)
                }
                if !merged.contains(where: { $0.id == source.id }) { merged.append(source) }
            }
            if !target.codable {
                guard makeCodable else { throw EngineError.mergeIntoFolder(target.path) }
            }
            try recorder.touch(.codes, "id = ?", [target.id])
            if !target.codable {
                try CodeWriter.makeCodable(db, id: target.id)
            }
            var moved = 0, joined = 0
            var description = target.description
            for source in merged {
                // The codes below the source move below the target.
                for child in codebook.children(of: source.id) {
                    try Self.checkFree(child.name, under: target.id, except: child.id, codebook)
                    try recorder.touch(.codes, "id = ?", [child.id])
                    try CodeWriter.move(
                        db, id: child.id, below: target.id, position: try Self.nextPosition(db, under: target.id))
                }
                let result = try Self.moveCodings(
                    db, where: "code_id = ?", [source.id], to: target.id, recorder: recorder)
                // Decisions on the source's disputes now stand for the target's.
                try recorder.touch(.settlements, "code_id = ?", [source.id])
                try SettlementWriter.recode(db, from: source.id, to: target.id)
                moved += result.moved
                joined += result.joined
                if !source.description.isEmpty, !description.contains(source.description) {
                    description += (description.isEmpty ? "" : "\n\n") + "(from \(source.path)) " + source.description
                }
                try recorder.touch(.memos, "target = 'code' AND target_id = ?", [source.id])
                try MemoWriter.move(db, on: "code", from: source.id, to: target.id)
                try Self.moveCellSummaries(db, of: .code, from: source.id, into: target.id, recorder: recorder)
                try recorder.touch(.codes, "id = ?", [source.id])
                try CodeWriter.remove(db, id: source.id)
                codebook = try Self.loadCodebook(db)
            }
            if description != target.description {
                try CodeWriter.setDescription(db, id: target.id, to: description)
            }
            let names = merged.map(\.path).joined(separator: ", ")
            return HistoryEntry(
                operation: "merge", kind: .code, subject: names, subjectGUID: target.guid, before: names,
                after: target.path, codings: moved,
                detail: "merged \(names) into \(target.path): \(Self.codings(moved)) moved"
                    + (joined > 0 ? ", \(joined) joined with the same passage already there" : ""))
        }
    }

    /// Moves the codings `condition` selects to the code `target`; where the coder has
    /// the same passage on `target` already, the two become one (memos joined, the
    /// earlier creation time kept). Returns how many moved and how many were joined.
    static func moveCodings(
        _ db: Database, where condition: String, _ arguments: StatementArguments, to target: Int64,
        recorder: ChangeRecorder
    ) throws -> (moved: Int, joined: Int) {
        try recorder.touch(.codings, condition, arguments)
        let moved =
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM codings WHERE " + condition, arguments: arguments) ?? 0
        // The same passage by the same coder on the target already: the two become one.
        let twins = try Row.fetchAll(
            db,
            sql: """
                SELECT s.id AS source, t.id AS twin, s.memo AS source_memo, t.memo AS twin_memo,
                       min(s.created_at, t.created_at) AS created
                FROM codings s JOIN codings t ON t.document_id = s.document_id AND t.coder_id = s.coder_id
                     AND t.start = s.start AND t."end" = s."end" AND t.code_id = ? AND t.id <> s.id
                WHERE s.id IN (SELECT id FROM codings WHERE \(condition))
                """, arguments: [target] + arguments)
        if !twins.isEmpty {
            try recorder.touch(.codings, "id IN (\(twins.map { String($0["twin"] as Int64) }.joined(separator: ", ")))")
        }
        let now = Timestamp.now()
        for row in twins {
            let memos = [row["twin_memo"] as String?, row["source_memo"] as String?].compactMap { $0 }.filter {
                !$0.isEmpty
            }
            let memo = memos.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(
                separator: "\n\n")
            try CodingWriter.remove(db, id: row["source"])
            try CodingWriter.setMemo(
                db, id: row["twin"], to: memo.isEmpty ? nil : memo, created: row["created"], at: now)
        }
        try CodingWriter.recode(db, where: condition, arguments, to: target, at: now)
        return (moved, twins.count)
    }

    // MARK: Deleting

    /// Deletes the code at `path` and the codes below it, with their memos and cell
    /// summaries. Refused while they have codings, unless `withCodings`.
    @discardableResult
    public func deleteCode(_ path: String, withCodings: Bool = false, by who: String) throws -> ProjectChange {
        try change(by: who) { db, recorder in
            let codebook = try Self.loadCodebook(db)
            let code = try Self.code(path, codebook)
            let subtree = codebook.subtree(of: code.id)
            let ids = subtree.map(\.id)
            let count = try Self.codingCount(db, subtree)
            if count > 0, !withCodings { throw EngineError.codeHasCodings(path: code.path, count: count) }
            let list = "(" + ids.map(String.init).joined(separator: ", ") + ")"
            try recorder.touch(.codings, "code_id IN \(list)")
            try recorder.touch(.settlements, "code_id IN \(list)")
            try recorder.touch(.memos, "target = 'code' AND target_id IN \(list)")
            try recorder.touch(.cell_summaries, "code_id IN \(list)")
            try recorder.touch(.codes, "id IN \(list)")
            try CodingWriter.remove(db, codes: ids)
            try MemoWriter.remove(db, on: "code", ids: ids)
            try CodeWriter.remove(db, id: code.id)
            let below = subtree.count - 1
            return HistoryEntry(
                operation: "delete", kind: .code, subject: code.path, subjectGUID: code.guid, before: code.path,
                codings: count,
                detail: "deleted \(code.path)"
                    + (below > 0 ? " and the \(below) code\(below == 1 ? "" : "s") below it" : "")
                    + (count > 0 ? " with \(Self.codings(count))" : ""))
        }
    }

    // MARK: Settings

    /// Sets the colour, hotkey, description or codability of the code at `path`.
    @discardableResult
    public func setCode(_ path: String, _ settings: CodeSettings, by who: String) throws -> ProjectChange {
        try change(by: who) { db, recorder in
            let codebook = try Self.loadCodebook(db)
            let code = try Self.code(path, codebook)
            var updated = code
            var said: [String] = []
            if let raw = settings.color {
                guard let colour = CodebookFile.normalizedColor(raw) else { throw EngineError.badColor(raw) }
                updated.color = colour
                if colour != code.color { said.append("colour \(code.color) → \(colour)") }
            }
            if let hotkey = settings.hotkey {
                if let key = hotkey { try Self.checkHotkey(key, for: code, codebook) }
                updated.hotkey = hotkey
                if hotkey != code.hotkey { said.append("hotkey \(code.hotkey ?? "none") → \(hotkey ?? "none")") }
            }
            if let description = settings.description {
                updated.description = description
                if description != code.description { said.append("definition changed") }
            }
            if let codable = settings.codable {
                if !codable, code.codable {
                    let count =
                        try Int.fetchOne(
                            db, sql: "SELECT COUNT(*) FROM codings WHERE code_id = ?", arguments: [code.id]) ?? 0
                    if count > 0 { throw EngineError.folderWithCodings(path: code.path, count: count) }
                }
                updated.codable = codable
                if codable != code.codable { said.append(codable ? "now codable" : "now a folder") }
            }
            try recorder.touch(.codes, "id = ?", [code.id])
            try CodeWriter.set(
                db, id: code.id, color: updated.color, hotkey: updated.hotkey, description: updated.description,
                codable: updated.codable)
            return HistoryEntry(
                operation: "set", kind: .code, subject: code.path, subjectGUID: code.guid,
                before: Self.settingsText(code), after: Self.settingsText(updated),
                detail: "\(code.path): " + (said.isEmpty ? "nothing changed" : said.joined(separator: ", ")))
        }
    }

    // MARK: Recoding

    /// Moves the codings with `ids` to the code at `path` (where the coder has the
    /// same passage there already, the two become one, memos joined). With
    /// `creating`, a code missing at `path` is made first, in the same change.
    @discardableResult
    public func recode(_ ids: [Int64], to path: String, creating: Bool = false, by who: String) throws -> ProjectChange
    {
        try change(by: who) { db, recorder in
            var codebook = try Self.loadCodebook(db)
            if creating, codebook.code(path: path) == nil {
                _ = try Self.addPath(
                    db, try Self.checkedPath(path), settings: CodeSettings(), recorder: recorder, to: &codebook)
            }
            let target = try Self.code(path, codebook)
            guard target.codable else { throw EngineError.codeNotCodable(target.path) }
            // The ids looked up a few thousand at a time, in one pass: 60,000 ids that do
            // not exist are refused at once, not after one search each.
            var seen = Set<Int64>()
            let unique = ids.filter { seen.insert($0).inserted }
            var present = Set<Int64>()
            for start in stride(from: 0, to: unique.count, by: 5_000) {
                let chunk = unique[start..<min(start + 5_000, unique.count)]
                present.formUnion(
                    try Int64.fetchAll(
                        db, sql: "SELECT id FROM codings WHERE id IN (\(chunk.map(String.init).joined(separator: ",")))"
                    ))
            }
            if let missing = unique.first(where: { !present.contains($0) }) { throw EngineError.unknownCoding(missing) }
            let from = try Int64.fetchAll(
                db,
                sql:
                    "SELECT DISTINCT code_id FROM codings WHERE id IN (\(unique.map(String.init).joined(separator: ", ")))"
            )
            .compactMap { codebook.code(id: $0)?.path }
            let result = try Self.moveCodings(
                db, where: "id IN (\(unique.map(String.init).joined(separator: ", "))) AND code_id <> ?",
                [target.id], to: target.id, recorder: recorder)
            let list = from.joined(separator: ", ")
            return HistoryEntry(
                operation: "recode", kind: .coding, subject: list, subjectGUID: target.guid, before: list,
                after: target.path,
                codings: result.moved,
                detail: "recoded \(Self.codings(result.moved)) from \(list) to \(target.path)"
                    + (result.joined > 0 ? " (\(result.joined) joined with the same passage already there)" : ""))
        }
    }

    // MARK: Checks

    /// A name as stored: trimmed, NFC; refused when empty or holding "/".
    static func checkedName(_ raw: String, kind: String) throws -> String {
        let name = Name.normalized(Name.trimmed(raw))
        guard Name.isVisible(name) else { throw EngineError.emptyName(kind: kind) }
        guard !name.contains("/") else { throw EngineError.slashInName(kind: kind, name: name) }
        return name
    }

    /// A path's parts, each checked as a name (a path names folders with "/").
    static func checkedPath(_ raw: String) throws -> [String] {
        let parts = raw.split(separator: "/", omittingEmptySubsequences: true).map { Name.normalized(Name.trimmed($0)) }
            .filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw EngineError.emptyName(kind: "code") }
        guard parts.allSatisfy(Name.isVisible) else { throw EngineError.emptyName(kind: "code") }
        return parts
    }

    static func code(_ path: String, _ codebook: Codebook) throws -> Code {
        guard let code = codebook.code(path: path) else { throw EngineError.unknownCode(path) }
        return code
    }

    /// Refuses `name` when a sibling below `parent` other than `except` has it (without regard to case).
    static func checkFree(_ name: String, under parent: Int64?, except: Int64?, _ codebook: Codebook) throws {
        if codebook.children(of: parent).contains(where: {
            $0.id != except && $0.name.lowercased() == name.lowercased()
        }) {
            throw EngineError.nameTaken(kind: "code", name: name, place: place(of: parent, codebook))
        }
    }

    static func place(of parent: Int64?, _ codebook: Codebook) -> String {
        parent.flatMap { codebook.code(id: $0)?.path }.map { "in \($0)" } ?? "at the top level"
    }

    static func checkHotkey(_ key: String, for code: Code?, _ codebook: Codebook) throws {
        if let problem = Hotkey.problem(key) { throw EngineError.badHotkey(problem) }
        if let holder = codebook.code(hotkey: key), holder.id != code?.id {
            throw EngineError.hotkeyTaken(key: key, holder: holder.path)
        }
    }

    static func codingCount(_ db: Database, _ codes: [Code]) throws -> Int {
        guard !codes.isEmpty else { return 0 }
        return try Int.fetchOne(
            db,
            sql:
                "SELECT COUNT(*) FROM codings WHERE code_id IN (\(codes.map { String($0.id) }.joined(separator: ", ")))"
        ) ?? 0
    }

    static func nextPosition(_ db: Database, under parent: Int64?) throws -> Int {
        (try Int.fetchOne(db, sql: "SELECT MAX(position) FROM codes WHERE parent_id IS ?", arguments: [parent]) ?? -1)
            + 1
    }

    static func nextColour(_ codebook: Codebook) -> String {
        CodebookFile.unusedColour(Set(codebook.codes.map(\.color)))
    }

    static func settingsText(_ code: Code) -> String {
        "colour \(code.color), hotkey \(code.hotkey ?? "none"), \(code.codable ? "codable" : "folder"), definition: \(code.description)"
    }

    static func codings(_ count: Int) -> String { "\(count) coding\(count == 1 ? "" : "s")" }
}
