import CodingEngine
import Foundation

/// Where a team project lives: `postgresql://[USER@]HOST[:PORT]/DATABASE[?sslmode=MODE]`,
/// with the connection settings PostgreSQL's own tools take from the environment
/// (`PGUSER`, `PGPASSWORD`, `PGPASSFILE` or `~/.pgpass`, `PGSSLMODE`).
///
/// A password is never taken from the address: it would be on the command line and
/// in the shell's history. It comes from `PGPASSWORD` or the password file, as for
/// `psql`.
public struct TeamAddress: Equatable, Sendable {
    /// How the connection is encrypted, in libpq's words.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca", verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var database: String
    public var user: String
    public var tls: TLSMode
    /// The password, from `PGPASSWORD` or the password file; nil when neither has one
    /// (the server may not ask).
    var password: String?

    /// Whether `text` names a server rather than a file.
    public static func isAddress(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Reads an address, taking what it leaves out from `environment`. Refuses a
    /// password in the address, an address without a database, and an unknown
    /// `sslmode`, saying what to write instead.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let scheme = text.range(of: "://"), Self.isAddress(text) else {
            throw TeamError.invalidAddress(
                Self.redacted(text), reason: "a team project's address starts with postgresql://")
        }
        var rest = Substring(text[scheme.upperBound...])
        var query: [String: String] = [:]
        if let mark = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: mark)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                    Self.decoded(String($0))
                }
                guard !parts[0].isEmpty else {
                    throw TeamError.invalidAddress(
                        Self.redacted(text), reason: "a setting after ? has no name before its =; write ?sslmode=MODE")
                }
                if parts[0] == "password" {
                    throw TeamError.invalidAddress(
                        Self.redacted(text),
                        reason:
                            "a password in the address would be seen in the shell's history and the process list; put it in ~/.pgpass or PGPASSWORD"
                    )
                }
                query[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            rest = rest[..<mark]
        }
        guard let slash = rest.firstIndex(of: "/") else {
            throw TeamError.invalidAddress(
                Self.redacted(text), reason: "it names no database: write postgresql://HOST/DATABASE")
        }
        let database = Self.decoded(String(rest[rest.index(after: slash)...]))
        var authority = rest[..<slash]
        var user: String?
        if let at = authority.lastIndex(of: "@") {
            let credentials = authority[..<at]
            // A password after a colon, written plainly or encoded (`ana%3Apw`).
            if Self.decoded(String(credentials)).contains(":") {
                throw TeamError.invalidAddress(
                    Self.redacted(text),
                    reason:
                        "a password in the address would be seen in the shell's history and the process list; put it in ~/.pgpass or PGPASSWORD"
                )
            }
            user = Self.decoded(String(credentials))
            authority = authority[authority.index(after: at)...]
        }
        var host = String(authority), port = Int(environment["PGPORT"] ?? "") ?? 5432
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") { port = Int(after.dropFirst()) ?? -1 }
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            port = Int(host[host.index(after: colon)...]) ?? -1
            host = String(host[..<colon])
        }
        guard (1...65535).contains(port) else {
            throw TeamError.invalidAddress(Self.redacted(text), reason: "the port is not a number from 1 to 65535")
        }
        if host.isEmpty { host = query["host"] ?? environment["PGHOST"] ?? "localhost" }
        guard !database.isEmpty else {
            throw TeamError.invalidAddress(
                Self.redacted(text), reason: "it names no database: write postgresql://HOST/DATABASE")
        }
        let modeName = query["sslmode"] ?? environment["PGSSLMODE"] ?? "prefer"
        guard let mode = TLSMode(rawValue: modeName) else {
            throw TeamError.invalidAddress(
                Self.redacted(text),
                reason: "sslmode \(modeName) is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.host = host
        self.port = port
        self.database = database
        self.user = user ?? environment["PGUSER"] ?? environment["USER"] ?? environment["LOGNAME"] ?? "postgres"
        self.tls = mode
        self.password =
            environment["PGPASSWORD"]
            ?? PasswordFile.lookup(
                host: host, port: port, database: database,
                user: self.user, environment: environment)
    }

    /// The address as messages show it: who, where, which database; never a password.
    public var displayName: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgresql://\(user)@\(shownHost):\(port)/\(database)"
    }

    /// The same server and database as another user (`team add` connects as the lead).
    func asUser(_ name: String, password: String?) -> TeamAddress {
        var copy = self
        copy.user = name
        copy.password = password
        return copy
    }

    /// A file name for this project's replica in the user's cache: one per server,
    /// database and user.
    var replicaFileName: String {
        let raw = "\(user)@\(host)-\(port)-\(database)"
        let safe = raw.unicodeScalars.map { scalar -> String in
            let c = Character(scalar)
            return c.isASCII && (c.isLetter || c.isNumber || "-_.@".contains(c)) ? String(c) : "_"
        }.joined()
        return safe + ".db"
    }

    /// `text` with `%XX` escapes decoded as UTF-8; `text` itself when an escape is malformed
    /// or the bytes are not UTF-8 (as Foundation's `removingPercentEncoding` would give up).
    /// Written out because Foundation's goes through CoreFoundation, whose first use costs
    /// a command a third of a millisecond.
    static func decoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = [], utf8 = Array(text.utf8)[...]
        bytes.reserveCapacity(utf8.count)
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard utf8.count >= 2, let high = hexValue(utf8.removeFirst()), let low = hexValue(utf8.removeFirst())
            else { return text }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self) ?? text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `text` as a message may show it: a password between `://` and the last `@`
    /// before the database (a password may hold `@` itself) and the value of any
    /// `password=` setting replaced by `***`.
    static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        var shown = text
        let afterScheme = text[scheme.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? text.endIndex
        if let at = text[scheme.upperBound..<authorityEnd].lastIndex(of: "@") {
            let credentials = Self.decoded(String(text[scheme.upperBound..<at]))
            if let colon = credentials.firstIndex(of: ":") {
                shown = String(text[..<scheme.upperBound]) + credentials[..<colon] + ":***" + String(text[at...])
            }
        }
        guard let mark = shown.firstIndex(of: "?") else { return shown }
        let settings = shown[shown.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: false).map {
            pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, Self.decoded(String(parts[0])).lowercased() == "password" else {
                return String(pair)
            }
            return parts[0] + "=***"
        }
        return String(shown[...mark]) + settings.joined(separator: "&")
    }
}

/// PostgreSQL's password file (`PGPASSFILE`, else `~/.pgpass`): lines of
/// `host:port:database:user:password`, `*` matching anything, `\` escaping `:` and `\`.
/// Like libpq, a file others can read is ignored.
enum PasswordFile {
    static func lookup(host: String, port: Int, database: String, user: String, environment: [String: String])
        -> String?
    {
        let path = environment["PGPASSFILE"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass")
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & 0o077 == 0,
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        let wanted = [host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// A line's fields, with `\:` and `\\` unescaped.
    static func split(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped {
                current.append(character); escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current); current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
