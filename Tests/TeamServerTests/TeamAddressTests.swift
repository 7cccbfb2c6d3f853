import CodingEngine
import Foundation
import GRDB
import Testing
@testable import TeamServer
import TestSupport

@Suite("Team projects: addresses, passwords and the schema, without a server")
struct TeamAddressTests {
    @Test("an address gives host, port, database, user and TLS mode; the environment fills what it leaves out")
    func parsing() throws {
        let full = try TeamAddress("postgresql://ana@db.example.org:6543/study?sslmode=require", environment: [:])
        #expect(
            (full.host, full.port, full.database, full.user, full.tls) == (
                "db.example.org", 6543, "study", "ana", .require
            ))
        let bare = try TeamAddress(
            "postgres://localhost/team", environment: ["PGUSER": "ben", "PGPORT": "5433", "PGSSLMODE": "disable"])
        #expect((bare.host, bare.port, bare.user, bare.tls) == ("localhost", 5433, "ben", .disable))
        let v6 = try TeamAddress("postgresql://[::1]:5432/x", environment: ["USER": "carol"])
        #expect((v6.host, v6.user, v6.displayName) == ("::1", "carol", "postgresql://carol@[::1]:5432/x"))
        let hostless = try TeamAddress("postgresql:///study", environment: ["PGHOST": "10.0.0.5", "USER": "d"])
        #expect(hostless.host == "10.0.0.5")
        #expect(TeamAddress.isAddress("postgresql://h/d") && !TeamAddress.isAddress("study.db"))
    }

    @Test("names in an address may be percent-encoded as UTF-8; a malformed escape is kept as written")
    func percentEncoding() throws {
        let encoded = try TeamAddress("postgresql://J%C3%BCrgen@host/small%20firms", environment: [:])
        #expect((encoded.user, encoded.database) == ("Jürgen", "small firms"))
        #expect(TeamAddress.decoded("o%27brien%2Bco") == "o'brien+co")
        for malformed in ["100%", "a%2", "%zz", "%FF%FE"] { #expect(TeamAddress.decoded(malformed) == malformed) }
    }

    @Test("a password in the address is refused and never repeated; no database or a bad mode says what to write")
    func refusals() throws {
        #expect {
            try TeamAddress("postgresql://ana:s3cret@host/study", environment: [:])
        } throws: { error in
            let text = "\(error)"
            return text.contains("~/.pgpass") && !text.contains("s3cret")
        }
        #expect(throws: TeamError.self) { try TeamAddress("postgresql://host", environment: [:]) }
        #expect { try TeamAddress("postgresql://host/db?sslmode=maybe", environment: [:]) } throws: {
            "\($0)".contains("verify-full")
        }
        #expect { try TeamAddress("postgresql://host:99999/db", environment: [:]) } throws: { "\($0)".contains("port") }
        // A password holding @, one given as ?password=, and an empty setting: refused, never shown.
        #expect { try TeamAddress("postgresql://u:hunter@2secret@host/db", environment: [:]) } throws: { error in
            "\(error)".contains("postgresql://u:***@host/db") && !"\(error)".contains("hunter")
                && !"\(error)".contains("2secret")
        }
        #expect {
            try TeamAddress("postgresql://u@host/db?sslmode=disable&password=hunter2", environment: [:])
        } throws: { error in
            "\(error)".contains("password=***") && !"\(error)".contains("hunter2")
        }
        // A password after an encoded colon (ana%3Apw) is a password too: refused, never shown.
        #expect { try TeamAddress("postgresql://ana%3Apw@host/db", environment: [:]) } throws: { error in
            "\(error)".contains("postgresql://ana:***@host/db") && !"\(error)".contains("pw@")
                && "\(error)".contains("~/.pgpass")
        }
        #expect { try TeamAddress("postgresql://host/db?=", environment: [:]) } throws: {
            "\($0)".contains("no name before its =")
        }
        #expect { try TeamAddress("postgresql://host/db?=&sslmode=x&password=p%40ss", environment: [:]) } throws: {
            !"\($0)".contains("p%40ss")
        }
    }

    @Test(
        "the password comes from PGPASSWORD, else the password file (wildcards, escapes), which is ignored when others can read it"
    )
    func passwords() throws {
        let folder = try Support.temporaryFolder("pgpass")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pgpass").path
        try """
        # a comment
        other:5432:study:ana:wrong
        db.example.org:*:study:ana:pa\\:ss\\\\word
        *:*:*:ben:bens
        """.write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let environment = ["PGPASSFILE": file]
        #expect(
            try TeamAddress("postgresql://ana@db.example.org/study", environment: environment).password == "pa:ss\\word"
        )
        #expect(try TeamAddress("postgresql://ben@anywhere/any", environment: environment).password == "bens")
        #expect(try TeamAddress("postgresql://carol@anywhere/any", environment: environment).password == nil)
        #expect(
            try TeamAddress("postgresql://ben@h/d", environment: environment.merging(["PGPASSWORD": "env"]) { $1 })
                .password == "env")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(try TeamAddress("postgresql://ben@anywhere/any", environment: environment).password == nil)
    }

    @Test("the stored SCRAM form of a password matches an independent computation (Python's hashlib and hmac)")
    func scram() throws {
        // RFC 7677's example password and salt; the figures computed with Python's
        // hashlib.pbkdf2_hmac and hmac, as PostgreSQL's scram_build_secret does.
        let salt = [UInt8](Data(base64Encoded: "W22ZaJ0SNY7soEsUEjb6gQ==")!)
        #expect(
            SCRAMVerifier.make(password: "pencil", salt: salt)
                == "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU="
        )
        #expect(
            SCRAMVerifier.make(password: "pencil") != SCRAMVerifier.make(password: "pencil"),
            "each verifier has its own salt")
    }

    @Test("changes go in runs of one table and kind with no key twice, in order")
    func runs() {
        func change(_ table: String, _ op: String, _ key: String) -> RowChange {
            RowChange(table: table, op: op, key: key, image: "{}")
        }
        let changes = [
            change("codes", "u", "1"), change("codes", "u", "2"), change("codes", "u", "1"),
            change("codings", "u", "1"),
            change("codings", "d", "1"), change("codings", "d", "2"),
        ]
        #expect(ReplicaFile.runs(changes).map { $0.map(\.key) } == [["1", "2"], ["1"], ["1"], ["1", "2"]])
    }

    @Test("the server's schema is versioned as the file's: the same migration names, tables and primary keys")
    func versionedAlike() throws {
        #expect(ServerSchema.migrations.map(\.name) == Project.schemaVersions)
        let project = try Project.inMemory(codebook: CodebookFile(name: "t", codes: []))
        let tables = try project.readTables { db in try ReplicaFile.tables(db) }
        #expect(Set(tables.map(\.name)) == Set(ServerSchema.tables.keys))
        for table in tables { #expect(ServerSchema.tables[table.name]?.key == table.key, "\(table.name)") }
        // Every table is made by exactly one migration, which gives it its policies.
        #expect(ServerSchema.migrations.flatMap(\.tables).sorted() == tables.map(\.name).sorted())
    }
}
