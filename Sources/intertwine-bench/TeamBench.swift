import BenchCorpus
import CodingEngine
import Foundation
import Synchronization

/// `intertwine-bench --team`: team projects timed as a researcher waits, against a
/// throw-away PostgreSQL cluster (`scripts/pg-cluster`, run from the repository's
/// folder), each figure beside the file project's on the same data in the same run:
/// `code add` as one writer and as five at once (whole processes, and the server's own
/// time from a write's start to its commit), `push` of the corpus with its codings, the
/// first open of it from the server (its replica built), and `stats` and `agree` on it.
enum TeamBench {
    /// The writers' roles, each with the password `NAME-pw`.
    static let writers = ["w1", "w2", "w3", "w4", "w5"]

    static func run(_ cli: URL, folder: URL, interviews: Int, codings codingCount: Int, repeats: Int) throws {
        let binary = cli.path
        let script = FileManager.default.currentDirectoryPath + "/scripts/pg-cluster"
        guard FileManager.default.isExecutableFile(atPath: script) else {
            throw BenchFailure("--team starts PostgreSQL with scripts/pg-cluster: run it from the repository's folder")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The cluster runs as postgres when this runs as root: it must reach its folder.
        chmod(folder.path, 0o755)
        let server = try Cluster.start(script: script, folder: folder.appendingPathComponent("cluster").path)
        defer { server.stop() }
        try server.psql(
            "postgres",
            ["CREATE ROLE lena LOGIN CREATEROLE PASSWORD 'lena-pw'"]
                + writers.map { "CREATE ROLE \($0) LOGIN PASSWORD '\($0)-pw'" }
                + ["CREATE DATABASE small OWNER lena", "CREATE DATABASE large OWNER lena"])
        @Sendable func environment(_ user: String) -> [String: String] {
            server.environment.merging([
                "PGUSER": user, "PGPASSWORD": "\(user)-pw", "INTERTWINE_CODER": user,
                "HOME": folder.appendingPathComponent("home-\(user)").path,
                "XDG_CACHE_HOME": folder.appendingPathComponent("cache-\(user)").path,
            ]) { $1 }
        }
        @Sendable func run(_ user: String, _ arguments: [String], output: String? = nil) throws -> WholeProcess.Run {
            try WholeProcess.run([binary] + arguments, output: output, environment: environment(user))
        }
        let small = server.address("small"), large = server.address("large")

        // The writers' project: a few interviews, on the server and in a file.
        let files = folder.appendingPathComponent("files-small")
        var corpus = SyntheticCorpus(interviews: min(interviews, 20), wordsPerInterview: 2_000)
        _ = try corpus.write(to: files)
        let file = folder.appendingPathComponent("writers.db").path
        _ = try run("lena", ["init", "--project", small])
        _ = try run("lena", ["import", "--project", small, files.path])
        for writer in writers { _ = try run("lena", ["team", "add", writer, "--project", small]) }
        _ = try run("w1", ["init", "--project", file])
        _ = try run("w1", ["import", "--project", file, files.path])
        // The one writer codes the first interview; each of the five writers one of its own.
        let names = try Project.open(at: file).documentSizes().map(\.name)
        guard names.count > writers.count else { throw BenchFailure("--team needs at least 6 interviews") }
        let document = names[0]
        var next = 0
        func codeAdd(_ user: String, _ project: String) throws -> Double {
            next += 1
            let start = next * 3
            return try run(
                user,
                [
                    "code", "add", "--doc", document, "--start", String(start), "--end", String(start + 2), "--code",
                    "Processes/Intuiting", "--project", project,
                ]
            ).seconds
        }
        let count = max(20, repeats * 6)
        var table = Table()
        let onFile = try (0..<count).map { _ in try codeAdd("w1", file) }
        let seqBefore = try server.seq("small")
        let alone = try (0..<count).map { _ in try codeAdd("w1", small) }
        let seqAlone = try server.seq("small")
        // Five writers at once, each its own process after the other.
        let results = Mutex<(times: [Double], failures: [String])>(([], []))
        let group = DispatchGroup()
        for (number, writer) in writers.enumerated() {
            DispatchQueue.global().async(group: group) {
                for n in 0..<count {
                    let start = n * 3
                    do {
                        let seconds = try run(
                            writer,
                            [
                                "code", "add", "--doc", names[1 + number], "--start", String(start), "--end",
                                String(start + 2), "--code", "Processes/Interpreting", "--project", small,
                            ]
                        ).seconds
                        results.withLock { $0.times.append(seconds) }
                    } catch {
                        results.withLock { $0.failures.append("\(error)") }
                    }
                }
            }
        }
        group.wait()
        let (together, failures) = results.withLock { ($0.times, $0.failures) }
        if let failure = failures.first { throw BenchFailure("five writers: \(failure)") }
        table.add("`code add` on a file project (one process each)", onFile)
        table.add("`code add` on the team project, one writer", alone, beside: onFile, target: 1.5)
        table.add("`code add` on the team project, five writers at once", together, beside: onFile)
        table.add(
            "the server's own time per write (start to commit), one writer",
            try server.writeTimes("small", after: seqBefore, upTo: seqAlone))
        table.add(
            "the server's own time per write (start to commit), five writers",
            try server.writeTimes("small", after: seqAlone, upTo: nil), limit: 0.020)

        // The corpus with its codings: pushed, opened from the server, read.
        let largeFiles = folder.appendingPathComponent("files-large")
        var largeCorpus = SyntheticCorpus(interviews: interviews, wordsPerInterview: 10_000)
        _ = try largeCorpus.write(to: largeFiles)
        let study = folder.appendingPathComponent("study.db").path
        _ = try run("lena", ["init", "--project", study])
        _ = try run("lena", ["import", "--project", study, largeFiles.path])
        let project = try Project.open(at: study)
        try project.addCodings(
            try SyntheticCodings.make(project, documents: try project.documents(), count: codingCount))
        try project.checkpoint()
        var pushes: [WholeProcess.Run] = []
        for n in 0..<max(1, repeats / 2) {
            if n > 0 { try server.psql("postgres", ["DROP DATABASE large", "CREATE DATABASE large OWNER lena"]) }
            pushes.append(try run("lena", ["push", study, "--to", large]))
        }
        table.add("`push` of \(interviews) interviews and \(codingCount) codings", pushes.map(\.seconds), limit: 5)
        var opens: [WholeProcess.Run] = []
        for _ in 0..<max(1, repeats / 2) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("cache-w1"))
            opens.append(try run("w1", ["stats", "--project", large], output: "/dev/null"))
        }
        table.add(
            "first open from the server (`stats`, the replica built)", opens.map(\.seconds), limit: 3,
            peak: opens.map(\.peakBytes).max(), peakLimit: 200_000_000)
        for (name, arguments) in [
            ("`stats --by case --format json`", ["stats", "--by", "case", "--format", "json"]),
            ("`agree --coders ana,ben`", ["agree", "--coders", "ana,ben"]),
        ] {
            let there = try (0..<repeats).map { _ in
                try run("w1", arguments + ["--project", study], output: "/dev/null").seconds
            }
            let here = try (0..<repeats).map { _ in
                try run("w1", arguments + ["--project", large], output: "/dev/null").seconds
            }
            table.add("\(name) on the file project", there)
            table.add("\(name) on the team project", here, beside: there, target: 1.2)
        }
        print(
            "team projects on PostgreSQL (a throw-away cluster on loopback), beside the file project on the same data\n"
        )
        table.print()
    }

    /// The figures, as the other tables print them.
    struct Table {
        var rows: [String] = []

        /// A row of `times`: median (min–max) and the 99th percentile; beside another
        /// row's times, their ratio against `target`; against `limit` seconds (median or,
        /// for many, the 99th percentile) when given.
        mutating func add(
            _ name: String, _ times: [Double], beside other: [Double]? = nil, target: Double? = nil,
            limit: Double? = nil, peak: Int? = nil, peakLimit: Int? = nil
        ) {
            let sorted = times.sorted()
            guard let first = sorted.first, let last = sorted.last else { return }
            let median = sorted[sorted.count / 2]
            let p99 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
            var verdicts: [String] = [], targets: [String] = []
            var ratio = "-"
            if let other, !other.isEmpty {
                let theirs = other.sorted()[other.count / 2]
                ratio = String(format: "%.2f×", median / theirs)
                if let target {
                    targets.append(String(format: "≤ %.1f× the file", target))
                    verdicts.append(median / theirs <= target ? "met" : "not met")
                }
            }
            if let limit {
                let judged = sorted.count >= 20 ? p99 : median
                targets.append((sorted.count >= 20 ? "p99 " : "") + "≤ " + ProcessBench.duration(limit))
                verdicts.append(judged <= limit ? "met" : "not met")
            }
            if let peak, let peakLimit {
                targets.append("≤ \(peakLimit / 1_000_000) MB")
                verdicts.append(peak <= peakLimit ? "met" : "not met")
            }
            let memory = peak.map { String(format: "%.0f MB", Double($0) / 1_000_000) } ?? "-"
            rows.append(
                "| \(name) | \(ProcessBench.duration(median)) (\(ProcessBench.duration(first))–\(ProcessBench.duration(last))) | \(ProcessBench.duration(p99)) | \(sorted.count) | \(memory) | \(ratio) | \(targets.isEmpty ? "-" : targets.joined(separator: ", ")) | \(verdicts.isEmpty ? "-" : verdicts.contains("not met") ? "not met" : "met") |"
            )
        }

        func print() {
            Swift.print("| operation | median (min–max) | p99 | runs | peak memory | ÷ file | target | |")
            Swift.print("|---|---:|---:|---:|---:|---:|---:|---|")
            for row in rows { Swift.print(row) }
        }
    }

    /// The throw-away cluster: started on a free loopback port, stopped at the end.
    struct Cluster {
        let script: String
        let folder: String
        let environment: [String: String]
        let port: String

        static func start(script: String, folder: String) throws -> Cluster {
            var said = ""
            for _ in 0..<5 {
                let port = String(Int.random(in: 20_000...50_000))
                let out = folder + ".start"
                var base = ProcessInfo.processInfo.environment
                // The commit times give the server's own time per write.
                base["PG_CLUSTER_SETTINGS"] = "-c track_commit_timestamp=on -c max_connections=200"
                if (try? WholeProcess.run([script, "start", folder, port], output: out, environment: base)) != nil,
                    let exports = try? String(contentsOfFile: out, encoding: .utf8)
                {
                    var environment = ProcessInfo.processInfo.environment
                    for pair in exports.replacingOccurrences(of: "export ", with: "").split(
                        whereSeparator: \.isWhitespace)
                    {
                        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                        if parts.count == 2 { environment[parts[0]] = parts[1] }
                    }
                    return Cluster(script: script, folder: folder, environment: environment, port: port)
                }
                said = (try? String(contentsOfFile: folder + "/server.log", encoding: .utf8)) ?? ""
            }
            throw BenchFailure("the throw-away PostgreSQL cluster would not start: \(said.suffix(300))")
        }

        func address(_ database: String) -> String { "postgresql://127.0.0.1:\(port)/\(database)" }

        func stop() { _ = try? WholeProcess.run([script, "stop", folder], environment: environment) }

        /// Runs statements as the superuser, one `-c` each.
        func psql(_ database: String, _ statements: [String], output: String? = nil) throws {
            _ = try WholeProcess.run(
                ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-d", database]
                    + statements.flatMap { ["-c", $0] }, output: output, environment: environment)
        }

        /// What one query prints.
        func answer(_ database: String, _ query: String) throws -> String {
            let out = folder + ".answer"
            try psql(database, [query], output: out)
            return (try String(contentsOfFile: out, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// The change log's last number.
        func seq(_ database: String) throws -> Int {
            Int(try answer(database, "SELECT coalesce(max(seq), 0) FROM intertwine.change_log")) ?? 0
        }

        /// Each write's time on the server from its transaction's start to its commit,
        /// for the writes logged after `after` (up to `upTo`), in seconds.
        func writeTimes(_ database: String, after: Int, upTo: Int?) throws -> [Double] {
            let bound = upTo.map { " AND seq <= \($0)" } ?? ""
            return try answer(
                database,
                """
                SELECT string_agg(s::text, ',') FROM (SELECT extract(epoch FROM pg_xact_commit_timestamp(xmin) - min(at)) AS s
                FROM intertwine.change_log WHERE seq > \(after)\(bound) GROUP BY xmin) t
                """
            ).split(separator: ",").compactMap { Double($0) }
        }
    }
}
