import CodingEngine
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// One connection to a team project's server, used synchronously (the engine's
/// transactions are synchronous): each statement waits for the server's answer.
final class ServerConnection: @unchecked Sendable {
    let address: TeamAddress
    private let connection: PostgresConnection
    private let logger: Logger

    /// A value bound to a statement's `$n`.
    enum Value: Sendable {
        case text(String)
        case integer(Int64)
        case null
    }

    /// A row the server sent: its columns by position.
    struct Row {
        fileprivate let cells: PostgresRandomAccessRow
        func text(_ index: Int) throws -> String? { try cells[index].decode(String?.self) }
        func integer(_ index: Int) throws -> Int64? { try cells[index].decode(Int64?.self) }
        func boolean(_ index: Int) throws -> Bool? { try cells[index].decode(Bool?.self) }
        /// The column's bytes as the server sent them (a text column's UTF-8), nil for NULL.
        func withBytes<T>(_ index: Int, _ body: (UnsafeRawBufferPointer?) throws -> T) rethrows -> T {
            guard let buffer = cells[index].bytes else { return try body(nil) }
            return try buffer.withUnsafeReadableBytes { try body($0) }
        }
        var count: Int { cells.count }
    }

    /// The answer to "which server process serves this connection", asked as it
    /// opened (and not waited for then).
    private let sessionAnswer: EventLoopFuture<PostgresQueryResult>

    private init(address: TeamAddress, connection: PostgresConnection, logger: Logger) {
        self.address = address
        self.connection = connection
        self.logger = logger
        sessionAnswer = connection.query("SELECT pg_backend_pid()::bigint", logger: logger)
    }

    /// The server process that serves (or served) this connection, nil when the
    /// connection went before the server said: whether that process has ended tells
    /// whether anything the connection sent can still be committed.
    var session: Int64? {
        let result = try? Self.awaited(sessionAnswer, within: 2, address: address) { _ in }
        return try? result?.rows.first?.decode(Int64.self)
    }

    /// How long one statement may run on the server (`statement_timeout`), and how
    /// long a session may sit in an unfinished transaction, in seconds.
    static let statementLimit: Int64 = 120
    /// How long a write waits for the project's write lock (`lock_timeout`).
    static let lockLimit: Int64 = 10
    /// How long the client waits for any answer before it gives the connection up: a
    /// server that stops answering (stopped, cut off) is never waited for without end.
    static let answerLimit: Int64 = statementLimit + 10

    /// Connects to the server and database the address names, within `timeout` seconds
    /// (for the connection) and as long again for the server to let the role in.
    static func open(_ address: TeamAddress, timeout: Int64 = 5) throws -> ServerConnection {
        try connect(address, timeout: timeout).opened()
    }

    /// A connection being made: the caller does other work meanwhile (opens the
    /// replica) and then waits for it with `opened`.
    struct Connecting {
        fileprivate let future: EventLoopFuture<PostgresConnection>
        fileprivate let address: TeamAddress
        fileprivate let logger: Logger
        fileprivate let timeout: Int64

        /// The connection, once the server has let the role in (at most twice the
        /// connection's timeout).
        func opened() throws -> ServerConnection {
            do {
                let connection = try awaited(future, within: 2 * timeout, address: address) { late in
                    let _: EventLoopFuture<Void> = late.close()
                }
                return ServerConnection(address: address, connection: connection, logger: logger)
            } catch {
                throw ServerConnection.mapped(error, address: address)
            }
        }
    }

