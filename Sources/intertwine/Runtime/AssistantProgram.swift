#if AIAssistant
    import ArgumentParser
    import Foundation

    /// `intertwine-mcp`, the AI assistant's server, installed beside `intertwine`: a
    /// program of its own so that the MCP library and the networking it links (curl,
    /// TLS, Kerberos: 29 more shared libraries) load only when an assistant is served,
    /// not at the start of every command.
    enum AssistantProgram {
        /// The program's file name.
        static let name = "intertwine-mcp"

        /// Where the server is: beside this program's own file (symbolic links resolved).
        static func path() throws -> String {
            let own = URL(fileURLWithPath: ownPath()).resolvingSymlinksInPath()
            let server = own.deletingLastPathComponent().appendingPathComponent(name).path
            guard access(server, X_OK) == 0 else {
                throw ValidationError(
                    "the assistant's server \(server) is missing: install intertwine with scripts/install "
                        + "(or build every program with `swift build`), which puts \(name) beside intertwine")
            }
            return server
        }

        /// Replaces this process with the server, keeping standard input and output.
        static func exec(_ arguments: [String]) throws -> Never {
            let pointers = arguments.map { strdup($0) } + [nil]
            execv(arguments[0], pointers)
            let reason = String(cString: strerror(errno))
            throw ValidationError("the assistant's server \(arguments[0]) could not be started: \(reason)")
        }

        /// This program's file: /proc/self/exe on Linux, else the path it was started by.
        private static func ownPath() -> String {
            if let linked = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                return linked
            }
            let started = CommandLine.arguments[0]
            if started.contains("/") { return started }
            let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            return directories.map { "\($0)/\(started)" }.first { access($0, X_OK) == 0 } ?? started
        }
    }
#endif
