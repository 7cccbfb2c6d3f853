import CodingEngine
import Exchange
import Foundation

/// Whole-process timings of the command line on large but valid inputs written to
/// disk, the sizes that were once quadratic: a REFI-QDA project of 100,000 codes, a
/// YAML codebook of 20,000 codes, front matter of 20,000 keys, and listings of a case
/// whose name is 100,000 characters long.
enum LargeInputBench {
    static func run(_ cli: URL, folder: URL, codes: Int = 100_000) throws -> [(String, String, String)] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var rows: [(String, String, String)] = []
        // A .qdpx with `codes` codes and one coded source.
        let codeElements = (0..<codes).map {
            "<Code guid=\"\(guid($0))\" name=\"Code \($0 % 1000)\" isCodable=\"true\"/>"
        }.joined()
        let qde = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="large"><CodeBook><Codes>\(codeElements)</Codes></CodeBook><Sources><TextSource guid="5005ce01-0000-4000-8000-000000000001" name="s" plainTextPath="internal://5005ce01-0000-4000-8000-000000000001.txt"><PlainTextSelection guid="5e1e0001-0000-4000-8000-000000000001" startPosition="0" endPosition="5"><Coding guid="c0d10001-0000-4000-8000-000000000001"><CodeRef targetGUID="\(guid(1))"/></Coding></PlainTextSelection></TextSource></Sources></Project>
            """
        let qdpx = folder.appendingPathComponent("codes.qdpx").path
        try OutputFile.write(
            try RefiExport.archive(
                [
                    ("project.qde", Data(qde.utf8)),
                    ("sources/5005ce01-0000-4000-8000-000000000001.txt", Data("hello there".utf8)),
                ], dated: nil),
            to: qdpx, replacing: true)
        let target = folder.appendingPathComponent("codes.db").path
        let qdpxTime = try Bench.time {
            try Bench.runQuietly(cli, ["import", "--project", target, qdpx])
        }
        rows.append(
            (
                "`intertwine import` of a .qdpx with \(codes) codes into a new project", Bench.seconds(qdpxTime),
                "a few s"
            ))

        let project = folder.appendingPathComponent("large.db").path
        try Bench.runQuietly(cli, ["init", "--project", project])
        let yaml = folder.appendingPathComponent("codebook.yaml").path
        try OutputFile.write(
            Array(("name: large\ncodes:\n" + (0..<20_000).map { "  - name: C\($0)\n" }.joined()).utf8), to: yaml,
            replacing: true)
        rows.append(
            (
                "`intertwine codebook import` of a YAML codebook of 20000 codes",
                Bench.seconds(
                    try Bench.time { try Bench.runQuietly(cli, ["codebook", "import", "--project", project, yaml]) }),
                "a few s"
            ))

        let transcript = folder.appendingPathComponent("keys/many-keys.txt").path
        try FileManager.default.createDirectory(atPath: PathName.folder(transcript), withIntermediateDirectories: true)
        let long = String(repeating: "a long case name ", count: 100_000 / 17)
        try OutputFile.write(
            Array(
                ("---\ncase: \"\(long)\"\n" + (0..<20_000).map { "k\($0): \($0)\n" }.joined() + "---\nA: hello\n").utf8),
            to: transcript, replacing: true)
        rows.append(
            (
                "`intertwine import` of a transcript with 20000 front-matter keys",
                Bench.seconds(
                    try Bench.time { try Bench.runQuietly(cli, ["import", "--project", project, transcript]) }),
                "a few s"
            ))
        try Bench.runQuietly(
            cli,
            ["code", "add", "--project", project, "--doc", "many-keys", "--turn", "1", "--code", "C1", "--coder", long])
        for command in [["cases"], ["codings"], ["stats", "--by", "coder"]] {
            let seconds = try Bench.time { try Bench.runQuietly(cli, command + ["--project", project]) }
            rows.append(
                (
                    "`intertwine \(command.joined(separator: " "))` with a \(long.count)-character case and coder name",
                    Bench.ms(seconds), "1000 ms"
                ))
        }
        return rows
    }

    static func guid(_ n: Int) -> String {
        let hex = String(n, radix: 16)
        return "c0de0000-0000-4000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex
    }
}
