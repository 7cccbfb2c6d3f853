import ArgumentParser
import CodingEngine

/// `intertwine pseudonym`: the project's pseudonym table, for sharing and publishing
/// transcripts and extracts without the real names of people, firms and places.
struct PseudonymCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pseudonym",
        abstract: "The pseudonym table: real names and what a pseudonymised export writes instead.",
        discussion: """
            The transcripts are never changed (every offset stays valid): a pseudonymised export, report or answer to \
            an assistant writes each real name of the table as its pseudonym. Names are matched as whole words, as \
            written and in capitals, composed or with combining marks alike, and before a possessive ("Watson's"); \
            where names overlap the longest wins.
            """,
        subcommands: [List.self, Add.self, Remove.self, Suggest.self, Check.self, Default.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The table: each real name, its pseudonym, its kind, who added it and when.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() throws {
            let project = try global.openProjectForReading(realNames: true)
            let table = try project.pseudonyms().sorted { $0.real < $1.real }
            try Listing(
                columns: ["real", "pseudonym", "kind", "who", "at"],
                rows: table.map {
                    [
                        .string($0.real), .string($0.pseudonym), .string($0.kind.rawValue), .string($0.who),
                        .string($0.at),
                    ]
                }
            ).emit(format)
            guard format == .table else { return }
            if table.isEmpty { emit("add names with `intertwine pseudonym add REAL PSEUDONYM --kind person`\n") }
            emit(
                try project.pseudonymisesByDefault()
                    ? "every export is pseudonymised (`intertwine pseudonym default off` makes it --pseudonymise only)\n"
                    : "exports are pseudonymised with --pseudonymise (`intertwine pseudonym default on` makes it every one)\n"
            )
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a real name and the pseudonym written in its place.")
        @OptionGroup var global: GlobalOptions
        @Argument(
            help: ArgumentHelp("The real name, as the transcripts write it (\"Roger Watson\").", valueName: "real"))
        var real: String
        @Argument(help: ArgumentHelp("What is written instead (\"OM-BRW\").", valueName: "pseudonym"))
        var pseudonym: String
        @Option(help: "person (the default), firm, place or other.") var kind: Pseudonym.Kind = .person

        func run() throws {
            let project = try global.openProject(realNames: true)
            let entry = try project.addPseudonym(
                real: real, pseudonym: pseudonym, kind: kind, who: try global.coderName())
            emit("\(entry.real) → \(entry.pseudonym) (\(entry.kind.rawValue))\n")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove a real name from the table.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The real name.", valueName: "real")) var real: String

        func run() throws {
            let entry = try global.openProject(realNames: true).removePseudonym(real: real)
            emit("removed \(entry.real) → \(entry.pseudonym)\n")
        }
    }

    struct Default: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "default",
            abstract: "Whether every export is pseudonymised (on), or only with --pseudonymise (off).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: Switch.help) var setting: Switch?

        func run() throws {
            let project = try global.openProject(realNames: true)
            if let setting { try project.setPseudonymisesByDefault(setting == .on) }
            emit(
                try project.pseudonymisesByDefault()
                    ? "every export, report and answer to an assistant is pseudonymised\n"
                    : "exports are pseudonymised when asked (--pseudonymise)\n")
        }
    }
    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "suggest",
            abstract:
                "Names the table lacks: speakers, front matter, attributes, capitalised words; --confirm adds them.",
            discussion: """
                Lists what may name a person, firm or place and is not yet replaced: speakers' labels, names in front \
                matter and case attributes (participant, company, location…), and runs of capitalised words in the middle \
                of sentences that the transcripts never write in lower case, each with how often, where, an example and \
                a proposed pseudonym. With --confirm, asks about each on standard input: Enter takes the proposal, a \
                typed pseudonym is used instead, - skips it, q stops.
                """)
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Ask about each, one by one, and add the ones confirmed.") var confirm = false
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() throws {
            let project =
                try confirm ? global.openProject(realNames: true) : global.openProjectForReading(realNames: true)
            let candidates = try project.pseudonymCandidates()
            var numbering = PseudonymProposals(try project.pseudonyms())
            guard confirm else {
                try PseudonymCommand.listing(candidates, proposed: numbering.proposeAll(candidates)).emit(format)
                if format == .table, !candidates.isEmpty {
                    emit(
                        "add one with `intertwine pseudonym add REAL PSEUDONYM --kind KIND`, or go through them with --confirm\n"
                    )
                }
                return
            }
            let who = try global.coderName()
            var added = 0
            for candidate in candidates {
                let proposal = numbering.propose(candidate)
                let places = candidate.documents.isEmpty ? "" : " in " + candidate.documents.joined(separator: ", ")
                let example = candidate.example.isEmpty ? "" : "\n  …\(candidate.example)…"
                emit(
                    "\(candidate.text) (\(candidate.kind.rawValue); \(candidate.occurrences)×\(places); \(candidate.sources.map(\.rawValue).joined(separator: ", ")))\(example)\n"
                        + "  pseudonym [\(proposal)], - to skip, q to stop: ")
                StandardOutput.flush()
                guard let line = readLine() else { break }
                let answer = line.trimmingCharacters(in: .whitespaces)
                if answer == "q" { break }
                if answer == "-" { continue }
                do {
                    let entry = try project.addPseudonym(
                        real: candidate.text, pseudonym: answer.isEmpty ? proposal : answer, kind: candidate.kind,
                        who: who)
                    numbering.record(candidate, entry.pseudonym)
                    emit("  \(entry.real) → \(entry.pseudonym)\n")
                    added += 1
                } catch {
                    emit("  not added: \(ErrorMessage.describe(error))\n")
                }
            }
            emit("added \(Words.count(added, "pseudonym")); `intertwine pseudonym` lists the table\n")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "What a pseudonymised export would still show: capitalised names and labels not in the table.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() throws {
            let project = try global.openProjectForReading(realNames: true)
            let left = try project.pseudonymCandidates()
            var numbering = PseudonymProposals(try project.pseudonyms())
            try PseudonymCommand.listing(left, proposed: numbering.proposeAll(left)).emit(format)
            if format == .table {
                emit(
                    left.isEmpty
                        ? "no capitalised name outside the table is left in the pseudonymised texts\n"
                        : "\(Words.count(left.count, "name")) outside the table would be written as they are: add those that identify someone (`intertwine pseudonym add`)\n"
                )
            }
        }
    }

    /// Candidates as rows: the string, a kind, how often and where, an example, a pseudonym.
    static func listing(_ candidates: [PseudonymCandidate], proposed: [String]) -> Listing {
        Listing(
            columns: ["real", "kind", "times", "documents", "found_in", "proposed", "example"],
            rows: zip(candidates, proposed).map { candidate, proposal in
                [
                    .string(candidate.text), .string(candidate.kind.rawValue), .int(candidate.occurrences),
                    .array(candidate.documents.map(JSONValue.string)),
                    .array(candidate.sources.map { .string($0.rawValue) }), .string(proposal),
                    .string(candidate.example),
                ]
            },
            truncate: ["example": 50, "documents": 24],
            rightAligned: ["times"])
    }
}

