import ArgumentParser
import CodingEngine

/// `--pseudonymise` / `--no-pseudonymise`: whether what a command writes has the
/// pseudonym table's real names replaced. Without either, the project's setting
/// (`intertwine pseudonym default`) decides.
struct PseudonymOptions: ParsableArguments {
    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Write it pseudonymised: every real name of the pseudonym table replaced, offsets mapped (the default when `intertwine pseudonym default on`)."
        ))
    var pseudonymise: Bool?

    /// The table to write with, or nil for real names. Asked for with an empty table,
    /// it refuses: an export that looks pseudonymised but is not would be worse than none.
    func pseudonymiser(_ project: Project) throws -> Pseudonymiser? {
        guard try pseudonymise ?? project.pseudonymisesByDefault() else { return nil }
        let table = try project.pseudonymiser()
        guard !table.isEmpty else {
            throw ValidationError(
                "the pseudonym table is empty, so nothing would be pseudonymised: add names with `intertwine pseudonym add REAL PSEUDONYM` (or see `intertwine pseudonym suggest`)"
            )
        }
        return table
    }
}
