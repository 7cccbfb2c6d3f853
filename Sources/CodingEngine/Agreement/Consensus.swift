/// The study's final coding of two coders: every stretch both coded alike, written
/// as the consensus coder, with the disagreements already settled kept as they are
/// and the rest listed as unsettled.
public struct ConsensusReport: Equatable, Sendable {
    /// Consensus codings written by this run (stretches both coders coded alike).
    public var written = 0
    /// Stretches both coded alike that the consensus coder has not got yet (what a run
    /// would write; after a run that writes, 0).
    public var pending = 0
    /// Whether the consensus coder has any coding.
    public var exists = false
    /// The consensus codings this run wrote (what undoing it removes).
    public var writtenCodings: [NewCoding] = []
    /// Stretches the consensus coder already has (settled, or written by an earlier run).
    public var kept = 0
    /// Disputed stretches the consensus coder has nothing on yet, most disputed first.
    public var unsettled: [Disagreement] = []
    /// Stretches per code: agreed, settled, unsettled.
    public var codes: [(code: String, agreed: Int, settled: Int, unsettled: Int)] = []
    /// Disputed stretches settled by a recorded decision, by what it kept (stretches
    /// settled by a consensus coding alone are not counted here).
    public var decisions: [Settlement.Decision: Int] = [:]
    /// Stretches counted as agreed by the overlap rule (near-identical codings).
    public var nearlyAlike = 0
    /// Documents left out because a coder had not coded them.
    public var leftOut: [LeftOutDocument] = []

    public static func == (a: ConsensusReport, b: ConsensusReport) -> Bool {
        a.written == b.written && a.kept == b.kept && a.unsettled == b.unsettled
            && a.codes.map(\.code) == b.codes.map(\.code)
            && a.codes.map(\.agreed) == b.codes.map(\.agreed) && a.codes.map(\.settled) == b.codes.map(\.settled)
            && a.codes.map(\.unsettled) == b.codes.map(\.unsettled)
    }

    /// The recorded decisions in a sentence: "settled by decision: 4 neither, 2 kept ana's
    /// version, …"; nil when none was taken.
    public func decisionSummary(coders: [String]) -> String? {
        guard !decisions.isEmpty else { return nil }
        let words: [Settlement.Decision: String] = [
            .first: "kept \(coders.first ?? "the first coder")'s",
            .second: "kept \(coders.last ?? "the second coder")'s",
            .both: "both (union)", .common: "common part", .neither: "neither",
        ]
        let parts = Settlement.Decision.allCases.compactMap { kind in decisions[kind].map { "\($0) \(words[kind]!)" } }
        return "settled by decision: " + parts.joined(separator: ", ")
    }

    /// Whether every stretch of every code is agreed or settled, and written.
    public var complete: Bool { unsettled.isEmpty && pending == 0 && exists }

    /// The consensus in a sentence, for `agree` and the report.
    /// `how` says how to write it (the workbench's key); else the command.
    public func summary(coders: [String], as consensus: String, how: String? = nil) -> String {
        let run = how ?? "`intertwine consensus --coders \(coders.joined(separator: ","))`"
        guard exists else { return "consensus: none yet; \(run) writes the stretches both coded alike as \(consensus)" }
        if complete { return "consensus (\(consensus)): complete: every stretch is agreed or settled" }
        let total = codes.reduce(0) { $0 + $1.agreed + $1.settled + $1.unsettled }
        let done = codes.reduce(0) { $0 + $1.agreed + $1.settled } - pending
        var parts = [
            "\(done) of \(total) stretches agreed or settled",
            "\(unsettled.count) still to settle"
                + (how == nil ? " (the workbench: a, then Enter; or `intertwine settle`)" : ""),
        ]
        if pending > 0 { parts.append("\(pending) agreed not written yet (\(run))") }
        return "consensus (\(consensus)): " + parts.joined(separator: "; ")
    }
}

extension Project {
    /// What a consensus run compares and how: the two coders, the consensus coder,
    /// which documents, and MAXQDA's rule for near-identical segments.
    public struct ConsensusOptions: Equatable, Sendable {
        public var coders: [String]
        public var consensus: String
        /// Document names; empty for all (of those both coders coded).
        public var documents: [String] = []
        /// Compare every document, not only those both coders coded.
        public var allDocuments = false
        /// Two codings whose common part is at least this share of what either coded
        /// in the stretch count as agreed, their common part written (nil: only
        /// identical codings agree).
        public var overlap: Double?

        public init(
            coders: [String], consensus: String = "consensus", documents: [String] = [], allDocuments: Bool = false,
            overlap: Double? = nil
        ) {
            self.coders = coders
            self.consensus = consensus
            self.documents = documents
            self.allDocuments = allDocuments
            self.overlap = overlap
        }
    }

