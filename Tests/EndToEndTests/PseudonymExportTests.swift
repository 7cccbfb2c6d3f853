import Foundation
import Testing
import TestSupport
import ZIPFoundation

/// Pseudonymised exports of the demo, written by the binary: no real name of the table
/// in any byte, and every coding on the same words.
@Suite("Pseudonymised exports: no real name in any byte written, every coding on the same words")
struct PseudonymExportTests {
    /// The demo's people and firms, overlapping names among them.
    static let table: [(String, String, String)] = [
        ("Roger Watson", "OM-BRW", "person"), ("Roger", "OM-BRW", "person"), ("Watson", "OM-BRW", "person"),
        ("Martin Francis", "OM-DMF", "person"), ("Martin", "OM-DMF", "person"),
        ("Gareth Williams", "PM-DMF", "person"), ("Gareth", "PM-DMF", "person"),
        ("William White", "OM-RSL", "person"), ("William", "OM-RSL", "person"), ("Kate", "Manager K", "person"),
        ("Dave", "Supervisor D", "person"), ("LCL", "Customer B", "firm"),
    ]

    static func demo() throws -> Binary {
        let cli = try CodebookCommandTests.demo()
        for (real, pseudonym, kind) in table {
            let added = try cli.run("pseudonym", "add", real, pseudonym, "--kind", kind)
            #expect(added.status == 0, "\(added.stderr)")
        }
        return cli
    }

    /// Every real name of the table found in `bytes`, as plain UTF-8 anywhere (stricter
    /// than the whole words the pseudonymiser replaces).
    static func realNames(in bytes: Data, _ where: String) -> [String] {
        table.map(\.0).filter { bytes.range(of: Data($0.utf8)) != nil }.map { "\($0) in \(`where`)" }
    }

