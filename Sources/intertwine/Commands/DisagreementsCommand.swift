import ArgumentParser
import CodingEngine

/// `intertwine disagreements`: where two coders differ.
struct DisagreementsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disagreements",
        abstract: "The stretches where two coders' coding of a code differs, most disputed first.",
        discussion:
            "Each stretch is classed partial (both coded it, with other boundaries), a_only or b_only; stretches both coded exactly are counted at the end."
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var compared: ComparisonOptions

    @Option(
        name: .customLong("code"),
        help: ArgumentHelp("Only this code (and the codes below it); repeatable.", valueName: "path"))
    var codes: [String] = []

    @Flag(help: "Only the stretches not settled yet.")
    var unsettled = false

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("The consensus coder whose decisions show as settled.", valueName: "name"))
    var consensus = "consensus"

    @Flag(help: "Trim white space and punctuation at the edges of codings first.")
    var trim = false

    @Option(help: "table or json.")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument { case table, json }

    func run() throws {
        let names = compared.names
        guard names.count == 2 else { throw EngineError.tooFewCoders }
        let project = try global.openProjectForReading()
        try global.refuseWhileBlind(project, "listing disagreements")
        let (all, leftOut) = try Disagreement.compare(
            project, coders: names, codes: codes, documents: compared.documents, trim: trim,
            allDocuments: compared.allDocuments)
        let record = try ConsensusRecord(project, coders: names, consensus: consensus)
        let disputed = all.filter { $0.kind != .exact && (!unsettled || !record.isSettled($0)) }
        let settledCount = all.filter { $0.kind != .exact && record.isSettled($0) }.count
        var texts: [String: ScalarText] = [:]
        func text(_ d: Disagreement) throws -> String {
            try texts.cached(d.document) { ScalarText(try project.document(named: d.document).text) }.slice(
                d.range.start, d.range.end)
        }
        func settled(_ d: Disagreement) -> JSONValue {
            if let decision = record.decision(on: d) {
                return .object([
                    ("decision", .string(decision.decision.rawValue)), ("who", .string(decision.who)),
                    ("at", .string(decision.at)),
                    ("why", decision.why.map(JSONValue.string) ?? .null),
                ])
            }
            return record.hasCoding(in: d) ? .object([("decision", .string("consensus_coding"))]) : .null
        }
        func ranges(_ list: [TextRange]) -> JSONValue { .array(list.map { .array([.int($0.start), .int($0.end)]) }) }
        switch format {
        case .json:
            let rows: [JSONValue] = try disputed.map { d in
                .object([
                    ("code", .string(d.code)), ("document", .string(d.document)), ("start", .int(d.range.start)),
                    ("end", .int(d.range.end)), ("kind", .string(d.kind.rawValue)), (names[0], ranges(d.a)),
                    (names[1], ranges(d.b)), ("disputed", .int(d.disputed)), ("jaccard", .double(d.jaccard)),
                    ("settled", settled(d)), ("text", .string(try text(d))),
                ])
            }
            let leftOutRows: [JSONValue] = leftOut.map {
                .object([("document", .string($0.document)), ("reason", .string($0.reason))])
            }
            emit(
                JSONValue.object([
                    ("coders", .array(names.map(JSONValue.string))), ("disagreements", .array(rows)),
                    ("exact", .int(all.filter { $0.kind == .exact }.count)),
                    ("left_out", .array(leftOutRows)),
                ]).serialized(indent: "  ") + "\n", data: true)
        case .table:
            let rows: [[JSONValue]] = try disputed.map { d in
                [
                    .string(d.code), .string(d.document), .string("[\(d.range.start), \(d.range.end))"),
                    .string(
                        d.kind.rawValue.replacingOccurrences(of: "a_only", with: "only \(names[0])")
                            .replacingOccurrences(of: "b_only", with: "only \(names[1])")),
                    .int(d.disputed),
                    .string(record.decision(on: d)?.kept ?? (record.hasCoding(in: d) ? "by a consensus coding" : "")),
                    .string(try text(d)),
                ]
            }
            emit(
                try Listing(
                    columns: ["code", "document", "stretch", "kind", "disputed", "settled", "text"], rows: rows,
                    truncate: ["text": 60], rightAligned: ["disputed"]
                ).render(.table))
            let disputedCount = all.filter { $0.kind != .exact }.count
            emit(
                "\(Words.count(disputedCount, "disagreement")) (\(settledCount) settled, \(disputedCount - settledCount) not yet"
                    + (unsettled ? "; listed: those not settled" : "") + "); "
                    + "\(Words.count(all.filter { $0.kind == .exact }.count, "stretch", plural: "stretches")) coded exactly alike\n"
            )
            if let line = ComparisonOptions.leftOutLine(leftOut) { emit(line) }
        }
    }
}
