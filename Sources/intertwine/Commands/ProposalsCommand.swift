import ArgumentParser
import CodingEngine

/// `intertwine proposals`: an AI assistant's proposed codings, listed, accepted and rejected.
struct ProposalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proposals",
        abstract: "List an AI assistant's proposed codings, and accept or reject them.",
        discussion: """
            An assistant's proposals are its own codings (coder assistant:NAME) with where they came from: the client, \
            the model, its reason and confidence, when, and a SHA-256 of the request. Accepting one makes it your \
            coding (--coder), recorded as accepted from the assistant; rejecting one keeps it, with your reason, and \
            the assistant is refused that code for that passage from then on. While blind coding is on, you see the \
            proposals of the documents you have marked done.
            """,
        subcommands: [List.self, Accept.self, Reject.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The proposals, highest confidence first.")
        @OptionGroup var global: GlobalOptions
        @Option(
            name: .customLong("assistant"),
            help: ArgumentHelp("Only this assistant's (NAME or assistant:NAME).", valueName: "name"))
        var assistant: String?
        @Option(help: "pending (the default), accepted, rejected or all.") var status: StatusChoice = .pending
        @Option(name: .customLong("doc"), help: ArgumentHelp("Only this document.", valueName: "name"))
        var document: String?
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        enum StatusChoice: String, ExpressibleByArgument { case pending, accepted, rejected, all }

        func run() throws {
            let project = try global.openProjectForReading()
            project.viewer = try global.viewer(project)
            let assistant = self.assistant ?? global.coder.flatMap { Assistant.isAssistant($0) ? $0 : nil }
            let found = try project.proposals(
                assistant: assistant, status: status == .all ? nil : Proposal.Status(rawValue: status.rawValue),
                document: document)
            let listing = Listing(
                columns: [
                    "id", "document", "start", "end", "code", "assistant", "confidence", "status", "reason", "text",
                    "made_with", "requested_by", "proposed_at", "decided_by", "decided_at", "why", "request_sha256",
                ],
                rows: found.map { proposal in
                    [
                        .int(Int(proposal.id)), .string(proposal.document), .int(proposal.range.start),
                        .int(proposal.range.end), .string(proposal.code), .string(proposal.assistant),
                        .double(proposal.confidence), .string(proposal.status.rawValue), .string(proposal.reason),
                        .string(proposal.text), .string(proposal.madeWith), .string(proposal.requestedBy),
                        .string(proposal.proposedAt), proposal.decidedBy.map(JSONValue.string) ?? .null,
                        proposal.decidedAt.map(JSONValue.string) ?? .null, proposal.why.map(JSONValue.string) ?? .null,
                        .string(proposal.requestSHA256),
                    ]
                },
                truncate: [
                    "reason": 40, "text": 40, "made_with": 24, "why": 24, "request_sha256": 12, "proposed_at": 19,
                ],
                rightAligned: ["id", "start", "end", "confidence"])
            if format == .table {
                // The table shows what a decision needs; CSV and JSON carry everything.
                var short = listing
                let kept = [
                    "id", "document", "start", "end", "code", "assistant", "confidence", "status", "reason", "text",
                ]
                let indexes = kept.compactMap { listing.columns.firstIndex(of: $0) }
                short.columns = kept
                // Confidence as the review shows it, a percentage.
                let confidence = listing.columns.firstIndex(of: "confidence")
                short.rows = zip(listing.rows, found).map { row, proposal in
                    indexes.map { $0 == confidence ? .string(proposal.confidenceText) : row[$0] }
                }
                try short.emit(format)
                if found.isEmpty { emit("no \(status == .all ? "" : status.rawValue + " ")proposals\n") }
            } else {
                try listing.emit(format)
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "accept", abstract: "Accept proposals: each becomes your coding (--coder).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The proposals' ids (`intertwine proposals` lists them).", valueName: "id"))
        var ids: [Int64]
        @Option(
            help: ArgumentHelp(
                "Accept one proposal with its boundaries moved (START-END, Unicode scalar offsets).",
                valueName: "start-end"
            ))
        var range: String?

        func validate() throws {
            if range != nil, ids.count != 1 { throw ValidationError("--range adjusts one proposal: give one id") }
        }

        func run() throws {
            let project = try global.openProject()
            let adjusted = try range.map(Self.parseRange)
            let results = try project.decide(ids.map { .accept($0, range: adjusted) }, as: try global.coderName())
            for result in results {
                let p = result.proposal
                emit(
                    "accepted \(p.id): \(p.code) on \(p.document) \(p.range.start)–\(p.range.end), now coding \(result.coding.map(String.init) ?? "?") of \(p.decidedBy ?? "")\(result.created ? "" : " (you had coded it already)")\n"
                )
            }
        }

        static func parseRange(_ text: String) throws -> TextRange {
            let parts = text.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let start = parts[0], let end = parts[1] else {
                throw ValidationError("--range is START-END, e.g. 120-180")
            }
            return TextRange(start, end)
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reject",
            abstract: "Reject proposals: kept as rejected, with why; the assistant is not allowed them again.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The proposals' ids.", valueName: "id")) var ids: [Int64]
        @Option(help: ArgumentHelp("Why, for the record and for the assistant to read.", valueName: "text"))
        var why: String?

        func run() throws {
            let project = try global.openProject()
            let results = try project.decide(ids.map { .reject($0, why: why) }, as: try global.coderName())
            emit("rejected \(results.map { String($0.proposal.id) }.joined(separator: ", "))\n")
        }
    }
}
