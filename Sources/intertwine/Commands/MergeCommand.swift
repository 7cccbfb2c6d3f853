import ArgumentParser
import CodingEngine

/// `intertwine merge`: bring in another coder's project.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Bring another project's codings, coders, memos and new codes into this one.",
        discussion: """
            Documents are matched by the sha256 of their text (a document whose text differs is reported, never \
            merged); codes by path. Merging the same file twice changes nothing. One transaction.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The other project file.", valueName: "other.db"))
    var other: String

    func run() throws {
        let report = try global.openProject().merge(from: other)
        for name in report.unmatched { emit("not merged: \(name) (its text is not in this project)\n") }
        for path in report.codesAdded { emit("code added: \(path)\n") }
        for coder in report.codersAdded { emit("coder added: \(coder)\n") }
        emit(
            "\(Words.count(report.matched.count, "document")) matched, \(report.unmatched.count) not; \(Words.count(report.codingsAdded, "coding")) added, "
        )
        emit(
            "\(report.codingsAlreadyHere) already here; \(Words.count(report.memosAdded, "memo")) added"
                + (report.settlementsAdded > 0
                    ? "; \(Words.count(report.settlementsAdded, "settling decision")) added" : "") + "\n")
    }
}
