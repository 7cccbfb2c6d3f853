import ArgumentParser
import CodingEngine

/// `intertwine disagreements`: where two coders differ.
struct DisagreementsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disagreements",
        abstract: "The stretches where two coders' coding of a code differs, most disputed first.",
        discussion: "Each stretch is classed partial (both coded it, with other boundaries), a_only or b_only; stretches both coded exactly are counted at the end."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Two coders, comma-separated.", valueName: "a,b"))
    var coders: String

    @Option(name: .customLong("code"), help: ArgumentHelp("Only this code (and the codes below it); repeatable.", valueName: "path"))
    var codes: [String] = []

    @Option(name: .customLong("doc"), help: ArgumentHelp("Only this document; repeatable.", valueName: "name"))
    var documents: [String] = []

    @Flag(help: "Trim white space and punctuation at the edges of codings first.")
    var trim = false

    @Option(help: "table or json.")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument { case table, json }

    func run() throws {
        let names = coders.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard names.count == 2 else { throw EngineError.tooFewCoders }
        let project = try global.openProjectForReading()
        try global.refuseWhileBlind(project, "listing disagreements")
        let all = try Disagreement.find(project, coders: names, codes: codes, documents: documents, trim: trim)
        let disputed = all.filter { $0.kind != .exact }
        var texts: [String: ScalarText] = [:]
        func text(_ d: Disagreement) throws -> String {
            if texts[d.document] == nil { texts[d.document] = ScalarText(try project.document(named: d.document).text) }
            return texts[d.document]!.slice(d.range.start, d.range.end)
        }
        func ranges(_ list: [TextRange]) -> JSONValue { .array(list.map { .array([.int($0.start), .int($0.end)]) }) }
        switch format {
        case .json:
            let rows: [JSONValue] = try disputed.map { d in
                .object([("code", .string(d.code)), ("document", .string(d.document)), ("start", .int(d.range.start)),
                         ("end", .int(d.range.end)), ("kind", .string(d.kind.rawValue)), (names[0], ranges(d.a)),
                         (names[1], ranges(d.b)), ("disputed", .int(d.disputed)), ("jaccard", .double(d.jaccard)),
                         ("text", .string(try text(d)))])
            }
            emit(JSONValue.object([("coders", .array(names.map(JSONValue.string))), ("disagreements", .array(rows)),
                                   ("exact", .int(all.count - disputed.count))]).serialized(indent: "  ") + "\n", data: true)
        case .table:
            let rows: [[JSONValue]] = try disputed.map { d in
                [.string(d.code), .string(d.document), .string("[\(d.range.start), \(d.range.end))"),
                 .string(d.kind.rawValue.replacingOccurrences(of: "a_only", with: "only \(names[0])").replacingOccurrences(of: "b_only", with: "only \(names[1])")),
                 .int(d.disputed), .string(try text(d))]
            }
            emit(try Listing(columns: ["code", "document", "stretch", "kind", "disputed", "text"], rows: rows,
                             truncate: ["text": 60], rightAligned: ["disputed"]).render(.table))
            emit("\(Words.count(disputed.count, "disagreement")); \(Words.count(all.count - disputed.count, "stretch", plural: "stretches")) coded exactly alike\n")
        }
    }
}