    /// Starts connecting to the server and database the address names: see `open`.
    static func connect(_ address: TeamAddress, timeout: Int64 = 5) throws -> Connecting {
        // Nothing of the client library's is printed: errors come back as the engine's.
        let logger = Logger(label: "intertwine.team", factory: { _ in SwiftLogNoOpLogHandler() })
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user,
            password: address.password, database: address.database,
            tls: try tls(address.tls, address: address))
        configuration.options.connectTimeout = .seconds(timeout)
        configuration.options.additionalStartupParameters = [
            ("application_name", "intertwine"),
            ("lock_timeout", "\(lockLimit)s"),
            ("statement_timeout", "\(statementLimit)s"),
            ("idle_in_transaction_session_timeout", "\(statementLimit)s"),
        ]
        let connecting = PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger)
        return Connecting(future: connecting, address: address, logger: logger, timeout: timeout)
    }

    private static func tls(_ mode: TeamAddress.TLSMode, address: TeamAddress) throws
        -> PostgresConnection.Configuration.TLS
    {
        guard mode != .disable else { return .disable }
        var configuration = TLSConfiguration.makeClientConfiguration()
        if mode != .verifyFull && mode != .verifyCA { configuration.certificateVerification = .none }
        if mode == .verifyCA { configuration.certificateVerification = .noHostnameVerification }
        do {
            let context = try NIOSSLContext(configuration: configuration)
            return mode == .allow || mode == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw TeamError.serverUnavailable(
                address: address.displayName, reason: "TLS could not be set up: \(error)")
        }
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    func rows(_ sql: String, _ values: [Value] = []) throws -> [Row] {
        try ask(sql, values).rows()
    }

    /// A statement sent and not yet answered: the next can be sent meanwhile (the
    /// server answers them in order), and `rows` waits for this one's answer.
    struct Answer {
        fileprivate let future: EventLoopFuture<PostgresQueryResult>?
        fileprivate let connection: ServerConnection

        func rows() throws -> [Row] {
            guard let future else {
                throw TeamError.serverUnavailable(
                    address: connection.address.displayName, reason: "the connection was closed")
            }
            do {
                let result = try ServerConnection.awaited(
                    future, within: ServerConnection.answerLimit, address: connection.address
                ) { [connection = connection.connection] _ in
                    let _: EventLoopFuture<Void> = connection.close()
                }
                return result.rows.map { Row(cells: $0.makeRandomAccess()) }
            } catch {
                throw ServerConnection.mapped(error, address: connection.address)
            }
        }
    }

    /// Sends one statement without waiting for its answer.
    func ask(_ sql: String, _ values: [Value] = []) -> Answer {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let text): binds.append(text)
            case .integer(let number): binds.append(number)
            case .null: binds.appendNull()
            }
        }
        // A closed connection is not asked: the client library may never answer.
        guard !connection.isClosed else { return Answer(future: nil, connection: self) }
        return Answer(
            future: connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger), connection: self)
    }

    /// Copies rows into `table` (of the connection's search path) with `COPY ... FROM
    /// STDIN` in PostgreSQL's text format. `produce` is called here and hands over the
    /// lines (tab-separated values, `\\N` for none) a chunk at a time, each sent while
    /// the next is made.
    func copy(into table: String, columns: [String], _ produce: (_ send: ([UInt8]) -> Void) throws -> Void) throws {
        guard !connection.isClosed else {
            throw TeamError.serverUnavailable(address: address.displayName, reason: "the connection was closed")
        }
        let connection = self.connection, logger = self.logger
        let (chunks, feed) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        let promise = connection.eventLoop.makePromise(of: Void.self)
        promise.completeWithTask {
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                for try await chunk in chunks { try await writer.write(ByteBuffer(bytes: chunk)) }
            }
        }
        do {
            try produce { feed.yield($0) }
            feed.finish()
        } catch {
            feed.finish(throwing: error)
        }
        do {
            try Self.awaited(promise.futureResult, within: Self.answerLimit, address: address) { _ in }
        } catch {
            throw ServerConnection.mapped(error, address: address)
        }
    }

    /// Runs one statement for its effect.
    func execute(_ sql: String, _ values: [Value] = []) throws {
        try rows(sql, values)
    }

    /// The first column of the first row, as text.
    func scalar(_ sql: String, _ values: [Value] = []) throws -> String? {
        try rows(sql, values).first?.text(0)
    }

    /// What `future` gives, waited for at most `seconds`; after that the server is
    /// taken to be gone (`late` then gets whatever still comes, to close it) and the
    /// connection is closed, so that nothing waits without end.
    static func awaited<Value: Sendable>(
        _ future: EventLoopFuture<Value>, within seconds: Int64, address: TeamAddress,
        late: @escaping @Sendable (Value) -> Void
    ) throws -> Value {
        let answer = Mutex<Result<Value, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        future.whenComplete { result in
            answer.withLock { $0 = result }
            done.signal()
        }
        guard done.wait(timeout: .now() + .seconds(Int(seconds))) == .success,
            let result = answer.withLock({ $0 })
        else {
            future.whenSuccess(late)
            throw TeamError.serverUnavailable(
                address: address.displayName, reason: "no answer within \(seconds) s")
        }
        return try result.get()
    }

    /// Called once when the connection closes, whoever closed it.
    func onClose(_ handler: @escaping @Sendable () -> Void) {
        connection.closeFuture.whenComplete { _ in handler() }
    }

    var isClosed: Bool { connection.isClosed }

    /// Listens for `NOTIFY channel`: `handler` runs on the connection's thread.
    func listen(_ channel: String, _ handler: @escaping @Sendable () -> Void) throws {
        connection.addListener(channel: channel) { _, _ in handler() }
        try execute("LISTEN \(channel)")
    }

    func close() {
        guard !connection.isClosed else { return }
        try? connection.close().wait()
    }

    /// Closed without waiting (the server ends the session when the connection goes);
    /// the client library's connection is kept until it is closed.
    deinit {
        let connection = self.connection
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// The server's errors in the researcher's words: one that says the server cannot
    /// be reached, or the server's own message (its SQL state kept for the callers).
    static func mapped(_ error: Error, address: TeamAddress) -> Error {
        if let engine = error as? EngineError { return engine }
        if let team = error as? TeamError { return team }
        if let failure = error as? ServerFailure { return failure }
        guard let psql = error as? PSQLError else {
            return TeamError.serverUnavailable(address: address.displayName, reason: Self.plain(error))
        }
        switch psql.code {
        case .server:
            let state = psql.serverInfo?[.sqlState] ?? ""
            let message = psql.serverInfo?[.message] ?? "an error"
            switch state {
            case "28P01", "28000":
                return TeamError.serverRefused(
                    address: address.displayName,
                    reason:
                        "\(message); give the password in ~/.pgpass (host:port:database:user:password, mode 600) or PGPASSWORD"
                )
            case "3D000":
                return TeamError.serverRefused(
                    address: address.displayName,
                    reason: "\(message); create it first (`createdb \(address.database)`) or name another database")
            case "57P01", "57P02", "57P03", "08006", "08003", "08000":
                return TeamError.serverUnavailable(address: address.displayName, reason: message)
            default:
                return ServerFailure(
                    state: state, message: message, detail: psql.serverInfo?[.detail],
                    table: psql.serverInfo?[.tableName])
            }
        case .authMechanismRequiresPassword:
            return TeamError.serverRefused(
                address: address.displayName,
                reason:
                    "the server asks \(address.user) for a password; give it in ~/.pgpass (host:port:database:user:password, mode 600) or PGPASSWORD"
            )
        case .sslUnsupported:
            return TeamError.serverRefused(
                address: address.displayName,
                reason: "the server does not offer TLS, which sslmode=\(address.tls.rawValue) requires")
        default:
            let reason = psql.underlying.map(Self.plain) ?? Self.plain(psql.code)
            return TeamError.serverUnavailable(address: address.displayName, reason: reason)
        }
    }

    /// The client library's reason for a failure, in words (never its own names).
    static func plain(_ code: PSQLError.Code) -> String {
        switch code {
        case .serverClosedConnection, .uncleanShutdown: return "the server closed the connection"
        case .clientClosedConnection, .poolClosed: return "the connection was closed"
        case .connectionError: return "the connection failed"
        case .queryCancelled: return "the statement was cancelled"
        case .sslUnsupported, .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return "TLS could not be set up"
        case .unsupportedAuthMechanism, .saslError: return "the server asks for a way of logging in intertwine lacks"
        default: return "the server's answer could not be read"
        }
    }

    /// An error as one short phrase (NIO's connection errors say the system's words).
    static func plain(_ error: Error) -> String {
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)).lowercased() }
        if let channel = error as? ChannelError {
            switch channel {
            case .connectTimeout: return "no answer within the connection timeout"
            case .ioOnClosedChannel, .alreadyClosed, .eof: return "the connection was closed"
            default: return "\(channel)"
            }
        }
        let text = "\(error)"
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        return text
    }
}

/// An error the server reported for a statement, kept with its SQL state so that the
/// replication can say who may do what was refused.
struct ServerFailure: Error, CustomStringConvertible {
    var state: String
    var message: String
    var detail: String?
    var table: String?
    var description: String { message + (detail.map { " (\($0))" } ?? "") }
}
