import Foundation
import GRDB

/// An AI assistant's proposals: checked and written as the assistant's codings with
/// their provenance, listed, and accepted or rejected by a person.
extension Project {
    /// Whether AI assistants may work on the project (`intertwine ai off` says no).
    public func assistantsAllowed() throws -> Bool {
        try info("assistants") != "off"
    }

    /// Lets AI assistants work on the project, or not.
    public func setAssistantsAllowed(_ allowed: Bool) throws {
        try setInfo("assistants", allowed ? "on" : "off")
    }

    /// Checks each proposed coding and writes the good ones, in one transaction, as
    /// codings of `source.assistant` with their provenance. A proposal is refused, with
    /// a problem the assistant can act on, when its document or code is unknown (codes
    /// are never made here), its code is a folder, its passage is outside the text,
    /// empty, or not what it quotes (a quote found once elsewhere moves it there),
    /// it repeats one of the assistant's, a person rejected that code for that passage,
    /// or blind coding is on and the assistant has marked the document done.
    public func propose(_ items: [ProposedCoding], from source: ProposalSource) throws -> ProposalOutcome {
        guard try assistantsAllowed() else { throw EngineError.assistantSwitchedOff(path: displayPath) }
        guard Assistant.isAssistant(source.assistant), source.assistant.count > Assistant.prefix.count else {
            throw EngineError.assistantCoder(name: source.assistant, problem: "an assistant's name is assistant:NAME")
        }
        return try write { db in
            var checker = try ProposalChecker(db, assistant: source.assistant)
            var writer = try CodingWriter(db, codebook: checker.codebook)
            var outcome = ProposalOutcome()
            var ids: [(index: Int, id: Int64, note: String?)] = []
            let now = Timestamp.now()
            for (index, item) in items.enumerated() {
                switch try checker.check(item) {
                case .refused(let problem):
                    outcome.refused.append(.init(index: index, problem: problem))
                case .newCode(_, let text):
                    let memo = try MemoWriter.add(db, on: ("project", nil), text: text, coder: source.assistant) ?? 0
                    outcome.newCodes.append(.init(index: index, code: Codebook.normalizedPath(item.code), memo: memo))
                case .passage(let range, let note):
                    let coding = NewCoding(
                        document: item.document, range: range, code: item.code, coder: source.assistant)
                    guard let id = try writer.add(coding, existing: .skip) else {
                        outcome.refused.append(
                            .init(
                                index: index,
                                problem:
                                    "already proposed: \(source.assistant) has this code on \(range.start)–\(range.end) of \(item.document)"
                            ))
                        continue
                    }
                    try ProposalWriter.insert(db, codingID: id, item: item, source: source, at: now)
                    ids.append((index, id, note))
                }
            }
            let stored = try Self.proposals(
                db, codebook: checker.codebook,
                where: "p.coding_id IN (\(ids.map { String($0.id) }.joined(separator: ",")))")
            let byID = Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0) })
            outcome.written = ids.compactMap { entry in
                byID[entry.id].map { .init(index: entry.index, proposal: $0, note: entry.note) }
            }
            return outcome
        }
    }

    /// The proposals, highest confidence first, then in text order; of one assistant,
    /// with one status, in one document when asked. Blind coding's rule applies to the
    /// one looking (`viewer`): while it is on, they see proposals only in the documents
    /// they have marked done.
    public func proposals(assistant: String? = nil, status: Proposal.Status? = nil, document: String? = nil) throws
        -> [Proposal]
    {
        try read { db in
            var clauses: [String] = []
            var arguments = StatementArguments()
            if let assistant {
                clauses.append("k.coder_id = ?")
                arguments += [try Self.storedCoderID(db, named: Assistant.coderName(assistant)) ?? -1]
            }
            if let status {
                clauses.append("p.status = ?")
                arguments += [status.rawValue]
            }
            if let document {
                let name = Name.normalized(document)
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE name = ?", arguments: [name])
                else { throw EngineError.unknownDocument(name) }
                clauses.append("k.document_id = \(id)")
            }
            if let rule = try Self.proposalVisibility(db, viewer: viewer) {
                clauses.append(
                    rule.done.isEmpty
                        ? "0" : "k.document_id IN (\(rule.done.sorted().map(String.init).joined(separator: ",")))")
            }
            return try Self.proposals(
                db, codebook: try Self.loadCodebook(db),
                where: clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments: arguments)
        }
    }

    /// A decision on a proposal.
    public enum ProposalDecision: Equatable, Sendable {
        /// Accept it as a coding of the one deciding, of its passage or of `range` (its
        /// boundaries adjusted).
        case accept(Int64, range: TextRange? = nil)
        /// Reject it, saying why when there is a reason to keep.
        case reject(Int64, why: String? = nil)
        /// Undo a decision: the proposal is pending again, and the coding its acceptance
        /// made is removed (not one the person had made before).
        case reopen(Int64)
    }

    /// What a decision did: the proposal as it is now, and for an acceptance the coding
    /// it gave and whether that coding was made by it (false when the person had it already).
    public struct DecisionResult: Equatable, Sendable {
        public var proposal: Proposal
        public var coding: Int64?
        public var created: Bool
    }

    /// Carries out `decisions` as `coder`, in one transaction: all of them, or at the
    /// first that cannot be made, none. An accepted proposal becomes `coder`'s coding,
    /// recorded as not made blind (it was seen in the assistant's proposal).
    @discardableResult
    public func decide(_ decisions: [ProposalDecision], as coder: String) throws -> [DecisionResult] {
        let person = Name.trimmed(coder)
        guard !person.isEmpty else { throw EngineError.noCoder }
        guard !Assistant.isAssistant(person) else {
            throw EngineError.assistantCoder(
                name: person, problem: "an assistant cannot decide on proposals; a person does")
        }
        return try write { db in
            let codebook = try Self.loadCodebook(db)
            let rule = try Self.proposalVisibility(db, viewer: person)
            var writer = try CodingWriter(db, codebook: codebook)
            let now = Timestamp.now()
            var results: [DecisionResult] = []
            for decision in decisions {
                let id: Int64
                switch decision {
                case .accept(let which, _), .reject(let which, _), .reopen(let which): id = which
                }
                guard let proposal = try Self.proposals(db, codebook: codebook, where: "p.coding_id = \(id)").first
                else {
                    throw EngineError.unknownProposal(id)
                }
                if let rule, !rule.done.contains(try Self.documentID(db, named: proposal.document)) {
                    throw EngineError.assistantCoder(
                        name: person,
                        problem:
                            "blind coding is on and \(proposal.document) is not marked done for you: code it yourself first, then mark it done to review the assistant's proposals"
                    )
                }
                var result = DecisionResult(proposal: proposal, coding: nil, created: false)
                switch decision {
                case .accept(_, let range):
                    guard proposal.status == .pending else {
                        throw EngineError.proposalDecided(id: id, status: proposal.status.rawValue)
                    }
                    var coding = NewCoding(
                        document: proposal.document, range: range ?? proposal.range, code: proposal.code, coder: person)
                    coding.independence = .recorded(false)
                    // Made at the decision's time: how a reopening knows the acceptance made it.
                    var decidedAt = now
                    if let made = try writer.add(coding, existing: .skip, created: now) {
                        result.coding = made
                        result.created = true
                    } else {
                        let linked: Int64? = try Self.codingID(db, coding)
                        result.coding = linked
                        // The person's own coding, made in the same millisecond: the decision is
                        // dated a millisecond later, so that reopening it keeps that coding.
                        if try String.fetchOne(
                            db, sql: "SELECT created_at FROM codings WHERE id = ?", arguments: [linked])
                            == now
                        {
                            decidedAt = Timestamp.string(Date().addingTimeInterval(0.001))
                        }
                    }
                    try ProposalWriter.decide(
                        db, id: id, status: .accepted, by: person, at: decidedAt, why: nil, acceptedAs: result.coding)
                case .reject(_, let why):
                    guard proposal.status == .pending else {
                        throw EngineError.proposalDecided(id: id, status: proposal.status.rawValue)
                    }
                    let reason = why.map(Name.trimmed).flatMap { $0.isEmpty ? nil : $0 }
                    try ProposalWriter.decide(
                        db, id: id, status: .rejected, by: person, at: now, why: reason, acceptedAs: nil)
                case .reopen:
                    // The acceptance's own coding: the person's, made at the decision's time.
                    if let made = proposal.acceptedAs, let decidedAt = proposal.decidedAt,
                        let decidedBy = proposal.decidedBy,
                        try Bool.fetchOne(
                            db,
                            sql: """
                                SELECT EXISTS (SELECT 1 FROM codings k JOIN coders c ON c.id = k.coder_id
                                    WHERE k.id = ? AND k.created_at = ? AND c.name = ?)
                                """, arguments: [made, decidedAt, decidedBy]) == true
                    {
                        try CodingWriter.remove(db, id: made)
                    }
                    try ProposalWriter.decide(db, id: id, status: .pending, by: nil, at: nil, why: nil, acceptedAs: nil)
                }
                result.proposal = try Self.proposals(db, codebook: codebook, where: "p.coding_id = \(id)")[0]
                results.append(result)
            }
            return results
        }
    }

    // MARK: Reading

    static func proposals(
        _ db: Database, codebook: Codebook, where condition: String, arguments: StatementArguments = []
    ) throws -> [Proposal] {
        var texts: [Int64: ScalarText] = [:]
        return try Row.fetchAll(
            db,
            sql: """
                \(Proposal.selection) WHERE \(condition)
                ORDER BY p.confidence DESC, d.name, k.start, k."end", k.code_id
                """, arguments: arguments
        ).map { row in
            let document: Int64 = row["document_id"]
            let text = try texts.cached(document) {
                ScalarText(
                    try String.fetchOne(db, sql: "SELECT text FROM documents WHERE id = ?", arguments: [document]) ?? ""
                )
            }
            return Proposal(row: row, codebook: codebook, text: text)
        }
    }

    /// Blind coding's rule for a person reviewing proposals: nil when blind coding is
    /// off; else the documents they have marked done (the only ones whose proposals they see).
    private static func proposalVisibility(_ db: Database, viewer: String?) throws -> Visibility? {
        guard let viewer, !viewer.isEmpty, !Assistant.isAssistant(viewer) else { return nil }
        return try Visibility.current(db, viewer: viewer)
    }

    private static func documentID(_ db: Database, named name: String) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE name = ?", arguments: [name]) else {
            throw EngineError.unknownDocument(name)
        }
        return id
    }

    /// The id of the coding `coding` names (document, range, code, coder), which is there.
    private static func codingID(_ db: Database, _ coding: NewCoding) throws -> Int64? {
        try Int64.fetchOne(
            db,
            sql: """
                SELECT k.id FROM codings k JOIN documents d ON d.id = k.document_id JOIN coders c ON c.id = k.coder_id
                WHERE d.name = ? AND c.name = ? AND k.start = ? AND k."end" = ? AND k.code_id = ?
                """,
            arguments: [
                coding.document, coding.coder, coding.range.start, coding.range.end,
                try loadCodebook(db).code(path: coding.code)?.id,
            ])
    }
}

