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

    public static func == (a: ConsensusReport, b: ConsensusReport) -> Bool {
        a.written == b.written && a.kept == b.kept && a.unsettled == b.unsettled && a.codes.map(\.code) == b.codes.map(\.code)
            && a.codes.map(\.agreed) == b.codes.map(\.agreed) && a.codes.map(\.settled) == b.codes.map(\.settled)
            && a.codes.map(\.unsettled) == b.codes.map(\.unsettled)
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
        var parts = ["\(done) of \(total) stretches agreed or settled", "\(unsettled.count) still to settle" + (how == nil ? " (the workbench: a, then Enter)" : "")]
        if pending > 0 { parts.append("\(pending) agreed not written yet (\(run))") }
        return "consensus (\(consensus)): " + parts.joined(separator: "; ")
    }
}

extension Project {
    /// Builds the consensus coding of two coders as `consensus` (one transaction):
    /// each stretch where both coded a code alike is written as the consensus coder's,
    /// unless the consensus coder already has a coding of that code there; stretches
    /// they coded differently are settled when the consensus coder has a coding of the
    /// code in them (see the review), else unsettled. Running it again adds only what
    /// is new.
    @discardableResult
    public func buildConsensus(coders: [String], as consensus: String = "consensus", writing: Bool = true) throws -> ConsensusReport {
        let names = try CoderList.checked(coders)
        guard names.count == 2 else { throw EngineError.tooFewCoders }
        let consensusName = Name.trimmed(consensus)
        guard !consensusName.isEmpty else { throw EngineError.noCoder }
        if names.contains(consensusName) { throw EngineError.repeatedCoder(consensusName) }
        let stretches = try Disagreement.find(self, coders: names)
        let known = try coderNames().values.contains(consensusName)
        let existing = known ? try codings(CodingFilter(coders: [consensusName]), includeText: false) : []
        // The consensus coder's codings by document and code, to find those in a stretch.
        var existingRanges: [String: [String: [TextRange]]] = [:]
        for coding in existing { existingRanges[coding.document, default: [:]][coding.code, default: []].append(coding.range) }
        func covered(_ stretch: Disagreement) -> Bool {
            existingRanges[stretch.document]?[stretch.code]?.contains { $0.overlaps(stretch.range) } ?? false
        }
        var report = ConsensusReport()
        report.exists = !existing.isEmpty
        var perCode: [String: (agreed: Int, settled: Int, unsettled: Int)] = [:]
        var order: [String] = []
        var toWrite: [NewCoding] = []
        for stretch in stretches {
            if perCode[stretch.code] == nil { order.append(stretch.code); perCode[stretch.code] = (0, 0, 0) }
            let covered = covered(stretch)
            if stretch.kind == .exact {
                perCode[stretch.code]!.agreed += 1
                if covered { report.kept += 1; continue }
                toWrite += stretch.a.map { NewCoding(document: stretch.document, range: $0, code: stretch.code, coder: consensusName) }
            } else if covered {
                perCode[stretch.code]!.settled += 1
                report.kept += 1
            } else {
                perCode[stretch.code]!.unsettled += 1
                report.unsettled.append(stretch)
            }
        }
        if writing {
            if !toWrite.isEmpty {
                let result = try addCodings(toWrite, skipExisting: true)
                report.written = result.ids.count
                let skipped = Set(result.alreadyCoded)
                report.writtenCodings = toWrite.filter { !skipped.contains($0.range) }
            }
            report.exists = report.exists || report.written > 0
        } else {
            report.pending = stretches.filter { $0.kind == .exact && !covered($0) }.count
        }
        report.codes = order.sorted().map { (code: $0, agreed: perCode[$0]!.agreed, settled: perCode[$0]!.settled, unsettled: perCode[$0]!.unsettled) }
        return report
    }
}
