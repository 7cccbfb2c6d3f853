import ArgumentParser
import CodingEngine
import Foundation
import TeamServer

/// `intertwine push FILE --to URL`: move a file project to a team server.
struct PushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Move a file project to a new team project on a PostgreSQL server.",
        discussion: """
            Every case, document, code, coding and memo goes, with its GUID, in one transaction: on any failure the \
            database is left as it was. The file is not changed. You become the team project's first lead.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The file project to move.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The team project to make: postgresql://HOST[:PORT]/DATABASE.", valueName: "url"))
    var to: String

    func run() throws {
        let source = try Project.snapshot(of: file)
        let address = try TeamAddress(to, environment: global.environment)
        let moved = try TeamProject.push(source, to: address, environment: global.environment)
        let count = { (table: String) in moved.rows[table] ?? 0 }
        emit(
            "pushed \(file) to \(address.displayName): \(Words.count(count("documents"), "document")), \(Words.count(count("codes"), "code")), "
                + "\(Words.count(count("codings"), "coding")), \(Words.count(count("memos"), "memo")), \(Words.count(count("coders"), "coder"))\n"
        )
        emit("next: intertwine team add NAME --project \(to), then each coder works with --project \(to)\n")
    }
}

/// `intertwine pull URL -o FILE`: a file copy of a team project, to work offline.
struct PullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Copy a team project into a new file project, to work on offline.",
        discussion: "The copy keeps every GUID; nothing at FILE is written over."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The team project: postgresql://HOST[:PORT]/DATABASE.", valueName: "url"))
    var url: String

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The file project to write.", valueName: "file"))
    var output: String

    func run() throws {
        let address = try TeamAddress(url, environment: global.environment)
        try TeamProject.pull(address, to: output, environment: global.environment)
        let copy = try Project.openForReading(at: output)
        emit(
            "pulled \(address.displayName) into \(output): \(Words.count(try copy.documentSizes().count, "document")), "
                + "\(Words.count(try copy.codings(CodingFilter(), includeText: false).count, "coding"))\n")
    }
}

/// `intertwine sync FILE --with URL`: offline work brought back, and the file brought up to date.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Bring a pulled file project and its team project level, both ways.",
        discussion: """
            What the file changed since it was pulled (or last synced) goes to the server in one write, matched by \
            GUID: codings, memos, the codebook, done marks, decisions, saved queries, cell summaries and history. \
            Where the server changed the same record too, the server's is kept and the file's is reported (a code's \
            version kept as a memo on it, a memo's text added beside the server's). Then the file becomes a copy of \
            the team project. Documents and cases are changed on the team project itself: a file that changed them is \
            refused, and nothing is changed.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The file project pulled from the team project.", valueName: "file"))
    var file: String

    @Option(
        name: .customLong("with"),
        help: ArgumentHelp("The team project: postgresql://HOST[:PORT]/DATABASE.", valueName: "url"))
    var with: String

    func run() throws {
        let address = try TeamAddress(with, environment: global.environment)
        let report = try TeamProject.sync(file, with: address, environment: global.environment)
        emit("synced \(file) with \(address.displayName)\n")
        emit("to the server: \(report.up.sentence)\n")
        emit("to the file: \(report.down.sentence)\n")
        for line in report.bothChanged { emit("changed on both sides: \(line)\n") }
    }
}

/// `intertwine team`: the members of team projects on a server.
struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Add coders and leads to the team projects on a PostgreSQL server.",
        discussion: """
            Each coder is a PostgreSQL role: a coder may add, change and remove only their own codings and memos (the \
            server's row-level security sees to it, even through psql); a lead may also change the codebook, cases and \
            documents.
            """,
        subcommands: [TeamAddCommand.self]
    )
}

/// `intertwine team add NAME [--lead]`.
struct TeamAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Make NAME a coder (or, with --lead, a lead) of the team projects on the server.",
        discussion: """
            Makes the login role NAME when there is none. With --password-stdin the first line of standard input is \
            NAME's password: it is turned into PostgreSQL's SCRAM form here, so the password itself never reaches the \
            server or its logs. Needs a role that may create roles.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The coder's name, which is their PostgreSQL role.", valueName: "name"))
    var name: String

    @Flag(help: "Also a lead: may change the codebook, cases, documents and anyone's codings.")
    var lead = false

    @Flag(help: "Read NAME's password from the first line of standard input.")
    var passwordStdin = false

    func run() throws {
        guard global.isTeamProject else {
            throw ValidationError("name the team project's server with --project postgresql://HOST[:PORT]/DATABASE")
        }
        var password: String?
        if passwordStdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError("--password-stdin: standard input has no password on its first line")
            }
            password = line
        }
        let address = try global.teamAddress()
        emit(try TeamProject.addMember(Name.normalized(name), lead: lead, password: password, on: address) + "\n")
    }
}
