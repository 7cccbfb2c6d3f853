import Foundation

/// How this program starts other programs: the player, and in the tests and the
/// benchmark the binary itself, psql, pg_ctl and python. Foundation's `Process.run()`
/// on Linux crashed (a bad copy inside it, in memmove) when other threads started
/// processes or opened files at the same moment, so every start goes through here:
/// posix_spawn, under one lock, the child given no open file of this process but
/// the three it is handed (a server started so once counted the test run's open
/// projects against its own limit, and refused to start).
public enum ChildProcesses {
    /// Held while a child is being started.
    public static let starting = NSLock()

    /// Where one of a child's standard streams goes.
    public enum Stream: Sendable {
        /// `/dev/null`.
        case null
        /// A file, made or emptied (standard input: read).
        case file(String)
        /// A descriptor of this process (a pipe's end, a terminal).
        case descriptor(Int32)
        /// Standard error only: wherever standard output goes.
        case sameAsOutput
    }

    /// A started child, to be waited for once.
    public struct Child: Sendable {
        public let pid: pid_t

        /// Waits until it ends; its exit code, or 128 + the signal that ended it.
        public func wait() -> Ended {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 {
                guard errno == EINTR else { return Ended(code: -1, signal: nil) }
            }
            return status & 0x7f == 0
                ? Ended(code: (status >> 8) & 0xff, signal: nil) : Ended(code: nil, signal: status & 0x7f)
        }

        /// Whether it has ended, without waiting; the ending when it has (it then
        /// counts as waited for).
        public func ended() -> Ended? {
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            return status & 0x7f == 0
                ? Ended(code: (status >> 8) & 0xff, signal: nil) : Ended(code: nil, signal: status & 0x7f)
        }

        /// Sends `signal` (SIGTERM unless told).
        public func signal(_ number: Int32 = SIGTERM) { _ = kill(pid, number) }
    }

    /// How a child ended: an exit code, or a signal.
    public struct Ended: Equatable, Sendable {
        public var code: Int32?
        public var signal: Int32?
        public init(code: Int32?, signal: Int32?) {
            self.code = code
            self.signal = signal
        }
        /// The shell's number for it: the exit code, or 128 + the signal.
        public var status: Int32 { code ?? 128 + (signal ?? 0) }
    }

    /// Starts `tool` (a path, or with `searchPath` a name looked for on PATH) with
    /// `arguments` in `directory` (this process's unless given). Throws the system's
    /// reason when it cannot start.
    public static func start(
        _ tool: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
        input: Stream = .null, output: Stream = .null, errors: Stream = .null,
        searchPath: Bool = false
    ) throws -> Child {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        func attach(_ stream: Stream, to descriptor: Int32) {
            switch stream {
            case .null:
                posix_spawn_file_actions_addopen(
                    &actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
            case .file(let path):
                posix_spawn_file_actions_addopen(
                    &actions, descriptor, path, descriptor == 0 ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            case .descriptor(let source): posix_spawn_file_actions_adddup2(&actions, source, descriptor)
            case .sameAsOutput: posix_spawn_file_actions_adddup2(&actions, 1, descriptor)
            }
        }
        attach(input, to: 0)
        attach(output, to: 1)
        attach(errors, to: 2)
        if let directory {
            guard let changeDirectory else {
                throw SpawnFailed(tool: tool, reason: "this C library cannot start a program in another folder")
            }
            _ = changeDirectory(&actions, directory)
        }
        _ = closeFrom?(&actions, 3)
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        let envp = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        starting.lock()
        let status =
            searchPath
            ? posix_spawnp(&pid, tool, &actions, nil, argv, envp) : posix_spawn(&pid, tool, &actions, nil, argv, envp)
        starting.unlock()
        guard status == 0 else { throw SpawnFailed(tool: tool, reason: String(cString: strerror(status))) }
        return Child(pid: pid)
    }

    /// A pipe whose ends a child started later does not inherit unless handed one.
    public static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        starting.lock()
        defer { starting.unlock() }
        guard Glibc.pipe(&ends) == 0 else { throw SpawnFailed(tool: "pipe", reason: String(cString: strerror(errno))) }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        return (ends[0], ends[1])
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later) and
    /// `posix_spawn_file_actions_addchdir_np` (2.29), which Swift's view of glibc
    /// leaves out; nil where the C library has none.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? =
        function("posix_spawn_file_actions_addclosefrom_np")
    private static let changeDirectory:
        (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? =
            function("posix_spawn_file_actions_addchdir_np")

    private static func function<T>(_ name: String) -> T? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: T.self)
    }

    /// Why a child could not be started.
    public struct SpawnFailed: Error, CustomStringConvertible {
        public let tool: String
        public let reason: String
        public var description: String { "cannot start \(tool): \(reason)" }
    }
}