/// Pseudonyms proposed in turn: Person 1, Person 2…, Firm A, Firm B…, Place 1…,
/// skipping those the table already uses; a name that is part of one already named
/// ("Roger" after "Roger Watson") is proposed that one's pseudonym.
struct PseudonymProposals {
    private var used: Set<String>
    private var named: [Pseudonym]
    private var counts: [Pseudonym.Kind: Int] = [:]

    init(_ table: [Pseudonym]) {
        used = Set(table.map(\.pseudonym))
        named = table
    }

    /// The pseudonym proposed for `candidate`: a name's it is part of (or that is part of
    /// it), else the next free number of its kind. A number not `record`ed is offered again.
    mutating func propose(_ candidate: PseudonymCandidate) -> String {
        let part = Pseudonymiser([Pseudonym(real: candidate.text, pseudonym: "_", kind: candidate.kind)])
        if let holder = named.first(where: { !part.realNames(in: $0.real).isEmpty })
            ?? named.first(where: {
                $0.kind == candidate.kind && !Pseudonymiser([$0]).realNames(in: candidate.text).isEmpty
            })
        {
            return holder.pseudonym
        }
        while true {
            counts[candidate.kind, default: 0] += 1
            let number = counts[candidate.kind]!
            let name: String
            switch candidate.kind {
            case .person: name = "Person \(number)"
            case .firm: name = "Firm " + Self.letters(number)
            case .place: name = "Place \(number)"
            case .other: name = "Name \(number)"
            }
            if !used.contains(name) { return name }
        }
    }

    /// Records what `candidate` was given (nil: skipped), so later parts of it get the same.
    mutating func record(_ candidate: PseudonymCandidate, _ pseudonym: String?) {
        guard let pseudonym else { return }
        used.insert(pseudonym)
        named.append(Pseudonym(real: candidate.text, pseudonym: pseudonym, kind: candidate.kind))
    }

    /// A proposal for each, in order, as if each were taken.
    mutating func proposeAll(_ candidates: [PseudonymCandidate]) -> [String] {
        candidates.map { candidate in
            let proposal = propose(candidate)
            record(candidate, proposal)
            return proposal
        }
    }

    /// A, B, … Z, AA, AB…
    static func letters(_ number: Int) -> String {
        var number = number
        var out = ""
        while number > 0 {
            number -= 1
            out = String(UnicodeScalar(UInt8(65 + number % 26))) + out
            number /= 26
        }
        return out
    }
}

extension Pseudonym.Kind: ExpressibleByArgument {}
