import ArgumentParser
import CodingEngine

/// `intertwine blind on|off`: blind coding for the project.
struct BlindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blind",
        abstract:
            "Turn blind coding on or off: while on, a coder sees no other coder's codings of a document until they mark it done.",
        discussion: """
            While on, the workbench and the command line show each coder only their own codings, and the others' of the \
            documents they marked done (`intertwine document done NAME`, or :done in the workbench). Every coding records \
            whether its coder could see another coder's codings of the document when it was made; `agree` says how many \
            of the compared codings were made blind and `agree --independent` compares only those. Without on or off: \
            whether it is on.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: Switch.help) var setting: Switch?

    func run() throws {
        let project = try global.openProject()
        if let setting { try project.setBlindCoding(setting == .on) }
        let on = try project.blindCoding()
        let done = try project.documentsDone(coder: (try? global.coderName()) ?? "")
        emit(
            "blind coding is \(on ? "on" : "off")\(on ? ": each coder sees only their own codings until they mark a document done" : "")\n"
        )
        if on, let coder = try? global.coderName() {
            emit("\(coder) has marked \(done.count) of \(try project.documentSizes().count) documents done\n")
        }
    }
}
