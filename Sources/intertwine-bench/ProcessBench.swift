import BenchCorpus
import CodingEngine
import Foundation

/// `intertwine-bench --processes`: the corpus written to files (with front matter)
/// and every command a researcher waits for timed as a whole process of the built
/// `intertwine`, beside its target; qc (the `qualitative-coding` package) on the
/// same files when it is on PATH. `--growth` runs a corpus ten times as large too
/// and prints how each figure grew.
enum ProcessBench {
    /// The figures of one corpus, by operation, for comparing sizes.
    struct Figures {
        var rows: [Row] = []
        var medians: [String: Double] = [:]
        var corpusBytes = 0
        var codings = 0
        var qdpxBytes = 0
    }

    /// One line of the table.
    struct Row {
        var operation: String
        var figure: String
        var peak: String
        var target: String
        var verdict: String
    }

    /// Runs `command` `repeats` times after one warm-up run, `prepare` before each
    /// (not timed).
    static func measure(
        _ repeats: Int, prepare: () throws -> Void = {}, output: String? = nil, directory: String? = nil,
        _ command: [String]
    ) throws -> [WholeProcess.Run] {
        var runs: [WholeProcess.Run] = []
        for n in 0...repeats {
            try prepare()
            let run = try WholeProcess.run(command, output: output, directory: directory)
            if n > 0 { runs.append(run) }
        }
        return runs
    }