    /// Builds the consensus coding of two coders as `consensus` (one transaction):
    /// each stretch where both coded a code alike is written as the consensus coder's,
    /// unless the consensus coder already has a coding of that code there; stretches
    /// they coded differently are settled when a decision was taken on them or the
    /// consensus coder has a coding of the code in them (see `ConsensusRecord`), else
    /// unsettled. Running it again adds only what is new.
    @discardableResult
    public func buildConsensus(coders: [String], as consensus: String = "consensus", writing: Bool = true) throws
        -> ConsensusReport
    {
        try buildConsensus(ConsensusOptions(coders: coders, consensus: consensus), writing: writing)
    }

    @discardableResult
    public func buildConsensus(_ options: ConsensusOptions, writing: Bool = true) throws -> ConsensusReport {
        var (report, toWrite) = try ConsensusReport.status(self, options)
        if writing {
            if !toWrite.isEmpty {
                try noteConsensusCoder(Name.trimmed(options.consensus))
                let result = try addCodings(toWrite, skipExisting: true)
                report.written = result.ids.count
                let skipped = Set(result.alreadyCoded)
                report.writtenCodings = toWrite.filter { !skipped.contains($0.range) }
            }
            report.exists = report.exists || report.written > 0
            report.pending = 0
            if let overlap = options.overlap {
                try noteConsensusOverlap(overlap, consensus: Name.trimmed(options.consensus))
            }
        }
        return report
    }
}

extension ConsensusReport {
    /// The consensus as it stands, read from any store (nothing written): the report
    /// with `pending` counted, and the codings a run would write.
    public static func status(_ store: some CodingStore, _ options: Project.ConsensusOptions) throws -> (
        ConsensusReport, [NewCoding]
    ) {
        let names = try CoderList.checked(options.coders)
        guard names.count == 2 else { throw EngineError.tooFewCoders }
        let consensusName = Name.normalized(Name.trimmed(options.consensus))
        guard Name.isVisible(consensusName) else { throw EngineError.emptyName(kind: "consensus coder") }
        // The consensus is held by a coder of its own: never one of those compared (in
        // any case), never a coder with codings of their own, which would count as agreed.
        if let compared = names.first(where: { $0.lowercased() == consensusName.lowercased() }) {
            throw EngineError.consensusCoderTaken(
                consensusName, reason: "that is \(compared), one of the coders compared")
        }
        if !(try store.consensusCoders()).contains(where: { $0.lowercased() == consensusName.lowercased() }) {
            let own = try store.codingSpans(coder: consensusName).count
            if own > 0 {
                throw EngineError.consensusCoderTaken(
                    consensusName,
                    reason:
                        "\(consensusName) has \(Words.count(own, "coding")) of their own, which would count as agreed")
            }
        }
        if let overlap = options.overlap, !(overlap > 0 && overlap <= 1) {
            throw EngineError.badOverlap(String(overlap))
        }
        let (stretches, leftOut) = try Disagreement.compare(
            store, coders: names, documents: options.documents,
            allDocuments: options.allDocuments)
        let record = try ConsensusRecord(store, coders: names, consensus: consensusName)
        var report = ConsensusReport()
        report.exists = record.exists
        report.leftOut = leftOut
        var perCode: [String: (agreed: Int, settled: Int, unsettled: Int)] = [:]
        var toWrite: [NewCoding] = []
        var pending = 0
        for stretch in stretches {
            var counts = perCode[stretch.code] ?? (0, 0, 0)
            defer { perCode[stretch.code] = counts }
            let nearlyAlike = stretch.kind == .partial && options.overlap.map { stretch.jaccard >= $0 } == true
            if stretch.kind == .exact || nearlyAlike {
                counts.agreed += 1
                if nearlyAlike { report.nearlyAlike += 1 }
                if record.isSettled(stretch) { report.kept += 1; continue }
                pending += 1
                let agreed = stretch.kind == .exact ? stretch.a : CharacterUnits.intersection(stretch.a, stretch.b)
                toWrite += agreed.map {
                    NewCoding(document: stretch.document, range: $0, code: stretch.code, coder: consensusName)
                }
            } else if let decision = record.decision(on: stretch) {
                counts.settled += 1
                report.kept += 1
                report.decisions[decision.decision, default: 0] += 1
            } else if record.hasCoding(in: stretch) {
                counts.settled += 1
                report.kept += 1
            } else {
                counts.unsettled += 1
                report.unsettled.append(stretch)
            }
        }
        report.pending = pending
        report.codes = perCode.sorted { $0.key < $1.key }.map { code, counts in
            (code: code, agreed: counts.agreed, settled: counts.settled, unsettled: counts.unsettled)
        }
        return (report, toWrite)
    }
}
