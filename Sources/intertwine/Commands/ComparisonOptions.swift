import ArgumentParser
import CodingEngine

/// What `agree`, `disagreements` and `consensus` compare: the coders, the documents,
/// and whether documents a coder has not coded are compared too.
struct ComparisonOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The coders compared, comma-separated (agree takes more than two).", valueName: "a,b"))
    var coders: String

    @Option(name: .customLong("doc"), help: ArgumentHelp("Only this document; repeatable.", valueName: "name"))
    var documents: [String] = []

    @Flag(
        help:
            "Compare every document, also those a coder has not coded anything in nor marked done (by default they are left out and named)."
    )
    var allDocuments = false

    /// The coders' names, in the order given.
    var names: [String] { Self.names(coders) }

    /// `a,b` → ["a", "b"], spaces around names dropped.
    static func names(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The documents left out, as a line for a table's footer (nil when none was).
    static func leftOutLine(_ leftOut: [LeftOutDocument]) -> String? {
        LeftOutDocument.summary(leftOut).map { $0 + "\n" }
    }
}