extension Project {
    /// Where the codings that did not come from a person alone came from, by coding id,
    /// in a sentence: an assistant's proposal ("proposed by assistant:claude with
    /// Claude Desktop 1.2 (sonnet), confidence 0.82, pending: REASON") or a person's
    /// coding accepted from one ("accepted by ana from assistant:claude's proposal, made
    /// with …"). Codings not listed were made by a person unaided.
    public func codingOrigins() throws -> [Int64: String] {
        try read { db in
            let codebook = try Self.loadCodebook(db)
            var origins: [Int64: String] = [:]
            for proposal in try Self.proposals(db, codebook: codebook, where: "1") {
                let decided =
                    switch proposal.status {
                    case .pending: "pending"
                    case .accepted: "accepted by \(proposal.decidedBy ?? "?")"
                    case .rejected:
                        "rejected by \(proposal.decidedBy ?? "?")" + (proposal.why.map { " (\($0))" } ?? "")
                    }
                origins[proposal.id] =
                    "proposed by \(proposal.assistant) with \(proposal.madeWith), confidence \(proposal.confidence), \(decided): \(proposal.reason)"
                if let accepted = proposal.acceptedAs {
                    origins[accepted] =
                        "accepted by \(proposal.decidedBy ?? "?") from \(proposal.assistant)'s proposal, made with \(proposal.madeWith) (\(proposal.reason))"
                }
            }
            return origins
        }
    }
}
