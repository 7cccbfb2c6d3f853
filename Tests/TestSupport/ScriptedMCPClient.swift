import CodingEngine
import Foundation

/// A scripted Model Context Protocol client: starts `intertwine mcp` (or any command)
/// with pipes on its standard input and output, sends JSON-RPC messages a line each and
/// reads the answers, every one waited for at most `deadline` seconds; the child is
/// killed when the client is closed or a deadline passes.
public final class ScriptedMCPClient {
    /// A request that got no answer in time, or an answer that was not JSON.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private let child: ChildProcesses.Child
    private let input: FileHandle
    private let output: Int32
    private let errors: Int32
    private var buffered: [UInt8] = []
    private var nextID = 0
    public let deadline: TimeInterval

    public init(_ binary: Binary, _ arguments: [String], deadline: TimeInterval = 30) throws {
        let stdin = try ChildProcesses.pipe(), stdout = try ChildProcesses.pipe(), stderr = try ChildProcesses.pipe()
        child = try ChildProcesses.start(
            Binary.url.path, arguments, environment: binary.environment, directory: binary.folder.path,
            input: .descriptor(stdin.read), output: .descriptor(stdout.write), errors: .descriptor(stderr.write))
        [stdin.read, stdout.write, stderr.write].forEach { _ = Glibc.close($0) }
        input = FileHandle(fileDescriptor: stdin.write, closeOnDealloc: true)
        output = stdout.read
        errors = stderr.read
        self.deadline = deadline
    }

    deinit {
        child.signal(SIGKILL)
        _ = child.wait()
        _ = Glibc.close(output)
        _ = Glibc.close(errors)
    }

    /// Sends a request and returns its answer (`result` or `error`, as sent).
    @discardableResult
    public func request(_ method: String, _ params: [String: Any] = [:]) throws -> [String: Any] {
        nextID += 1
        try send(["jsonrpc": "2.0", "id": nextID, "method": method, "params": params])
        while true {
            let message = try receive()
            // Requests or notifications from the server (none expected) are passed over.
            if let id = message["id"] as? Int, id == nextID { return message }
        }
    }

    /// Sends a notification (no answer).
    public func notify(_ method: String, _ params: [String: Any] = [:]) throws {
        try send(["jsonrpc": "2.0", "method": method, "params": params])
    }

    /// Initializes the session as a client named `name`, as a client does first.
    @discardableResult
    public func initialize(name: String = "Scripted Client", version: String = "0.1") throws -> [String: Any] {
        let answer = try request(
            "initialize",
            [
                "protocolVersion": "2025-06-18", "capabilities": [:] as [String: Any],
                "clientInfo": ["name": name, "version": version],
            ])
        try notify("notifications/initialized")
        return answer
    }

    /// Calls a tool; returns its text and whether it is an error.
    public func call(_ tool: String, _ arguments: [String: Any] = [:]) throws -> (text: String, isError: Bool) {
        let answer = try request("tools/call", ["name": tool, "arguments": arguments])
        guard let result = answer["result"] as? [String: Any],
            let content = result["content"] as? [[String: Any]], let text = content.first?["text"] as? String
        else { throw Failure(description: "no tool result in \(answer)") }
        return (text, result["isError"] as? Bool ?? false)
    }

    /// Calls a tool whose answer is a JSON object.
    public func callJSON(_ tool: String, _ arguments: [String: Any] = [:]) throws -> [String: Any] {
        let (text, isError) = try call(tool, arguments)
        guard !isError, let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw Failure(description: "\(tool) answered: \(text)")
        }
        return object
    }

    /// Closes the server's input, as a client leaving does, and returns how it exited
    /// and what it wrote on standard error (killed after the deadline).
    public func close() throws -> (status: Int32, stderr: String) {
        try input.close()
        let timer = DispatchWorkItem { [child] in child.signal(SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + deadline, execute: timer)
        let stderr = Binary.readAll(FileHandle(fileDescriptor: dup(errors), closeOnDealloc: true))
        let ended = child.wait()
        timer.cancel()
        return (ended.signal == SIGKILL ? -9 : ended.status, String(decoding: stderr, as: UTF8.self))
    }

    private func send(_ message: [String: Any]) throws {
        var line = try JSONSerialization.data(withJSONObject: message)
        line.append(UInt8(ascii: "\n"))
        try input.write(contentsOf: line)
    }

    /// The next line the server writes, as a JSON object.
    private func receive() throws -> [String: Any] {
        let end = Date().addingTimeInterval(deadline)
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Data(buffered[..<newline])
                buffered.removeSubrange(...newline)
                guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
                    throw Failure(description: "not a JSON-RPC message: \(String(decoding: line, as: UTF8.self))")
                }
                return object
            }
            let left = end.timeIntervalSinceNow
            guard left > 0 else { throw Failure(description: "no answer within \(Int(deadline)) s") }
            var poller = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(left, 1) * 1000)) >= 0 else { continue }
            guard poller.revents != 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = read(output, &chunk, chunk.count)
            guard count > 0 else { throw Failure(description: "the server closed its output") }
            buffered += chunk[..<count]
        }
    }
}
