import CodingEngine
import Foundation

/// Runs the built `intertwine` binary as a researcher would, in a temporary folder.
public struct Binary: Sendable {
    /// What a run printed and how it exited.
    public struct Run: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The built binary: beside the test bundle in SwiftPM's build folder.
    public static let url: URL = {
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("intertwine"))
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("intertwine"))
        candidates.append(Support.root.appendingPathComponent(".build/debug/intertwine"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// The repository's root folder.
    public static var root: URL { Support.root }

    public let folder: URL
    public var environment: [String: String]

    /// A binary run in a fresh temporary folder, with a project and coder set through
    /// the environment, no terminal, and a private data folder for the demo.
    public init() throws {
        folder = try Support.temporaryFolder("intertwine-e2e")
        environment = [
            "PATH": "/usr/bin:/bin", "HOME": folder.path, "XDG_DATA_HOME": folder.appendingPathComponent("data").path,
            "INTERTWINE_PROJECT": folder.appendingPathComponent("project.db").path, "INTERTWINE_CODER": "ana",
        ]
    }

    public var projectPath: String { environment["INTERTWINE_PROJECT"]! }

    @discardableResult
    public func run(_ arguments: String...) throws -> Run { try run(arguments) }

    /// Runs the binary; a run that takes longer than `timeout` seconds is killed and
    /// reported with status -9 and "timed out" on stderr, so that a hang fails a test
    /// instead of stopping the suite.
    public func run(_ arguments: [String], timeout: TimeInterval = 120, stdout output: FileHandle? = nil) throws -> Run
    {
        try Self.run(
            Self.url.path, arguments, environment: environment, directory: folder.path, timeout: timeout, stdout: output
        )
    }

    /// Runs `tool` with `arguments`, reading what it prints (standard output into
    /// `stdout` when given); killed after `timeout` seconds, as `run` says.
    public static func run(
        _ tool: String, _ arguments: [String], environment: [String: String], directory: String,
        timeout: TimeInterval = 120, stdout output: FileHandle? = nil
    ) throws -> Run {
        let out = try ChildProcesses.pipe(), err = try ChildProcesses.pipe()
        let child: ChildProcesses.Child
        do {
            child = try ChildProcesses.start(
                tool, arguments, environment: environment, directory: directory,
                output: .descriptor(output?.fileDescriptor ?? out.write), errors: .descriptor(err.write))
        } catch {
            [out.read, out.write, err.read, err.write].forEach { _ = close($0) }
            throw error
        }
        close(out.write)
        close(err.write)
        let timer = DispatchWorkItem { child.signal(SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        final class Box: @unchecked Sendable { var data = Data() }
        let collected = Box()
        let reading = DispatchGroup()
        reading.enter()
        DispatchQueue.global().async {
            collected.data = Self.readAll(FileHandle(fileDescriptor: out.read, closeOnDealloc: true))
            reading.leave()
        }
        let stderr = Self.readAll(FileHandle(fileDescriptor: err.read, closeOnDealloc: true))
        reading.wait()
        let ended = child.wait()
        timer.cancel()
        let killed = ended.signal == SIGKILL
        return Run(
            status: killed ? -9 : ended.status, stdout: String(decoding: collected.data, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self) + (killed ? "timed out after \(Int(timeout)) s" : ""))
    }

    /// Runs the binary with its standard error on a terminal (a pseudo-terminal this
    /// test holds) and its standard output on the same terminal, or on a pipe when
    /// `pipingOutput`: what a researcher at a terminal sees, control sequences and all.
    public func runInTerminal(_ arguments: [String], pipingOutput: Bool = false) throws -> (
        status: Int32, terminal: String, stdout: String
    ) {
        // The C library's pseudo-terminal calls, which Swift's Glibc module leaves out.
        func function<T>(_ name: String, as type: T.Type) throws -> T {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
                throw CocoaError(.featureUnsupported)
            }
            return unsafeBitCast(symbol, to: type)
        }
        let openpt = try function("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)
        let grant = try function("grantpt", as: (@convention(c) (Int32) -> Int32).self)
        let unlock = try function("unlockpt", as: (@convention(c) (Int32) -> Int32).self)
        let name = try function("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
        let master = openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, grant(master) == 0, unlock(master) == 0, let path = name(master),
            let terminal = FileHandle(forUpdatingAtPath: String(cString: path))
        else {
            throw CocoaError(.fileNoSuchFile)
        }
        let out = try ChildProcesses.pipe()
        let child = try ChildProcesses.start(
            Self.url.path, arguments, environment: environment.merging(["TERM": "xterm"]) { $1 },
            directory: folder.path,
            output: .descriptor(pipingOutput ? out.write : terminal.fileDescriptor),
            errors: .descriptor(terminal.fileDescriptor))
        close(out.write)
        try terminal.close()
        final class Box: @unchecked Sendable { var data = Data() }
        let piped = Box()
        let reading = DispatchGroup()
        reading.enter()
        DispatchQueue.global().async {
            piped.data = Self.readAll(FileHandle(fileDescriptor: out.read, closeOnDealloc: true))
            reading.leave()
        }
        // The terminal's side reads until the program has closed it (EIO on Linux).
        let shown = Self.readAll(FileHandle(fileDescriptor: master, closeOnDealloc: true))
        reading.wait()
        let ended = child.wait()
        return (ended.status, String(decoding: shown, as: UTF8.self), String(decoding: piped.data, as: UTF8.self))
    }

    /// Everything a pipe gives until its end. Foundation's `readDataToEndOfFile` traps
    /// (`try!`) when a read is interrupted by a signal (EINTR), which a busy test run
    /// sees; this retries the read instead.
    public static func readAll(_ handle: FileHandle, upTo limit: Int = .max) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let descriptor = handle.fileDescriptor
        while data.count < limit {
            let want = min(buffer.count, limit - data.count)
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, want) }
            if count > 0 { data.append(contentsOf: buffer[0..<count]); continue }
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            return data
        }
        return data
    }

    /// Writes a file in the run's folder and returns its path.
    @discardableResult
    public func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    @discardableResult
    public func write(_ text: String, _ name: String) throws -> String { try write(Array(text.utf8), name) }

    /// Parses JSON printed by a command.
    public static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// Everything the project holds, as its own listings show it, to prove that a
    /// refused command changed nothing.
    public func projectContents() throws -> String {
        try [["documents"], ["cases"], ["codebook"], ["codings"]].map { command in
            try run(command + ["--format", "json"]).stdout
        }.joined(separator: "\n")
    }
}
