import Foundation
import CodingEngine
#if canImport(Glibc)
    import Glibc
#endif

/// One command run as a whole process, the way a researcher runs it: started,
/// waited for, its wall time from the monotonic clock and its peak memory from the
/// kernel's accounting of the finished child.
struct WholeProcess {
    /// What one run took.
    struct Run {
        var seconds: Double
        var peakBytes: Int
    }

    /// Runs `arguments[0]` (a path, or a name looked up on PATH) with the rest as its
    /// arguments, standard input empty, standard output to `output` (else thrown
    /// away) and standard error thrown away. Throws when it cannot start or exits
    /// with a status other than 0.
    static func run(
        _ arguments: [String], output: String? = nil, directory: String? = nil, refusing: Bool = false,
        environment: [String: String]? = nil
    ) throws -> Run {
        // The peak memory is GNU time's report of the command: the kernel's figure for a
        // child started straight from this (large) process would start at this
        // process's own size, since a spawned child inherits it until exec.
        let timeFile = NSTemporaryDirectory() + "intertwine-bench-peak-\(getpid())-\(UUID().uuidString)"
        let measured = FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
        var run = try start(
            measured ? ["/usr/bin/time", "-f", "%M", "-o", timeFile] + arguments : arguments, output: output,
            directory: directory,
            refusing: refusing, environment: environment)
        if measured {
            let kilobytes = (try? String(contentsOfFile: timeFile, encoding: .utf8))?.split(separator: "\n").last
                .flatMap { Int($0) }
            run.peakBytes = (kilobytes ?? 0) * 1024
            try? FileManager.default.removeItem(atPath: timeFile)
        } else {
            run.peakBytes = 0
        }
        return run
    }

    /// `refusing`: the command is expected to refuse (a status from 1 to 125), as a
    /// hostile input's should; a crash or a success is then the failure.
    private static func start(
        _ arguments: [String], output: String?, directory: String?, refusing: Bool, environment: [String: String]?
    ) throws -> Run {
        // What it says on standard error is kept for the failure's message.
        let errorFile = NSTemporaryDirectory() + "intertwine-bench-errors-\(getpid())-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: errorFile) }
        let start = DispatchTime.now().uptimeNanoseconds
        let child: ChildProcesses.Child
        do {
            child = try ChildProcesses.start(
                arguments[0], Array(arguments.dropFirst()), environment: environment, directory: directory,
                output: output.map { .file($0) } ?? .null, errors: .file(errorFile), searchPath: true)
        } catch {
            throw BenchFailure("\(error)")
        }
        let pid = child.pid
        var exitStatus: Int32 = 0
        var usage = rusage()
        while wait4(pid, &exitStatus, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let code = exitStatus & 0x7f == 0 ? (exitStatus >> 8) & 0xff : 128 + (exitStatus & 0x7f)
        let expected = refusing ? (1...125).contains(code) : code == 0
        guard expected else {
            let said = (try? String(contentsOfFile: errorFile, encoding: .utf8))?.split(separator: "\n").last ?? ""
            throw BenchFailure(
                "\(arguments.prefix(8).joined(separator: " ")) \(refusing ? "was not refused" : "failed") (status \(code)): \(said)"
            )
        }
        return Run(seconds: seconds, peakBytes: Int(usage.ru_maxrss) * 1024)
    }
}

/// A benchmark step that could not be run; its message says which.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
