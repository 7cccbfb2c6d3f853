import CodingEngine
import Foundation

/// A throw-away PostgreSQL cluster for the team-project tests: started once per test
/// process with `scripts/pg-cluster` on a free loopback port when PostgreSQL's server
/// is installed, stopped when the process exits. Each test takes a database of its
/// own (`newDatabase`), owned by the lead `lena`; `ana` and `ben` are coders.
public final class TestCluster: @unchecked Sendable {
    /// The cluster, or nil when PostgreSQL's server is not installed here.
    public static let shared: TestCluster? = start()

    /// Whether the team tests can run here.
    public static var available: Bool { shared != nil }

    /// Why not, for the tests' skip messages.
    public static let unavailableReason =
        "PostgreSQL's server is not installed (apt-get install postgresql); .ci/run installs it"

    public let folder: String
    public let port: Int
    public let superuserPassword: String
    /// The passwords of the team's roles: a lead who may create roles, two coders.
    public static let passwords = ["lena": "lena-pw", "ana": "ana-pw", "ben": "ben-pw"]

    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private init(folder: String, port: Int, superuserPassword: String) {
        self.folder = folder
        self.port = port
        self.superuserPassword = superuserPassword
    }

    private static func start() -> TestCluster? {
        guard let bins = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"),
            bins.contains(where: {
                FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/initdb")
            })
        else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intertwine-pg-\(UUID().uuidString)")
            .path
        let port = freePort()
        let script = root.appendingPathComponent("scripts/pg-cluster").path
        guard run(script, ["start", folder, String(port)]).status == 0,
            let password = try? String(contentsOfFile: folder + "/superuser-password", encoding: .utf8)
        else { return nil }
        let cluster = TestCluster(
            folder: folder, port: port, superuserPassword: password.trimmingCharacters(in: .whitespacesAndNewlines))
        atexit {
            if let cluster = TestCluster.shared {
                _ = TestCluster.run(
                    TestCluster.root.appendingPathComponent("scripts/pg-cluster").path, ["stop", cluster.folder])
                try? FileManager.default.removeItem(atPath: cluster.folder)
            }
        }
        let made = cluster.psql(
            "postgres",
            """
            CREATE ROLE lena LOGIN CREATEROLE PASSWORD '\(passwords["lena"]!)';
            CREATE ROLE ana LOGIN PASSWORD '\(passwords["ana"]!)';
            CREATE ROLE ben LOGIN PASSWORD '\(passwords["ben"]!)';
            """)
        return made.status == 0 ? cluster : nil
    }

    /// A new, empty database owned by `lena`; returns its name.
    public func newDatabase() -> String {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        _ = psql("postgres", "CREATE DATABASE \(name) OWNER lena")
        return String(name)
    }

    /// `postgresql://127.0.0.1:PORT/DATABASE`.
    public func address(_ database: String) -> String { "postgresql://127.0.0.1:\(port)/\(database)" }

    /// The environment a command needs to connect as `user` (a team role or
    /// `postgres`, the superuser).
    public func environment(user: String) -> [String: String] {
        [
            "PGUSER": user, "PGPASSWORD": user == "postgres" ? superuserPassword : TestCluster.passwords[user] ?? "",
            "PGSSLMODE": "disable",
        ]
    }

    /// Runs SQL through psql as `user` (the superuser unless named).
    @discardableResult
    public func psql(_ database: String, _ sql: String, user: String = "postgres") -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment.merging(self.environment(user: user)) { $1 }
        environment["PGHOST"] = "127.0.0.1"
        environment["PGPORT"] = String(port)
        return TestCluster.run(
            "/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-d", database, "-c", sql],
            environment: environment)
    }

    /// Starts SQL through psql as `user` and returns at once: a coder's own session
    /// holding something while a test writes. It is killed after `deadline` seconds
    /// if it has not ended; `wait()` on the child reaps it.
    public func psqlInBackground(_ database: String, _ sql: String, user: String, deadline: Int = 60) throws
        -> ChildProcesses.Child
    {
        var environment = ProcessInfo.processInfo.environment.merging(self.environment(user: user)) { $1 }
        environment["PGHOST"] = "127.0.0.1"
        environment["PGPORT"] = String(port)
        return try ChildProcesses.start(
            "/usr/bin/timeout",
            ["-s", "KILL", String(deadline), "/usr/bin/psql", "-X", "-q", "-At", "-d", database, "-c", sql],
            environment: environment)
    }

    /// Stops the server with SIGKILL (every process of it), as a crash would.
    public func kill() {
        _ = TestCluster.run(TestCluster.root.appendingPathComponent("scripts/pg-cluster").path, ["kill", folder])
    }

    /// Starts it again after `kill` (PostgreSQL recovers from its log).
    /// Tries for 30 s: on a loaded machine the killed server's processes may not be
    /// reaped yet, and the lock file then still names a running server. When it never
    /// starts, the error carries what `pg_ctl` and the server's log said.
    public func restart() throws {
        let script = TestCluster.root.appendingPathComponent("scripts/pg-cluster").path
        let started = Date()
        var said = ""
        while Date().timeIntervalSince(started) < 30 {
            // `kill` again first: it finishes what is left of the old server and removes
            // its lock file once that server is dead, which the first call may not have seen.
            _ = TestCluster.run(script, ["kill", folder])
            let attempt = TestCluster.run(script, ["start", folder, String(port)])
            if attempt.status == 0 { return }
            said = attempt.output
            usleep(500_000)
        }
        let log = (try? String(contentsOfFile: folder + "/server.log", encoding: .utf8)) ?? ""
        throw RestartFailed(
            description: "the server did not start again in 30 s: \(said)\nits log ends:\n"
                + log.split(separator: "\n").suffix(15).joined(separator: "\n"))
    }

    /// Why `restart` failed.
    public struct RestartFailed: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs a tool with a deadline (killed when it passes). Started by
    /// `ChildProcesses.start` and reaped with waitpid rather than Foundation's Process,
    /// which here never noticed `pg_ctl start` end (the server it leaves running
    /// inherited its pipe); its output goes to a file, and the server started gets none
    /// of the test run's open files (with them, it once refused to start: "insufficient
    /// file descriptors").
    static func run(
        _ tool: String, _ arguments: [String], environment: [String: String]? = nil,
        deadline: TimeInterval = 120
    ) -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent(
            "intertwine-run-\(UUID().uuidString).log"
        ).path
        defer { try? FileManager.default.removeItem(atPath: log) }
        guard
            let child = try? ChildProcesses.start(
                tool, arguments, environment: environment, output: .file(log), errors: .sameAsOutput)
        else {
            return (127, "")
        }
        let started = Date()
        while true {
            if let ended = child.ended() {
                return (ended.status, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
            }
            if Date().timeIntervalSince(started) > deadline {
                child.signal(SIGKILL)
                _ = child.wait()
                return (124, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
            }
            usleep(20_000)
        }
    }

    /// A loopback port nothing listens on.
    static func freePort() -> Int {
        for _ in 0..<50 {
            let port = Int.random(in: 20_000...60_000)
            let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(socket) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            if bound == 0 { return port }
        }
        return 55_432
    }
}
