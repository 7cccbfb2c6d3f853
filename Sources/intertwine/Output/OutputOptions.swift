import ArgumentParser
import CodingEngine

/// `-o FILE [--force]`: where a command writes what it produces, and whether it may
/// replace an existing file. Without `-o`, standard output.
struct OutputOptions: ParsableArguments {
    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp(
            "The file to write (an existing file only with --force; never a project, folder or device).",
            valueName: "file"))
    var output: String?

    @Flag(help: "Replace the file named by -o if it exists.")
    var force = false

    /// Refuses the target before any work is done (see `OutputFile.check`).
    func check() throws {
        if let output { try OutputFile.check(output, replacing: force) }
    }

    /// Writes `text` to the file, whole or not at all, and says so with `summary`;
    /// without `-o`, writes it to standard output as data.
    func write(_ text: String, summary: String) throws {
        guard let output else {
            emit(text, data: true)
            return
        }
        try OutputFile.write(Array(OutputPseudonyms.text(text).utf8), to: output, replacing: force)
        emit("wrote \(output): \(summary)\n")
    }
}
