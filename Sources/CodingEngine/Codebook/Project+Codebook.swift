import GRDB

/// What importing a codebook into a project changed.
public struct CodebookMergeReport: Equatable, Sendable {
    /// Paths of codes new to the project.
    public var added: [String] = []
    /// Paths of codes whose description, colour, hotkey or order changed.
    public var updated: [String] = []
    /// Hotkeys taken from one code and given to another, as `key: from -> to`.
    public var movedHotkeys: [String] = []
    /// Codes already in the project that the file does not name (kept, with their codings).
    public var kept: Int = 0
}

extension Project {
    /// The codebook in tree order.
    public func codebook() throws -> Codebook {
        try read { db in try Self.loadCodebook(db) }
    }

    static func loadCodebook(_ db: Database) throws -> Codebook {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, parent_id, name, position, description, color, hotkey, codable, guid
                FROM codes ORDER BY position, id
                """)
        var children: [Int64?: [Row]] = [:]
        for row in rows { children[row["parent_id"] as Int64?, default: []].append(row) }
        var codes: [Code] = []
        codes.reserveCapacity(rows.count)
        // Preorder without recursion: the depth of a tree is data. Codes below the
        // depth limit (only a damaged or crafted file has them) are not read.
        var pending: [(row: Row, parent: Int64?, prefix: String, depth: Int)] =
            (children[nil] ?? []).reversed().map { ($0, nil, "", 0) }
        while let (row, parent, prefix, depth) = pending.popLast() {
            let name: String = row["name"]
            let path = prefix.isEmpty ? name : prefix + "/" + name
            let id: Int64 = row["id"]
            codes.append(
                Code(
                    id: id, parentID: parent, name: name, path: path, position: row["position"],
                    description: row["description"], color: row["color"], hotkey: row["hotkey"],
                    codable: row["codable"], depth: depth, guid: row["guid"] ?? ""))
            guard depth + 1 <= Codebook.maximumDepth else { continue }
            pending.append(contentsOf: (children[id] ?? []).reversed().map { ($0, id, path, depth + 1) })
        }
        return Codebook(codes: codes)
    }

    /// Imports a codebook, merging by path: new codes are added, codes the file
    /// names are updated (description, colour, hotkey, order), codes it does not name
    /// are kept, and every coding stays on its code. A hotkey the file gives to a code
    /// is taken from any other code that had it. One transaction.
    @discardableResult
    public func importCodebook(_ file: CodebookFile) throws -> CodebookMergeReport {
        try writeCodebook(file, replacing: false)
    }

    @discardableResult
    func writeCodebook(_ file: CodebookFile, replacing: Bool) throws -> CodebookMergeReport {
        try write { db in
            var report = CodebookMergeReport()
            if replacing { try CodeWriter.removeAll(db) }
            var existing = try Self.loadCodebook(db)
            let named = Set(file.flattened().lazy.map { $0.path.lowercased() })
            report.kept = existing.codes.filter { !named.contains($0.path.lowercased()) }.count
            let entries = file.flattened()
            // Hotkeys move to the codes the file gives them to.
            for entry in entries {
                guard let key = entry.definition.hotkey, let holder = existing.code(hotkey: key),
                    holder.path.lowercased() != entry.path.lowercased()
                else { continue }
                try CodeWriter.clearHotkey(db, id: holder.id)
                existing.removeHotkey(key)
                report.movedHotkeys.append("\(key): \(holder.path) -> \(entry.path)")
            }
            for entry in entries {
                let definition = entry.definition
                if let code = existing.code(path: entry.path) {
                    if code.codable, !definition.codable {
                        let count =
                            try Int.fetchOne(
                                db, sql: "SELECT COUNT(*) FROM codings WHERE code_id = ?", arguments: [code.id]) ?? 0
                        if count > 0 {
                            throw EngineError.invalidFile(
                                file: file.name, line: definition.line,
                                problem: "\(code.path) has \(count) codings and cannot become a folder (codable: false)"
                            )
                        }
                    }
                    let changed =
                        code.description != definition.description || code.color != definition.color
                        || code.hotkey != definition.hotkey || code.position != entry.position
                        || code.codable != definition.codable
                    if changed {
                        try CodeWriter.set(db, id: code.id, definition, position: entry.position)
                        report.updated.append(code.path)
                    }
                } else {
                    let parent = entry.parentPath.flatMap { existing.code(path: $0) }
                    try CodeWriter.add(db, definition, below: parent, position: entry.position, to: &existing)
                    report.added.append(entry.path)
                }
            }
            try ProjectInfo.set(db, "codebook", to: file.name)
            return report
        }
    }

    /// The codebook as a file: for `codebook --format yaml` and for copying a codebook
    /// from one project to another.
    public func codebookFile() throws -> CodebookFile {
        let codebook = try codebook()
        let name = try info("codebook") ?? "Codebook"
        func definitions(_ parent: Int64?) -> [CodeDefinition] {
            codebook.children(of: parent).map {
                CodeDefinition(
                    name: $0.name, description: $0.description, color: $0.color, hotkey: $0.hotkey,
                    codable: $0.codable, children: definitions($0.id))
            }
        }
        return CodebookFile(name: name, codes: definitions(nil))
    }
}

extension Project {
    /// Adds one code at `path` below an existing folder or code (or at the top), with
    /// a colour from the palette unless given. One transaction.
    @discardableResult
    public func addCode(path: String, color: String? = nil, description: String = "") throws -> Code {
        let parts = Codebook.normalizedPath(path).split(separator: "/").map(String.init)
        guard let name = parts.last, !name.isEmpty else { throw EngineError.unknownCode(path) }
        return try write { db in
            var codebook = try Self.loadCodebook(db)
            if let existing = codebook.code(path: path) { return existing }
            let parentPath = parts.dropLast().joined(separator: "/")
            let parent = parentPath.isEmpty ? nil : codebook.code(path: parentPath)
            if !parentPath.isEmpty, parent == nil { throw EngineError.unknownCode(parentPath) }
            let colour = color ?? CodebookFile.unusedColour(Set(codebook.codes.map(\.color)))
            return try CodeWriter.add(
                db, CodeDefinition(name: name, description: description, color: colour), below: parent, to: &codebook)
        }
    }
}
