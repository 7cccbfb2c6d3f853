import GRDB

extension Project {
    /// Writes a decision on a disputed stretch and the consensus codings it keeps, in
    /// one transaction (see `Settlement`). Writing the same decision (its GUID) again
    /// changes nothing.
    public func record(_ settlement: Settlement) throws {
        try write { db in
            var codings = try CodingWriter(db)
            try SettlementWriter.add(db, settlement, codings: &codings)
        }
    }

    /// Removes a decision and the consensus codings it wrote (undoing it), in one
    /// transaction.
    public func remove(_ settlement: Settlement) throws {
        try write { db in
            _ = try SettlementWriter.remove(db, settlement, codebook: try Self.loadCodebook(db))
        }
    }

    /// Sets (or, with nil or empty text, clears) why a decision was taken.
    public func setWhy(of settlement: Settlement, to why: String?) throws {
        try write { db in try SettlementWriter.setWhy(db, guid: settlement.guid, to: why) }
    }

    public func consensusCoders() throws -> Set<String> {
        try read { db in
            let noted =
                try String.fetchOne(db, sql: "SELECT value FROM project_info WHERE key = 'consensus_coders'") ?? ""
            let settling = try String.fetchAll(db, sql: "SELECT DISTINCT consensus_coder FROM settlements")
            return Set(["consensus"] + noted.split(separator: "\n").map(String.init) + settling)
        }
    }

    /// Notes that `name` holds a consensus (a consensus was written as them), so that
    /// later runs know their codings are the consensus's, not their own.
    func noteConsensusCoder(_ name: String) throws {
        let known = try consensusCoders()
        guard !known.contains(name) else { return }
        let noted = try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM project_info WHERE key = 'consensus_coders'") ?? ""
        }
        try setInfo("consensus_coders", noted.isEmpty ? name : noted + "\n" + name)
    }

    /// The overlap rule a consensus was built with: the lowest share of their union
    /// that near-identical codings had in common to count as agreed in a run that
    /// wrote them (nil: only identical codings were counted as agreed).
    public func consensusOverlap(consensus: String = "consensus") throws -> Double? {
        try info("consensus_overlap:" + Name.trimmed(consensus)).flatMap(Double.init)
    }

    /// Notes the overlap rule of a consensus run that wrote near-identical codings'
    /// common part (the most lenient kept: codings written by it stay).
    func noteConsensusOverlap(_ share: Double, consensus: String) throws {
        if let earlier = try consensusOverlap(consensus: consensus), earlier <= share { return }
        try setInfo("consensus_overlap:" + consensus, String(share))
    }

    public func settlements(coders: [String] = [], consensus: String? = nil) throws -> [Settlement] {
        try read { db in
            var clauses: [String] = []
            var arguments = StatementArguments()
            if coders.count == 2 {
                clauses.append(
                    "((s.first_coder = ? AND s.second_coder = ?) OR (s.first_coder = ? AND s.second_coder = ?))")
                arguments += [coders[0], coders[1], coders[1], coders[0]]
            }
            if let consensus {
                clauses.append("s.consensus_coder = ?")
                arguments += [Name.trimmed(consensus)]
            }
            return try SettlementWriter.fetch(
                db, where: clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments
            )
            .map { $0.ordered(coders) }
        }
    }

    /// Settles the disputed stretch of `code` in `document` that contains `offset`,
    /// between `coders` (in that order), keeping `decision`, as `consensus`; one
    /// transaction. Refused when no disputed stretch contains the offset, or when the
    /// stretch is settled already (say which way).
    @discardableResult
    public func settle(
        coders: [String], document: String, code: String, at offset: Int, keep decision: Settlement.Decision,
        as consensus: String = "consensus", why: String? = nil, by who: String, allDocuments: Bool = false
    ) throws -> Settlement {
        let stretch = try disputedStretch(
            coders: coders, document: document, code: code, at: offset, consensus: consensus,
            allDocuments: allDocuments)
        let ledger = try ConsensusRecord(self, coders: coders, consensus: consensus)
        if let settled = ledger.howSettled(stretch.stretch) {
            throw EngineError.alreadySettled(stretch: stretch.describe, how: settled)
        }
        let settlement = Settlement(
            stretch.stretch, coders: coders, decision: decision, consensus: Name.trimmed(consensus), why: why, by: who)
        try record(settlement)
        return settlement
    }

    /// Undoes the decision on the disputed stretch containing `offset`: the decision
    /// and the consensus codings it wrote go. Returns what was removed.
    @discardableResult
    public func unsettle(
        coders: [String], document: String, code: String, at offset: Int, as consensus: String = "consensus",
        allDocuments: Bool = false
    ) throws -> Settlement {
        let stretch = try disputedStretch(
            coders: coders, document: document, code: code, at: offset, consensus: consensus,
            allDocuments: allDocuments)
        let ledger = try ConsensusRecord(self, coders: coders, consensus: consensus)
        guard let decision = ledger.decision(on: stretch.stretch) else {
            throw EngineError.notSettled(stretch: stretch.describe, how: ledger.howSettled(stretch.stretch))
        }
        try remove(decision)
        return decision
    }

    /// The stretch where `coders` disagree on `code` in `document` containing `offset`.
    private func disputedStretch(
        coders: [String], document: String, code: String, at offset: Int,
        consensus: String, allDocuments: Bool
    ) throws -> (stretch: Disagreement, describe: String) {
        let names = try CoderList.checked(coders)
        guard names.count == 2 else { throw EngineError.tooFewCoders }
        let consensusName = Name.trimmed(consensus)
        guard !consensusName.isEmpty else { throw EngineError.noCoder }
        if names.contains(consensusName) { throw EngineError.repeatedCoder(consensusName) }
        let known = try coderNames().values
        for name in names where !known.contains(name) { throw EngineError.unknownCoder(name, known: known.sorted()) }
        let doc = try self.document(named: document)
        guard let found = try codebook().code(path: code) else { throw EngineError.unknownCode(code) }
        guard found.codable else { throw EngineError.codeNotCodable(found.path) }
        let path = found.path
        guard offset >= 0, offset < doc.text.length else {
            throw EngineError.rangeOutsideDocument(
                document: doc.name, start: offset, end: offset + 1, length: doc.text.length)
        }
        let compared = try Disagreement.compare(
            self, coders: names, codes: [path], documents: [doc.name], allDocuments: allDocuments)
        if let left = compared.leftOut.first {
            throw EngineError.badAttribute(
                "\(doc.name) is not compared: \(left.reason) (agreement compares only the documents both coders coded); "
                    + "pass --all-documents to compare it. Nothing was changed")
        }
        let stretches = compared.stretches.filter { $0.code == path && $0.document == doc.name }
        guard let found = stretches.first(where: { $0.range.contains(offset) }), found.kind != .exact else {
            let disputed = stretches.filter { $0.kind != .exact }.sorted { $0.range < $1.range }
            let nearest = disputed.min { abs($0.range.start - offset) < abs($1.range.start - offset) }
            let within = stretches.first(where: { $0.range.contains(offset) }) != nil
            throw EngineError.noDisputedStretch(
                document: doc.name, code: path, offset: offset, coders: names,
                agreed: within, nearest: nearest?.range,
                count: disputed.count)
        }
        return (found, "\(path) in \(doc.name) [\(found.range.start), \(found.range.end))")
    }
}

