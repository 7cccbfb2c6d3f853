import CodingEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if AIAssistant
    import AssistantServer
#endif

/// `intertwine-mcp`: the AI assistant's server, a program of its own so that the MCP
/// library (and the networking it links: curl, TLS, Kerberos) is loaded only when an
/// assistant is served, never at the start of every other command. `intertwine mcp`
/// checks the project, the switch and the coder, then hands over to it with `exec`:
///
///     intertwine-mcp --project PATH --coder PERSON [--as NAME]
///
/// Standard input and output are the client's, untouched.
@main
enum AssistantHandover {
    static func main() async {
        #if AIAssistant
            let arguments = Array(CommandLine.arguments.dropFirst())
            guard let handover = Handover(arguments) else {
                fail(
                    "intertwine-mcp is started by `intertwine mcp` (configure your assistant's client with "
                        + "`intertwine mcp --project FILE`), not by hand")
            }
            do {
                let project = try Project.open(at: handover.project)
                try await AssistantServer.serve(project: project, person: handover.person, name: handover.name)
            } catch {
                fail((error as? any ResearcherError)?.description ?? "\(error)")
            }
        #else
            fail("this intertwine was built without the AI assistant (swift build --disable-default-traits)")
        #endif
    }

    /// Prints `message` as intertwine's errors are printed and exits with status 1.
    static func fail(_ message: String) -> Never {
        let line = "intertwine: \(message)\n"
        _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
        exit(1)
    }
}

/// What `intertwine mcp` hands over: the project file, the person the assistant works
/// for, and the assistant's name if `--as` gave one.
struct Handover: Equatable {
    var project: String
    var person: String
    var name: String?

    /// Reads `--project PATH --coder PERSON [--as NAME]`; nil for anything else.
    init?(_ arguments: [String]) {
        var values: [String: String] = [:]
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard ["--project", "--coder", "--as"].contains(flag), values[flag] == nil, let value = rest.popFirst()
            else { return nil }
            values[flag] = value
        }
        guard let project = values["--project"], let person = values["--coder"] else { return nil }
        self.project = project
        self.person = person
        self.name = values["--as"]
    }
}
