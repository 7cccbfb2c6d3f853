import GRDB

/// The one way decisions settling disputed stretches are written and removed, inside
/// a transaction: the review in the workbench, `settle`, merges and REFI-QDA imports
/// all go through it. A decision and the consensus codings it keeps are written
/// together, and removed together.
enum SettlementWriter {
    /// Writes `settlement` and its consensus codings (those already there are left
    /// as they are). Refuses an unknown document or code, a folder, a range outside
    /// the document, coders that are not two different names and a consensus coder
    /// who is one of them. Returns false when a decision with its GUID is there
    /// already (nothing written).
    @discardableResult
    static func add(_ db: Database, _ settlement: Settlement, codings writer: inout CodingWriter) throws -> Bool {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM settlements WHERE guid = ?", arguments: [settlement.guid]) ?? false
        {
            return false
        }
        let coders = try CoderList.checked(settlement.coders)
        guard coders.count == 2 else { throw EngineError.tooFewCoders }
        let consensus = Name.trimmed(settlement.consensus)
        guard !consensus.isEmpty else { throw EngineError.noCoder }
        if coders.contains(consensus) { throw EngineError.repeatedCoder(consensus) }
        guard
            let document = try Row.fetchOne(
                db, sql: "SELECT id, length FROM documents WHERE name = ?", arguments: [settlement.document])
        else {
            throw EngineError.unknownDocument(settlement.document)
        }
        guard
            let code = writer.codebook.code(storedPath: settlement.code) ?? writer.codebook.code(path: settlement.code)
        else {
            throw EngineError.unknownCode(settlement.code)
        }
        guard code.codable else { throw EngineError.codeNotCodable(code.path) }
        let range = settlement.range, length: Int = document["length"]
        guard range.start >= 0, range.end <= length, range.end > range.start else {
            throw EngineError.rangeOutsideDocument(
                document: settlement.document, start: range.start, end: range.end, length: length)
        }
        for coding in settlement.codings {
            var coding = coding
            coding.coder = consensus
            _ = try writer.add(coding, existing: .skip)
        }
        try SettlementRow(
            guid: settlement.guid, documentID: document["id"], codeID: code.id, start: range.start, end: range.end,
            firstCoder: coders[0],
            secondCoder: coders[1], consensusCoder: consensus, decision: settlement.decision.rawValue,
            ranges: encode(settlement.ranges), why: settlement.why, who: Name.trimmed(settlement.who), at: settlement.at
        ).insert(db)
        return true
    }

    /// Removes the decision with `settlement`'s GUID and the consensus codings it
    /// wrote (those still there). Returns false when the decision was not there.
    @discardableResult
    static func remove(_ db: Database, _ settlement: Settlement, codebook: Codebook) throws -> Bool {
        try db.execute(sql: "DELETE FROM settlements WHERE guid = ?", arguments: [settlement.guid])
        guard db.changesCount > 0 else { return false }
        guard let code = codebook.code(storedPath: settlement.code) ?? codebook.code(path: settlement.code) else {
            return true
        }
        for range in settlement.ranges {
            try CodingWriter.remove(
                db, document: settlement.document, coder: Name.trimmed(settlement.consensus), code: code.id,
                range: range)
        }
        return true
    }

    /// Sets (or clears) why a decision was taken.
    /// Makes the decisions on code `source`'s disputes stand for code `target` (codes merged).
    static func recode(_ db: Database, from source: Int64, to target: Int64) throws {
        try db.execute(sql: "UPDATE settlements SET code_id = ? WHERE code_id = ?", arguments: [target, source])
    }

    static func setWhy(_ db: Database, guid: String, to why: String?) throws {
        let text = why.map(Name.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        try db.execute(sql: "UPDATE settlements SET why = ? WHERE guid = ?", arguments: [text, guid])
    }

    /// Every decision the condition selects, oldest first.
    static func fetch(_ db: Database, where condition: String = "1", _ arguments: StatementArguments = []) throws
        -> [Settlement]
    {
        let codebook = try Project.loadCodebook(db)
        return try Row.fetchAll(
            db,
            sql: """
                SELECT s.*, d.name AS document FROM settlements s JOIN documents d ON d.id = s.document_id
                WHERE \(condition) ORDER BY s.at, s.id
                """, arguments: arguments
        ).compactMap { row in
            let stored = try SettlementRow(row: row)
            guard let code = codebook.code(id: stored.codeID),
                let decision = Settlement.Decision(rawValue: stored.decision)
            else { return nil }
            return Settlement(
                guid: stored.guid, document: row["document"], code: code.path, range: stored.range,
                coders: [stored.firstCoder, stored.secondCoder], consensus: stored.consensusCoder, decision: decision,
                why: stored.why, who: stored.who, at: stored.at, ranges: decode(stored.ranges))
        }
    }

    /// Ranges as stored: "start-end,start-end".
    static func encode(_ ranges: [TextRange]) -> String {
        ranges.map { "\($0.start)-\($0.end)" }.joined(separator: ",")
    }

    static func decode(_ text: String) -> [TextRange] {
        text.split(separator: ",").compactMap { part in
            let bounds = part.split(separator: "-")
            guard bounds.count == 2, let start = Int(bounds[0]), let end = Int(bounds[1]), start >= 0, end > start
            else { return nil }
            return TextRange(start, end)
        }
    }
}
