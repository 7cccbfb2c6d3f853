import Foundation
import Testing
import TestSupport

/// Content that tries to act instead of being shown: terminal escapes, HTML in a
/// colour, Markdown in a memo, formulas in spreadsheet cells. The store keeps every
/// byte; every output shows it as text.
@Suite("Injection: content is shown, never run")
struct InjectionTests {
    static let escape = "\u{1B}[31mRED\u{1B}]0;owned\u{07}\u{9B}2J"

    /// A project whose case, document text, code, coder, memo and attribute hold ESC,
    /// OSC and a C1 control.
    static func hostileProject() throws -> Binary {
        var cli = try Binary()
        cli.environment["INTERTWINE_CODER"] = "ana" + escape
        #expect(try cli.run("init").status == 0)
        try cli.write(
            "codes:\n  - name: \"Bad\(escape.unicodeScalars.map { $0.value < 0x80 && $0.value >= 0x20 ? String($0) : String(format: "\\u%04X", $0.value) }.joined())\"\n",
            "cb.yaml")
        let codebook = try cli.run("codebook", "import", "cb.yaml")
        #expect(codebook.status == 0, "\(codebook.stderr)")
        try cli.write("---\ncase: \"K\\e[1m\"\nnote: \"x\\e[2Jy\"\n---\nAna: hello \(escape) there\n", "in/doc.txt")
        let imported = try cli.run("import", "in/doc.txt")
        #expect(imported.status == 0, "\(imported.stderr)")
        let code = try cli.run(
            "code", "add", "--doc", "doc", "--turn", "1", "--code", "Bad" + escape, "--memo", "memo " + escape)
        #expect(code.status == 0, "\(code.stderr)")
        return cli
    }