    /// `judged`: the corpus the issue's targets are for (600 interviews, 200,000
    /// codings); the workbench's targets are judged at every size from there up.
    static func run(
        _ cli: URL, folder: URL, interviews: Int, codings codingCount: Int, words: Int, repeats: Int,
        judged: Bool
    ) throws -> Figures {
        let binary = cli.path
        var figures = Figures()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = folder.appendingPathComponent("files").path
        var corpus = SyntheticCorpus(interviews: interviews, wordsPerInterview: words)
        figures.corpusBytes = try corpus.write(to: URL(fileURLWithPath: files))
        let corpusSize = Bench.megabytes(figures.corpusBytes)

        func add(
            _ operation: String, _ key: String, _ runs: [WholeProcess.Run], seconds: Double? = nil, peak: Int? = nil
        ) {
            let limit = judged ? seconds : nil, peakLimit = judged ? peak : nil
            let times = runs.map(\.seconds).sorted()
            let median = times[times.count / 2]
            let highest = runs.map(\.peakBytes).max() ?? 0
            figures.medians[key] = median
            var target: [String] = []
            var met = true
            if let limit {
                target.append(limit < 1 ? "≤ \(Int(limit * 1000)) ms" : "≤ \(Self.number(limit)) s")
                met = met && median <= limit
            }
            if let peakLimit {
                target.append("≤ \(peakLimit / 1_000_000) MB")
                met = met && highest <= peakLimit
            }
            figures.rows.append(
                Row(
                    operation: operation,
                    figure: "\(duration(median)) (\(duration(times.first!))–\(duration(times.last!)))",
                    peak: highest > 0 ? String(format: "%.0f MB", Double(highest) / 1_000_000) : "-",
                    target: target.isEmpty ? "-" : target.joined(separator: ", "),
                    verdict: target.isEmpty ? "-" : (met ? "met" : "not met")))
        }

        // Plain import into a new project, each run.
        let fresh = folder.appendingPathComponent("fresh.db").path
        let prepareFresh = {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fresh + suffix) }
            _ = try WholeProcess.run([binary, "init", "--project", fresh])
        }
        let imports = try measure(repeats, prepare: prepareFresh, [binary, "import", "--project", fresh, files])
        add("`import` of \(interviews) interviews (\(corpusSize)) into a new project", "import", imports, seconds: 0.5)

        if let qc = onPath("qc") {
            let qcFolder = folder.appendingPathComponent("qc").path
            let qcRuns = try measure(
                repeats,
                prepare: {
                    try? FileManager.default.removeItem(atPath: qcFolder)
                    try FileManager.default.createDirectory(atPath: qcFolder, withIntermediateDirectories: true)
                    _ = try WholeProcess.run([qc, "init"], directory: qcFolder)
                }, directory: qcFolder, [qc, "corpus", "import", "--recursive", "--importer", "verbatim", files])
            add("qc 1.7.8 `corpus import` of the same files (for comparison)", "qc", qcRuns)
            let ratio = figures.medians["qc", default: .nan] / figures.medians["import", default: .nan]
            figures.rows.append(
                Row(
                    operation: "qc's import time ÷ intertwine's", figure: String(format: "%.1f×", ratio),
                    peak: "", target: judged ? "≥ 10×" : "-", verdict: judged ? (ratio >= 10 ? "met" : "not met") : "-")
            )
        }

        // The project the rest reads: the corpus and the synthetic codings.
        let projectPath = folder.appendingPathComponent("study.db").path
        _ = try WholeProcess.run([binary, "init", "--project", projectPath])
        _ = try WholeProcess.run([binary, "import", "--project", projectPath, files])
        let project = try Project.open(at: projectPath)
        let codings = try SyntheticCodings.make(project, documents: try project.documents(), count: codingCount)
        try project.addCodings(codings)
        figures.codings = codings.count
        try project.checkpoint()
        try project.close()

        // The workbench on that file (headless, in this process: a terminal program has no
        // whole-process figure to time without a terminal). Its targets hold at 10× too.
        // On a copy: the session codes and undoes, which the later figures must not see.
        let workbenchCopy = folder.appendingPathComponent("workbench.db").path
        try? FileManager.default.removeItem(atPath: workbenchCopy)
        try FileManager.default.copyItem(atPath: projectPath, toPath: workbenchCopy)
        let workbench = try WorkbenchBench.measure(projectAt: workbenchCopy)
        let workbenchJudged = interviews >= 600 && codingCount >= 200_000
        // Key to frame against the workbench's targets (median ≤ 5 ms, 99th percentile ≤ 16 ms).
        func keyToFrame(_ operation: String, median: Double, p99: Double) {
            figures.rows.append(
                Row(
                    operation: operation, figure: String(format: "%.1f ms / %.1f ms", median * 1000, p99 * 1000),
                    peak: "", target: workbenchJudged ? "≤ 5 ms / ≤ 16 ms" : "-",
                    verdict: workbenchJudged ? (median <= 0.005 && p99 <= 0.016 ? "met" : "not met") : "-"))
        }
        figures.medians["workbench-open"] = workbench.openSeconds
        figures.rows.append(
            Row(
                operation: "workbench (headless): open the project at its first document",
                figure: String(format: "%.1f ms", workbench.openSeconds * 1000), peak: "",
                target: workbenchJudged ? "≤ 100 ms" : "-",
                verdict: workbenchJudged ? (workbench.openSeconds <= 0.1 ? "met" : "not met") : "-"))
        figures.rows.append(
            Row(
                operation:
                    "workbench (headless): the coder's counts and shares shown (read after the first frame above 100,000 codings)",
                figure: String(format: "%.1f ms", workbench.countsSeconds * 1000), peak: "", target: "-", verdict: "-"))
        keyToFrame(
            "workbench (headless): key to frame, median / 99th percentile of \(workbench.keystrokes) keys",
            median: workbench.medianFrameSeconds, p99: workbench.p99FrameSeconds)
        // The same session beside 10,000 pending suggestions (1,000 in each of the first ten
        // interviews, where the session reads), and the review screen's own keys.
        let suggestedCopy = folder.appendingPathComponent("workbench-suggestions.db").path
        try? FileManager.default.removeItem(atPath: suggestedCopy)
        try FileManager.default.copyItem(atPath: projectPath, toPath: suggestedCopy)
        let pending = try Project.open(at: suggestedCopy)
        let suggestions = try SyntheticSuggestions.add(pending, count: 10_000)
        try pending.checkpoint()
        try pending.close()
        let busy = try WorkbenchBench.measure(projectAt: suggestedCopy)
        let review = try WorkbenchBench.measureReview(projectAt: suggestedCopy)
        keyToFrame(
            "workbench (headless): the same keys with \(Words.thousands(suggestions)) pending suggestions, median / 99th percentile",
            median: busy.medianFrameSeconds, p99: busy.p99FrameSeconds)
        figures.rows.append(
            Row(
                operation:
                    "workbench (headless): A opens the review of those suggestions; then accept, skip and undo, median / 99th percentile of \(review.keystrokes) keys",
                figure: String(
                    format: "%.1f ms; %.1f ms / %.1f ms", review.openSeconds * 1000, review.medianFrameSeconds * 1000,
                    review.p99FrameSeconds * 1000), peak: "", target: "-", verdict: "-"))

        let output = folder.appendingPathComponent("output").path
        add(
            "`stats --by case --format json`", "stats",
            try measure(
                repeats, output: output,
                [binary, "stats", "--by", "case", "--format", "json", "--project", projectPath]), seconds: 0.1)
        add(
            "`codings --format json` (\(codings.count) codings with their text)", "codings",
            try measure(repeats, output: output, [binary, "codings", "--format", "json", "--project", projectPath]),
            seconds: 1, peak: 50_000_000)
        add(
            "`agree --coders ana,ben,cai` (every code, 1,000 resamples each)", "agree",
            try measure(
                repeats, output: output, [binary, "agree", "--coders", "ana,ben,cai", "--project", projectPath]))

        // Agreement's uncertainty over 40 codes: the same documents and as many codings,
        // over the codebook and 15 more codes.
        let wide = folder.appendingPathComponent("forty-codes.db").path
        try? FileManager.default.removeItem(atPath: wide)
        _ = try WholeProcess.run([binary, "backup", "--project", fresh, "-o", wide])
        let widened = try Project.open(at: wide)
        let codable = try widened.codebook().codes.filter(\.codable).count
        for extra in 0..<max(0, 40 - codable) { _ = try widened.addCode(path: "Further theme \(extra + 1)") }
        let wideCodes = try widened.codebook().codes.filter(\.codable).count
        try widened.addCodings(
            try SyntheticCodings.make(widened, documents: try widened.documents(), count: codingCount))
        try widened.checkpoint()
        try widened.close()
        add(
            "`agree --coders ana,ben,cai` over \(wideCodes) codes, 1,000 resamples each (the same documents and number of codings)",
            "agree-40",
            try measure(repeats, output: output, [binary, "agree", "--coders", "ana,ben,cai", "--project", wide]),
            seconds: interviews >= 600 && wideCodes >= 40 ? 5 : nil)

        // Suggestions: learning from one coder's codings, as many as the corpus has (every
        // code, its cutoff cross-validated), and suggesting for one interview; beside the
        // floor of reading the same codings and text with SQLite's own shell.
        let oneCoder = folder.appendingPathComponent("one-coder.db").path
        try? FileManager.default.removeItem(atPath: oneCoder)
        _ = try WholeProcess.run([binary, "backup", "--project", fresh, "-o", oneCoder])
        let learner = try Project.open(at: oneCoder)
        let hers = try SyntheticCodings.make(
            learner, documents: try learner.documents(), count: codingCount, coders: ["ana"])
        try learner.addCodings(hers)
        let firstDocument = try learner.documents()[0].name
        try learner.checkpoint()
        try learner.close()
        let suggest = [binary, "suggest", "--from", "ana", "--doc", firstDocument, "--coder", "ana", "--project"]
        add(
            "`suggest --from ana --doc ONE`: learn every code from ana's \(Words.thousands(hers.count)) codings, suggest for one interview",
            "suggest", try measure(repeats, output: output, suggest + [oneCoder]),
            seconds: codingCount >= 200_000 ? 10 : nil)
        if let sqlite = onPath("sqlite3") {
            add(
                "the floor: `sqlite3` reads the same codings and text", "suggest-floor",
                try measure(
                    repeats, output: output,
                    [
                        sqlite, oneCoder,
                        "SELECT count(*), sum(length(text)) FROM documents; SELECT count(*), sum(\"end\" - start) FROM codings;",
                    ]))
        }
        // One new interview after five coded: the whole process, learning included.
        let fewFiles = folder.appendingPathComponent("six").path
        try? FileManager.default.removeItem(atPath: fewFiles)
        try FileManager.default.createDirectory(atPath: fewFiles, withIntermediateDirectories: true)
        // The first six interviews, each in its case's folder as the corpus has them.
        let all = (FileManager.default.subpaths(atPath: files) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
        for path in all.prefix(6) {
            let target = URL(fileURLWithPath: fewFiles).appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: files + "/" + path, toPath: target.path)
        }
        let six = folder.appendingPathComponent("six.db").path
        try? FileManager.default.removeItem(atPath: six)
        _ = try WholeProcess.run([binary, "init", "--project", six])
        _ = try WholeProcess.run([binary, "import", "--project", six, fewFiles])
        let small = try Project.open(at: six)
        let documents = try small.documents()
        try small.addCodings(
            try SyntheticCodings.make(small, documents: Array(documents.prefix(5)), count: 1500, coders: ["ana"]))
        try small.checkpoint()
        try small.close()
        add(
            "`suggest --from ana --doc NEW` for a \(Words.thousands(documents[5].length))-character interview, learning from 5 interviews' 1,500 codings",
            "suggest-one",
            try measure(
                repeats, output: output,
                [binary, "suggest", "--from", "ana", "--doc", documents[5].name, "--coder", "ana", "--project", six]),
            seconds: 0.1)

        let qdpx = folder.appendingPathComponent("study.qdpx").path
        add(
            "`export --format qdpx`", "export",
            try measure(
                repeats, [binary, "export", "--format", "qdpx", "--force", "-o", qdpx, "--project", projectPath]),
            seconds: 3)
        figures.qdpxBytes = (try FileManager.default.attributesOfItem(atPath: qdpx)[.size] as? Int) ?? 0
        figures.rows[figures.rows.count - 1].operation += " (\(Bench.megabytes(figures.qdpxBytes)))"

        let copy = folder.appendingPathComponent("copy.db").path
        add(
            "`import` of that .qdpx into a new project", "refi-import",
            try measure(
                repeats,
                prepare: {
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
                }, [binary, "import", "--project", copy, qdpx]), seconds: 3, peak: 300_000_000)
        add("start-up: `--help`", "help", try measure(repeats, [binary, "--help"]), seconds: 0.01)
        return figures
    }

    /// Prints the table of one corpus, and with a second (larger) one, how each
    /// figure grew against the size.
    static func printTable(_ figures: Figures, interviews: Int) {
        print(
            "whole processes: \(interviews) interviews, \(Bench.megabytes(figures.corpusBytes)) of text files, \(figures.codings) codings\n"
        )
        print("| operation | median (min–max) | peak memory | target | |")
        print("|---|---:|---:|---:|---|")
        for row in figures.rows {
            print("| \(row.operation) | \(row.figure) | \(row.peak) | \(row.target) | \(row.verdict) |")
        }
    }

    static func printGrowth(small: Figures, large: Figures) {
        let factor = Double(large.corpusBytes) / Double(small.corpusBytes)
        print(
            "\ngrowth: \(String(format: "%.1f", factor))× the text, \(large.codings / max(1, small.codings))× the codings\n"
        )
        print("| operation | 1× | 10× | growth | target | |")
        print("|---|---:|---:|---:|---:|---|")
        for (key, name) in [
            ("import", "import"), ("stats", "stats --by case"), ("agree", "agree"), ("export", "export qdpx"),
            ("refi-import", "import of the .qdpx"),
        ] {
            guard let a = small.medians[key], let b = large.medians[key] else { continue }
            let growth = b / a
            print(
                "| \(name) | \(duration(a)) | \(duration(b)) | \(String(format: "%.1f×", growth)) | ≤ 12× | \(growth <= 12 ? "met" : "not met") |"
            )
        }
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 1 ? String(format: "%.0f ms", seconds * 1000) : String(format: "%.2f s", seconds)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The full path of `name` on PATH, if it is there.
    static func onPath(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