/// What the consensus coder holds on two coders' stretches: its codings and the
/// decisions taken. The one rule for "settled": a disputed stretch is settled when a
/// decision was taken on it (the decision's stretch contains it), or when the
/// consensus coder has a coding of the code that overlaps it (written by a decision
/// before the stretch changed, by editing in the review, or by hand).
public struct ConsensusRecord: Sendable {
    /// The consensus coder's ranges by document and code.
    private var codings: [String: [String: [TextRange]]] = [:]
    /// The decisions by document and code, in the coders' order.
    private var decisions: [String: [String: [Settlement]]] = [:]
    /// Whether the consensus coder has any coding or decision.
    public private(set) var exists = false

    public init(_ store: some CodingStore, coders: [String], consensus: String) throws {
        let name = Name.trimmed(consensus)
        if try store.coderNames().values.contains(name) {
            for coding in try store.codings(CodingFilter(coders: [name]), includeText: false) {
                codings[coding.document, default: [:]][coding.code, default: []].append(coding.range)
                exists = true
            }
        }
        for settlement in try store.settlements(coders: coders, consensus: name) {
            decisions[settlement.document, default: [:]][settlement.code, default: []].append(settlement)
            exists = true
        }
    }

    /// The latest decision taken on the stretch, if any.
    public func decision(on stretch: Disagreement) -> Settlement? {
        decisions[stretch.document]?[stretch.code]?.last {
            $0.range.start <= stretch.range.start && stretch.range.end <= $0.range.end
        }
    }

    /// Whether the consensus coder has a coding of the stretch's code in it.
    public func hasCoding(in stretch: Disagreement) -> Bool {
        codings[stretch.document]?[stretch.code]?.contains { $0.overlaps(stretch.range) } ?? false
    }

    public func isSettled(_ stretch: Disagreement) -> Bool {
        decision(on: stretch) != nil || hasCoding(in: stretch)
    }

    /// How the stretch was settled, in words, or nil when it is not.
    public func howSettled(_ stretch: Disagreement) -> String? {
        if let decision = decision(on: stretch) {
            return "\(decision.kept), by \(decision.who) on \(decision.at.prefix(10))"
        }
        return hasCoding(in: stretch) ? "the consensus coder has a coding of the code there" : nil
    }
}
