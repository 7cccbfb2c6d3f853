import CodingEngine
import Exchange
import Foundation

/// `intertwine-bench --bounds`: the built `intertwine` as whole processes on the
/// hostile sizes of the third round, each with its time and peak memory: lists of ids,
/// the bootstrap's upper bound, a REFI-QDA history of 100,000 rows, an element of
/// 300,000 attributes, queries nested 20,000 deep or or-ing 5,000 codes. Each input is
/// answered or refused in bounded time and memory; the table shows how much.
enum BoundsBench {
    static func run(_ cli: URL, folder: URL, repeats: Int) throws -> [ProcessBench.Row] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let binary = cli.path
        let demo = folder.appendingPathComponent("demo.db").path
        _ = try DemoProject.openOrCreate(at: demo)
        var rows: [ProcessBench.Row] = []
        func measure(_ operation: String, refusing: Bool, prepare: () throws -> Void = {}, _ arguments: [String]) throws
        {
            var runs: [WholeProcess.Run] = []
            for n in 0...max(1, repeats) {
                try prepare()
                let run = try WholeProcess.run([binary] + arguments, refusing: refusing)
                if n > 0 { runs.append(run) }
            }
            let times = runs.map(\.seconds).sorted()
            rows.append(
                ProcessBench.Row(
                    operation: operation, figure: Bench.seconds(times[times.count / 2]),
                    peak: Bench.megabytes(runs.map(\.peakBytes).max() ?? 0),
                    target: refusing ? "refused" : "answered", verdict: "ok"))
        }
        // 60,000 coding ids from a file, none of them there: refused after one pass.
        let ids = folder.appendingPathComponent("ids.txt").path
        try OutputFile.write(
            Array((1_000_000..<1_060_000).map(String.init).joined(separator: "\n").utf8), to: ids, replacing: true)
        try measure(
            "`recode --ids-from` 60,000 ids that do not exist", refusing: true,
            ["recode", "--project", demo, "--coder", "ana", "--ids-from", ids, "--to", "Processes/Intuiting"])
        try measure(
            "`recode` with 60,000 ids on the command line", refusing: true,
            ["recode", "--project", demo, "--coder", "ana"] + (1_000_000..<1_060_000).map(String.init) + [
                "--to", "Processes/Intuiting",
            ])
        try measure(
            "`agree --bootstrap 100000` (the most allowed), demo", refusing: false,
            ["agree", "--project", demo, "--coders", "ana,ben", "--bootstrap", "100000", "--format", "json"])
        try measure(
            "`agree --bootstrap 1000000000`", refusing: true,
            ["agree", "--project", demo, "--coders", "ana,ben", "--bootstrap", "1000000000"])
        // A REFI-QDA project whose history note has 100,000 rows: imported in one pass.
        let rowsText = (0..<100_000).map {
            "2026-01-01T00:00:\(String(format: "%06d", $0))Z\tana\tadd\tcode\tCode \($0)\t\t\tCode \($0)\t0\tadded Code \($0)"
        }
        let history =
            "at\twho\toperation\tkind\tsubject\tsubject_guid\tbefore\tafter\tcodings\tdetail\n"
            + rowsText.joined(separator: "\n") + "\n"
        let historyQdpx = folder.appendingPathComponent("history.qdpx").path
        try OutputFile.write(
            try RefiExport.archive(
                [
                    (
                        "project.qde",
                        Data(
                            qde(
                                notes:
                                    "<Notes><Note guid=\"a07e0001-0000-4000-8000-000000000001\" name=\"\(HistoryText.noteName)\"><PlainTextContent>\(history)</PlainTextContent></Note></Notes>"
                            ).utf8)
                    ),
                    ("sources/5005ce01-0000-4000-8000-000000000001.txt", Data("hello there".utf8)),
                ], dated: nil),
            to: historyQdpx, replacing: true)
        let historyProject = folder.appendingPathComponent("history.db").path
        try measure(
            "`import` of a .qdpx whose history note has 100,000 rows", refusing: false,
            prepare: {
                for suffix in ["", "-wal", "-shm"] {
                    try? FileManager.default.removeItem(atPath: historyProject + suffix)
                }
            },
            ["import", "--project", historyProject, historyQdpx])
        // An element of 300,000 attributes: refused before libxml2 compares them pairwise.
        let crowded = folder.appendingPathComponent("attributes.qdpx").path
        let attributes = (0..<300_000).map { " a\($0)=\"v\"" }.joined()
        try OutputFile.write(
            try RefiExport.archive(
                [
                    ("project.qde", Data(qde(attributes: attributes).utf8)),
                    ("sources/5005ce01-0000-4000-8000-000000000001.txt", Data("hello there".utf8)),
                ], dated: nil),
            to: crowded, replacing: true)
        try measure(
            "`import` of a .qdpx with an element of 300,000 attributes", refusing: true,
            ["import", "--project", folder.appendingPathComponent("never.db").path, crowded])
        try measure(
            "`query` nested 20,000 parentheses deep", refusing: true,
            [
                "query", "--project", demo,
                String(repeating: "(", count: 20_000) + "Processes" + String(repeating: ")", count: 20_000),
            ])
        try measure(
            "`query` of 5,000 codes joined by or", refusing: false,
            [
                "query", "--project", demo, "--format", "json",
                Array(repeating: "Processes/Intuiting", count: 5_000).joined(separator: " or "),
            ])
        return rows
    }

    /// A project.qde of one source, with `notes` after it and `attributes` on the project.
    static func qde(notes: String = "", attributes: String = "") -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <Project xmlns="urn:QDA-XML:project:1.0" name="bounds"\(attributes)><Sources><TextSource guid="5005ce01-0000-4000-8000-000000000001" name="s" plainTextPath="internal://5005ce01-0000-4000-8000-000000000001.txt"/></Sources>\(notes)</Project>
        """
    }
}
