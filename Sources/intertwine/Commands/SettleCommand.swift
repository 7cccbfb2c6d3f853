import ArgumentParser
import CodingEngine

/// `intertwine settle`: decides one disputed stretch of two coders' codings.
struct SettleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settle",
        abstract:
            "Settle the stretch where two coders disagree on a code: keep one coder's version, both, their common part, or neither.",
        discussion: """
            The stretch is the one containing --at (a Unicode-scalar offset; `intertwine disagreements` lists each \
            stretch's start), or the first of the code in --turn K. The decision is recorded (who, when, why) and what it \
            keeps is written as the consensus coder: --keep A or B (a coder's name) their own ranges, both the union, common the intersection, neither \
            nothing (the code does not apply there; the stretch still counts as settled). --undo removes the decision \
            and what it wrote.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The two coders compared.", valueName: "A,B")) var coders: String
    @Option(name: .customLong("doc"), help: ArgumentHelp("The document.", valueName: "name")) var document: String
    @Option(help: ArgumentHelp("The code.", valueName: "path")) var code: String
    @Option(help: ArgumentHelp("An offset inside the disputed stretch.", valueName: "offset")) var at: Int?
    @Option(help: ArgumentHelp("Or a turn: the first disputed stretch of the code in it.", valueName: "k")) var turn:
        Int?
    @Option(
        help: ArgumentHelp(
            "What the consensus keeps: A or B (a coder's name), both, common or neither.", valueName: "choice"))
    var keep: String?
    @Option(help: ArgumentHelp("Why, kept with the decision.", valueName: "text")) var why: String?
    @Option(name: .customLong("as"), help: ArgumentHelp("The consensus coder.", valueName: "name")) var consensus =
        "consensus"
    @Flag(help: "Undo the decision on the stretch instead (it and the consensus codings it wrote go).") var undo = false
    @Flag(help: "Also when a coder has not coded the document (nor marked it done).") var allDocuments = false

    func validate() throws {
        if (at == nil) == (turn == nil) {
            throw ValidationError("say which stretch: --at OFFSET (inside it) or --turn K")
        }
        if undo, keep != nil { throw ValidationError("--undo removes a decision; leave out --keep") }
        if !undo, keep == nil {
            throw ValidationError(
                "say what the consensus keeps: --keep A|B|both|common|neither (A and B are the coders' names)")
        }
        if let why, undo, !why.isEmpty { throw ValidationError("--why goes with --keep, not --undo") }
    }

    func run() throws {
        let names = ComparisonOptions.names(coders)
        guard names.count == 2 else { throw EngineError.tooFewCoders }
        let project = try global.openProject()
        try global.refuseWhileBlind(project, "settling disagreements")
        let at =
            try self.at ?? Self.offset(inTurn: turn ?? 0, of: project, coders: names, document: document, code: code)
        if undo {
            let removed = try project.unsettle(
                coders: names, document: document, code: code, at: at, as: consensus, allDocuments: allDocuments)
            emit(
                "undid the decision on \(removed.code) in \(removed.document) [\(removed.range.start), \(removed.range.end)) (\(removed.kept), by \(removed.who))"
                    + (removed.ranges.isEmpty
                        ? "" : "; removed \(Words.count(removed.ranges.count, "consensus coding"))") + "\n")
        } else {
            let decision = try Self.decision(keep ?? "", coders: names)
            let settled = try project.settle(
                coders: names, document: document, code: code, at: at, keep: decision, as: consensus,
                why: why, by: try global.coderName(), allDocuments: allDocuments)
            let wrote =
                settled.ranges.isEmpty
                ? "nothing written as \(settled.consensus)"
                : "wrote " + settled.ranges.map { "[\($0.start), \($0.end))" }.joined(separator: ", ")
                    + " as \(settled.consensus)"
            emit(
                "settled \(settled.code) in \(settled.document) [\(settled.range.start), \(settled.range.end)): \(settled.kept); \(wrote)\n"
            )
        }
        var options = Project.ConsensusOptions(coders: names, consensus: consensus)
        options.allDocuments = allDocuments
        emit(try project.buildConsensus(options, writing: false).summary(coders: names, as: consensus) + "\n")
    }

    /// The start of the first disputed stretch of `code` in turn `k` (or, when none is,
    /// the turn's first spoken character: `settle` then says where the disputes are).
    static func offset(inTurn k: Int, of project: Project, coders: [String], document: String, code: String) throws
        -> Int
    {
        let doc = try project.document(named: document)
        guard let turn = doc.turns.first(where: { $0.index == k }) else {
            throw EngineError.unknownTurn(document: doc.name, turn: k, turns: doc.turns.count)
        }
        let span = TextRange(turn.start, turn.end)
        let path = try project.codebook().code(path: code)?.path ?? code
        let stretches = (try? Disagreement.find(project, coders: coders, codes: [path], documents: [doc.name])) ?? []
        let inTurn = stretches.filter { $0.kind != .exact && $0.code == path && $0.range.overlaps(span) }.sorted {
            $0.range < $1.range
        }
        return inTurn.first.map { max($0.range.start, span.start) } ?? turn.speechStart
    }

    /// `--keep`: a coder's name, or both, common or neither.
    static func decision(_ keep: String, coders: [String]) throws -> Settlement.Decision {
        let word = keep.trimmingCharacters(in: .whitespaces)
        let keyword: Settlement.Decision? =
            switch word.lowercased() {
            case "both", "union": .both
            case "common", "intersection": .common
            case "neither", "none": .neither
            default: nil
            }
        let coder: Settlement.Decision? = word == coders[0] ? .first : word == coders[1] ? .second : nil
        if keyword != nil, coder != nil {
            throw ValidationError(
                "--keep \(word) is both a coder's name and a choice; rename the coder or compare them the other way")
        }
        guard let chosen = keyword ?? coder else {
            throw ValidationError("--keep \(word): keep \(coders[0]), \(coders[1]), both, common or neither")
        }
        return chosen
    }
}