    @Test("tables, messages and JSON never send a control character; the store keeps them byte-exact")
    func terminal() throws {
        let cli = try Self.hostileProject()
        for command in [
            ["documents"], ["cases"], ["codings"], ["codebook"], ["stats", "--by", "coder"],
            ["codings", "--format", "json"],
            ["cases", "--format", "json"], ["codebook", "--format", "json"],
        ] {
            let run = try cli.run(command)
            #expect(run.status == 0, "\(command): \(run.stderr)")
            let controls = run.stdout.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
            }
            #expect(controls.isEmpty, "\(command) printed \(controls.map { $0.value })")
        }
        #expect(try cli.run("codings").stdout.contains("\\u001b[31mRED"))
        let codings = try #require(try Binary.json(cli.run("codings", "--format", "json").stdout) as? [[String: Any]])
        #expect(codings.first?["text"] as? String == "hello \(Self.escape) there")
        #expect(codings.first?["coder"] as? String == "ana" + Self.escape)
        #expect(codings.first?["memo"] as? String == "memo " + Self.escape)
        let cases = try #require(try Binary.json(cli.run("cases", "--format", "json").stdout) as? [[String: Any]])
        #expect(cases.first?["name"] as? String == "K\u{1B}[1m")
        // An error message that names the document is one line, its controls escaped.
        let missing = try cli.run(
            "code", "add", "--doc", "doc\u{1B}[2J\nnext", "--turn", "1", "--code", "Bad" + Self.escape)
        #expect(
            missing.status != 0 && missing.stderr.split(separator: "\n").count == 1
                && !missing.stderr.contains("\u{1B}"), "\(missing.stderr)")
    }

    @Test("a crafted project's colour is checked when merged, and every HTML attribute is escaped")
    func html() throws {
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        #expect(try cli.run("import", Binary.root.appendingPathComponent("transcripts/brw.txt").path).status == 0)
        #expect(try cli.run("init", "--project", "crafted.db").status == 0)
        #expect(
            try cli.run(
                "import", "--project", "crafted.db", Binary.root.appendingPathComponent("transcripts/brw.txt").path
            ).status == 0)
        let script =
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"insert into codes (parent_id, name, position, description, color, hotkey, codable) values (null, 'Evil', 99, '', '#fff\\\"><img src=x onerror=alert(1)>', 'q', 1)\"); c.commit()"
        #expect(
            try ReliabilityTests.python(script, [cli.folder.appendingPathComponent("crafted.db").path]).wait().code == 0
        )
        #expect(
            try cli.run("code", "add", "--doc", "brw", "--turn", "2", "--code", "Evil", "--project", "crafted.db")
                .status == 0)
        let merged = try cli.run("merge", "crafted.db")
        #expect(merged.status == 0, "\(merged.stderr)")
        let codebook = try #require(try Binary.json(cli.run("codebook", "--format", "json").stdout) as? [[String: Any]])
        let evil = try #require(codebook.first { $0["name"] as? String == "Evil" })
        #expect(evil["color"] as? String == "#808080")
        #expect(evil["hotkey"] is NSNull)
        let html = try cli.run("export", "--format", "html")
        #expect(html.status == 0)
        #expect(!html.stdout.contains("onerror") && !html.stdout.contains("<img"))
    }

    @Test("a memo with a line break cannot leave its quote: every line of Markdown extracts is quoted and escaped")
    func markdown() throws {
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        try cli.write(
            "A: # not a heading\n\nB: - not a list\n1. not a list either\n![x](http://example.com/x.png) [link](http://e.com)\n",
            "K/md.txt")
        #expect(try cli.run("import", "K/md.txt").status == 0)
        for turn in ["1", "2"] {
            #expect(
                try cli.run(
                    "code", "add", "--doc", "md", "--turn", turn, "--code", "Processes/Intuiting",
                    "--memo", "first line\n## heading\n![x](http://example.com/track.png)\n<script>x</script>"
                ).status == 0)
        }
        let md = try cli.run("export", "--format", "md").stdout
        let extractLines = md.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.hasPrefix("### ") }
            .dropFirst()
        #expect(!extractLines.isEmpty)
        for line in extractLines where !line.isEmpty && !line.hasPrefix("### ") && !line.hasPrefix("## ") {
            #expect(line.hasPrefix(">"), "unquoted line: \(line)")
        }
        #expect(!md.contains("![x](") && md.contains("\\!\\[x\\](http://example.com/track.png)"))
        #expect(
            !md.replacingOccurrences(of: "\\<", with: "").contains("<script>") && md.contains("\\<script>x\\</script>"))
        #expect(
            md.contains("> \\# not a heading") && md.contains("> \\- not a list")
                && md.contains("> 1\\. not a list either"))
    }

    @Test("every CSV cell is neutralised: extracts, listings, matrix and binary tables, headers too")
    func csv() throws {
        let cli = try Binary()
        #expect(try cli.run("init").status == 0)
        try cli.write("codes:\n  - name: \"=cmd|' -C calc'!A0\"\n  - name: \"＝HYPERLINK(1)\"\n", "cb.yaml")
        #expect(try cli.run("codebook", "import", "cb.yaml").status == 0)
        try cli.write("---\ncase: \"@SUM(1)\"\n---\nA: =1+1\n\nB:  =2+2\n", "in/d.txt")
        #expect(try cli.run("import", "in/d.txt").status == 0)
        #expect(try cli.run("code", "add", "--doc", "d", "--turn", "1", "--code", "=cmd|' -C calc'!A0").status == 0)
        #expect(
            try cli.run("code", "add", "--doc", "d", "--turn", "2", "--code", "＝HYPERLINK(1)", "--coder", "@ben").status
                == 0)
        for command in [
            ["export", "--format", "csv"], ["export", "--format", "matrix-csv"], ["export", "--format", "binary-csv"],
            ["codings", "--format", "csv"], ["cases", "--format", "csv"], ["stats", "--format", "csv"],
        ] {
            let run = try cli.run(command)
            #expect(run.status == 0, "\(command): \(run.stderr)")
            for line in run.stdout.components(separatedBy: "\r\n") {
                for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
                    let bare = cell.hasPrefix("\"") ? cell.dropFirst() : cell[...]
                    let lead = bare.unicodeScalars.first { !$0.properties.isWhitespace }
                    if let lead, "=+-@＝＋－＠".unicodeScalars.contains(lead), Double(bare) == nil {
                        Issue.record("\(command): a cell starts a formula: \(cell)")
                    }
                }
            }
        }
    }
}