    /// The entries of a .qdpx.
    static func entries(_ path: String) throws -> [String: Data] {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        var entries: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            entries[entry.path] = data
        }
        return entries
    }

    static func codings(_ cli: Binary, _ arguments: String...) throws -> [[String: Any]] {
        let listed = try cli.run(["codings", "--format", "json"] + arguments)
        #expect(listed.status == 0, "\(listed.stderr)")
        return try #require(try Binary.json(listed.stdout) as? [[String: Any]])
    }

    @Test(
        "REFI-QDA: pseudonymised sources and project.qde hold no real name, and read back every coding covers the same words"
    )
    func refiQDA() throws {
        let cli = try Self.demo()
        let path = cli.folder.appendingPathComponent("shared.qdpx").path
        let export = try cli.run("export", "--format", "qdpx", "--pseudonymise", "-o", path)
        #expect(export.status == 0 && export.stdout.contains("pseudonymised"), "\(export.stderr)")
        let entries = try Self.entries(path)
        #expect(entries.count == 4)
        #expect(entries.flatMap { Self.realNames(in: $0.value, $0.key) } == [])
        // The same export with real names holds them: the check above can fail.
        let real = cli.folder.appendingPathComponent("real.qdpx").path
        #expect(try cli.run("export", "--format", "qdpx", "-o", real).status == 0)
        #expect(try Self.entries(real).flatMap { Self.realNames(in: $0.value, $0.key) }.count > 10)
        // Read back: every coding, by the same coder with the same code, holds its words with
        // each real name as its pseudonym.
        var reader = cli
        reader.environment["INTERTWINE_PROJECT"] = cli.folder.appendingPathComponent("shared.db").path
        let imported = try reader.run("import", path)
        #expect(imported.status == 0, "\(imported.stderr)")
        let before = try Self.codings(cli), after = try Self.codings(reader)
        #expect(before.count == 88 && after.count == before.count)
        func key(_ coding: [String: Any]) -> String {
            "\(coding["document"] ?? "")|\(coding["code"] ?? "")|\(coding["coder"] ?? "")"
        }
        let pseudonymised = Dictionary(grouping: after, by: key)
        var named = 0
        for coding in before {
            let text = try #require(coding["text"] as? String)
            var expected = text
            for (real, pseudonym, _) in Self.table.sorted(by: { $0.0.count > $1.0.count }) {
                expected = expected.replacingOccurrences(
                    of: "\\b\(real)\\b", with: pseudonym, options: .regularExpression)
            }
            if expected != text { named += 1 }
            #expect(
                pseudonymised[key(coding)]?.contains { $0["text"] as? String == expected } == true,
                "\(key(coding)): \(expected)")
        }
        #expect(named > 0)
    }

    @Test("extracts (csv, json, md, html, binary csv), the memo report and the matrix: no real name; offsets mapped")
    func extracts() throws {
        let cli = try Self.demo()
        // Memos naming people, on a document and on a case.
        #expect(try cli.run("memo", "add", "--doc", "brw", "Roger Watson said it twice; Kate agreed.").status == 0)
        #expect(try cli.run("memo", "add", "--case", "DMF", "Martin's firm, LCL's supplier.").status == 0)
        for arguments in [
            ["--format", "csv"], ["--format", "json"], ["--format", "md"], ["--format", "html"],
            ["--format", "binary-csv"], ["--format", "matrix-csv"], ["--memos", "--format", "md"],
            ["--memos", "--format", "csv"], ["--format", "qdc"],
        ] {
            let real = try cli.run(["export"] + arguments + ["--no-pseudonymise"])
            let written = try cli.run(["export"] + arguments + ["--pseudonymise"])
            #expect(written.status == 0, "\(arguments): \(written.stderr)")
            #expect(Self.realNames(in: Data(written.stdout.utf8), "\(arguments)") == [])
            if !arguments.contains("qdc") && !arguments.contains("matrix-csv") && !arguments.contains("binary-csv") {
                #expect(!Self.realNames(in: Data(real.stdout.utf8), "").isEmpty, "\(arguments)")
            }
        }
        // JSON extracts: each passage's offsets are those of the pseudonymised source.
        let path = cli.folder.appendingPathComponent("shared.qdpx").path
        #expect(try cli.run("export", "--format", "qdpx", "--pseudonymise", "-o", path).status == 0)
        let sources = try Self.entries(path).filter { $0.key.hasPrefix("sources/") }.map {
            String(decoding: $0.value, as: UTF8.self)
        }
        let extracts = try #require(
            try Binary.json(cli.run("export", "--format", "json", "--pseudonymise").stdout) as? [[String: Any]])
        #expect(!extracts.isEmpty)
        for extract in extracts {
            let start = try #require(extract["start"] as? Int), end = try #require(extract["end"] as? Int)
            let text = try #require(extract["text"] as? String)
            #expect(
                sources.contains { source in
                    let scalars = Array(source.unicodeScalars)
                    return end <= scalars.count
                        && String(String.UnicodeScalarView(scalars[start..<end])) == text
                }, "\(start)-\(end)")
        }
    }

    @Test("asked for with an empty table, --pseudonymise refuses and writes nothing; the project's default applies")
    func emptyTableAndDefault() throws {
        let cli = try CodebookCommandTests.demo()
        let path = cli.folder.appendingPathComponent("x.qdpx").path
        let refused = try cli.run("export", "--format", "qdpx", "--pseudonymise", "-o", path)
        #expect(refused.status != 0 && refused.stderr.contains("pseudonym table is empty"))
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try cli.run("pseudonym", "add", "Roger Watson", "OM-BRW").status == 0)
        #expect(try cli.run("pseudonym", "default", "on").stdout.contains("is pseudonymised"))
        #expect(!(try cli.run("export", "--format", "csv").stdout.contains("Roger Watson")))
        #expect(try cli.run("export", "--format", "csv", "--no-pseudonymise").stdout.contains("Roger Watson"))
        let listed = try cli.run("pseudonym")
        #expect(listed.stdout.contains("Roger Watson") && listed.stdout.contains("every export is pseudonymised"))
    }

    @Test(
        "suggest lists candidates with proposals; --confirm takes Enter, a typed pseudonym, - and q; check lists what is left"
    )
    func suggestAndConfirm() throws {
        let cli = try CodebookCommandTests.demo()
        let listed = try cli.run("pseudonym", "suggest", "--format", "json")
        let rows = try #require(try Binary.json(listed.stdout) as? [[String: Any]])
        #expect(
            rows.prefix(4).map { $0["real"] as? String } == [
                "Roger Watson", "William White", "Martin Francis", "Gareth Williams",
            ])
        #expect(rows.first?["proposed"] as? String == "Person 1")
        // "Roger" is part of "Roger Watson": proposed the same pseudonym.
        #expect(rows.first { $0["real"] as? String == "Roger" }?["proposed"] as? String == "Person 1")
        let answers = cli.folder.appendingPathComponent("answers.txt")
        try Data("\nOM-RSL\n-\nq\n".utf8).write(to: answers)
        let confirmed = try Binary.run(
            "/bin/sh", ["-c", "exec \"$0\" pseudonym suggest --confirm < answers.txt", Binary.url.path],
            environment: cli.environment, directory: cli.folder.path, timeout: 60)
        #expect(confirmed.status == 0, "\(confirmed.stderr)")
        #expect(
            confirmed.stdout.contains("Roger Watson → Person 1") && confirmed.stdout.contains("William White → OM-RSL"))
        #expect(confirmed.stdout.contains("added 2 pseudonyms"))
        let table = try #require(
            try Binary.json(cli.run("pseudonym", "list", "--format", "json").stdout) as? [[String: Any]])
        #expect(Set(table.compactMap { $0["real"] as? String }) == ["Roger Watson", "William White"])
        let check = try cli.run("pseudonym", "check")
        #expect(check.status == 0 && check.stdout.contains("Martin Francis") && !check.stdout.contains("Roger Watson"))
        #expect(check.stdout.contains("would be written as they are"))
    }

    @Test(
        "listings and query results pseudonymised: codings, query, search, memos, documents, cases, stats; offsets on the pseudonymised text"
    )
    func listings() throws {
        let cli = try Self.demo()
        #expect(try cli.run("memo", "add", "--doc", "brw", "Roger Watson said it twice; Kate agreed.").status == 0)
        let commands: [[String]] = [
            ["codings", "--format", "json"], ["codings", "--format", "csv"], ["codings"],
            ["query", "find", "Processes", "--format", "json"], ["query", "find", "Processes"],
            ["search", "Roger"], ["search", "Kate", "--format", "json"], ["memo", "list"],
            ["memo", "list", "--format", "json"], ["documents"], ["documents", "--format", "json"],
            ["cases", "--wide"],
            ["stats", "--format", "json"], ["disagreements", "--coders", "ana,ben", "--format", "json"],
        ]
        for arguments in commands {
            let real = try cli.run(arguments + ["--no-pseudonymise"])
            let written = try cli.run(arguments + ["--pseudonymise"])
            #expect(written.status == 0, "\(arguments): \(written.stderr)")
            #expect(Self.realNames(in: Data(written.stdout.utf8), "\(arguments)") == [])
            if arguments[0] != "stats" {
                #expect(!Self.realNames(in: Data(real.stdout.utf8), "").isEmpty, "\(arguments)")
            }
        }
        // Offsets are those of the pseudonymised sources, the same as the REFI-QDA export's.
        let path = cli.folder.appendingPathComponent("shared.qdpx").path
        #expect(try cli.run("export", "--format", "qdpx", "--pseudonymise", "-o", path).status == 0)
        let sources = try Self.entries(path).filter { $0.key.hasPrefix("sources/") }.map {
            Array(String(decoding: $0.value, as: UTF8.self).unicodeScalars)
        }
        for arguments in [["codings"], ["query", "find", "Processes"], ["search", "Roger|Kate"]] {
            let rows = try #require(
                try Binary.json(cli.run(arguments + ["--pseudonymise", "--format", "json"]).stdout) as? [[String: Any]])
            #expect(!rows.isEmpty, "\(arguments)")
            for row in rows {
                let start = try #require(row["start"] as? Int), end = try #require(row["end"] as? Int)
                let text = row["text"] as? String ?? row["match"] as? String
                #expect(
                    sources.contains { end <= $0.count && String(String.UnicodeScalarView($0[start..<end])) == text },
                    "\(arguments) \(start)-\(end)")
            }
        }
        // The table itself is never written pseudonymised.
        let table = try cli.run("pseudonym", "list", "--pseudonymise")
        #expect(table.status != 0 && table.stderr.contains("only with its real names"))
    }
}
