import CodingEngine
import Exchange
import Foundation
import BenchCorpus

/// `intertwine-bench`: builds a synthetic corpus, runs the operations researchers
/// wait for, and prints a table of timings. Run it in a release build:
///
///     swift run -c release intertwine-bench [--interviews 600] [--codings 200000] [--repeat 5]
@main
struct Bench {
    /// Runs the benchmark; a failure is one line on standard error and exit status 1,
    /// never a trap with a stack trace.
    static func main() {
        do {
            try run()
        } catch {
            FileHandle.standardError.write(Data("intertwine-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run() throws {
        var options = [
            "--interviews": 600, "--codings": 200_000, "--repeat": 5, "--words": 10_000,
            "--transcript-bytes": 1_000_000, "--large-codes": 100_000,
        ]
        var arguments = CommandLine.arguments.dropFirst()
        var processes = false, growth = false, bounds = false, team = false
        var kept: String?
        var workbenchProject: String?
        while let flag = arguments.popFirst() {
            if flag == "--workbench", let path = arguments.popFirst() { workbenchProject = path; continue }
            if flag == "--keep", let folder = arguments.popFirst() { kept = folder; processes = true; continue }
            if flag == "--processes" { processes = true; continue }
            if flag == "--bounds" { bounds = true; continue }
            if flag == "--team" { team = true; continue }
            if flag == "--growth" { processes = true; growth = true; continue }
            guard options[flag] != nil, let value = arguments.popFirst().flatMap(Int.init) else {
                FileHandle.standardError.write(
                    Data(
                        "usage: intertwine-bench [--workbench PROJECT.db] [--processes] [--bounds] [--team] [--growth] [--keep FOLDER] [--interviews N] [--codings N] [--words N] [--repeat N] [--transcript-bytes N] [--large-codes N]\n"
                            .utf8))
                exit(2)
            }
            options[flag] = value
        }
        // --workbench PROJECT.db: the workbench on an existing project only (headless; its
        // key script codes and undoes, so give it a copy).
        if let path = workbenchProject {
            let figures = try WorkbenchBench.measure(projectAt: path)
            print(
                String(
                    format:
                        "workbench on %@: opened at its first document in %.1f ms, counts shown at %.1f ms; key to frame %.1f ms median, %.1f ms 99th percentile (%d keys)",
                    path, figures.openSeconds * 1000, figures.countsSeconds * 1000, figures.medianFrameSeconds * 1000,
                    figures.p99FrameSeconds * 1000, figures.keystrokes))
            return
        }
        let interviews = options["--interviews", default: 0], codingCount = options["--codings", default: 0],
            repeats = options["--repeat", default: 0]
        // --keep FOLDER: the process benchmark's files are written there and left, to profile the commands.
        let folder =
            kept.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("intertwine-bench-\(getpid())")
        defer { if kept == nil { try? FileManager.default.removeItem(at: folder) } }
        // --bounds: the third hostile round's sizes, each answered or refused, with time and peak memory.
        if bounds {
            guard let cli = siblingBinary("intertwine") else {
                throw BenchFailure("--bounds needs the intertwine binary beside this one")
            }
            let rows = try BoundsBench.run(cli, folder: folder.appendingPathComponent("bounds"), repeats: repeats)
            print(
                "intertwine-bench --bounds: whole processes of \(cli.path), median of \(repeats) runs, peak memory the largest\n"
            )
            print("| input | median time | peak memory | answer |")
            print("|---|---:|---:|---|")
            for row in rows { print("| \(row.operation) | \(row.figure) | \(row.peak) | \(row.target) |") }
            return
        }
        // --team: team projects against a throw-away PostgreSQL cluster, beside the file project.
        if team {
            guard let cli = siblingBinary("intertwine") else {
                throw BenchFailure("--team needs the intertwine binary beside this one")
            }
            try TeamBench.run(
                cli, folder: folder.appendingPathComponent("team"), interviews: interviews, codings: codingCount,
                repeats: repeats)
            return
        }
        if processes {
            try runProcesses(
                folder: folder, interviews: interviews, codings: codingCount, words: options["--words", default: 0],
                repeats: repeats, growth: growth, keep: kept != nil)
            return
        }
        let corpusFolder = folder.appendingPathComponent("corpus")
        let projectPath = folder.appendingPathComponent("bench.db").path

        var corpus = SyntheticCorpus(interviews: interviews, wordsPerInterview: options["--words", default: 0])
        let bytes = try corpus.write(to: corpusFolder)
        var table: [(String, String, String)] = []

        let project = try Project.create(at: projectPath, codebook: DemoProject.bundledCodebook())
        // 25 codable codes in the 5I codebook and 15 more: 40, as the agreement target assumes.
        for n in 1...15 { try project.addCode(path: "Extra \(n)", color: nil, description: "") }
        let importTime = try time { try project.importTranscripts([corpusFolder.path]) }
        let documents = try project.documents()
        table.append(("import \(interviews) interviews (\(megabytes(bytes)))", seconds(importTime), "5 s"))

        let codings = try SyntheticCodings.make(project, documents: documents, count: codingCount)
        let insertTime = try time { try project.addCodings(codings) }
        table.append(("add \(codings.count) codings by 3 coders (one transaction)", seconds(insertTime), "-"))
        try project.checkpoint()
        try project.close()
        let size = ["", "-wal"].reduce(0) { total, suffix in
            total + ((try? FileManager.default.attributesOfItem(atPath: projectPath + suffix)[.size] as? Int) ?? 0)
        }

        let openTimes = try (0..<repeats).map { _ in
            try time {
                let p = try Project.open(at: projectPath); _ = try p.codebook(); try p.close()
            }
        }
        table.append(("open the project (and read its codebook)", ms(median(openTimes)), "50 ms"))

        let opened = try Project.open(at: projectPath)
        let statsTimes = try (0..<repeats).map { _ in try time { _ = try CodeFrequencies.compute(opened, by: .case) } }
        table.append(
            (
                "stats --by case (\(try CodeFrequencies.compute(opened, by: .case).count) rows)",
                ms(median(statsTimes)), "150 ms"
            ))
        let coders = AgreementReport.Options(coders: ["ana", "ben", "cai"])
        let agreementTimes = try (0..<repeats).map { _ in try time { _ = try AgreementReport.compute(opened, coders) } }
        let codeCount = try AgreementReport.compute(opened, coders).codes.count
        table.append(
            ("agreement of 3 coders, \(codeCount) codes, all documents", ms(median(agreementTimes)), "1000 ms"))
        let disagreementTimes = try (0..<repeats).map { _ in
            try time { _ = try Disagreement.find(opened, coders: ["ana", "ben"]) }
        }
        table.append(("disagreements of 2 coders, all codes and documents", ms(median(disagreementTimes)), "-"))
        let cooccurTimes = try (0..<repeats).map { _ in
            try time { _ = try Cooccurrence.compute(opened, coders: ["ana"]) }
        }
        table.append(("co-occurrence, one coder, 40 codes (780 pairs)", ms(median(cooccurTimes)), "1000 ms"))
        let matrixTimes = try (0..<repeats).map { _ in
            try time { _ = try CaseMatrix.compute(opened, folder: "Knowledge source") }
        }
        table.append(("case matrix: cases × Knowledge source, with extracts", ms(median(matrixTimes)), "1000 ms"))
        let flowTimes = try (0..<repeats).map { _ in try time { _ = try LearningFlows.compute(opened) } }
        table.append(("learning flows, 60 cases × 3 coders", ms(median(flowTimes)), "1000 ms"))
        let compareTimes = try (0..<repeats).map { _ in
            try time { _ = try CaseComparison.compute(opened, by: "sector") }
        }
        table.append(("compare cases by an attribute", ms(median(compareTimes)), "1000 ms"))
        let qdpx = folder.appendingPathComponent("bench.qdpx").path
        let exportTime = try time { _ = try RefiExport.writeProject(opened, to: qdpx) }
        let qdpxSize = (try FileManager.default.attributesOfItem(atPath: qdpx)[.size] as? Int) ?? 0
        table.append(("export to REFI-QDA (.qdpx, \(megabytes(qdpxSize)))", seconds(exportTime), "5 s"))
        let qdpxImportTime = try time {
            let target = try Project.create(
                at: folder.appendingPathComponent("imported.db").path, codebook: CodebookFile(name: "e", codes: []))
            _ = try RefiImport.store(qdpx, into: target)
            try target.close()
        }
        table.append(("import that .qdpx into a new project", seconds(qdpxImportTime), "8 s"))
        let listTimes = try (0..<repeats).map { _ in try time { _ = try opened.codings() } }
        table.append(("codings listing with text (in process)", ms(median(listTimes)), "-"))

        if let cli = siblingBinary("intertwine") {
            let statsCLI = try (0..<repeats).map { _ in
                try time {
                    try runQuietly(cli, ["stats", "--by", "case", "--format", "json", "--project", projectPath])
                }
            }
            table.append(("`intertwine stats --by case --format json` (whole process)", ms(median(statsCLI)), "-"))
            let jsonCLI = try (0..<max(1, repeats / 2)).map { _ in
                try time { try runQuietly(cli, ["codings", "--format", "json", "--project", projectPath]) }
            }
            table.append(("`intertwine codings --format json` (whole process)", ms(median(jsonCLI)), "-"))
            table += try LargeInputBench.run(
                cli, folder: folder.appendingPathComponent("large"), codes: options["--large-codes", default: 0])
        }
        let workbench = try WorkbenchBench.run(folder: folder, bytes: options["--transcript-bytes", default: 0])
        let opening =
            "workbench: open a \(megabytes(workbench.transcriptBytes)) transcript with \(workbench.codings) codings"
        table.append((opening, ms(workbench.openSeconds), "100 ms"))
        table.append(
            (
                "workbench: key to rendered frame, median of \(workbench.keystrokes) keys",
                ms(workbench.medianFrameSeconds), "5 ms"
            ))
        table.append(("workbench: key to rendered frame, 99th percentile", ms(workbench.p99FrameSeconds), "16 ms"))

        print(
            "intertwine-bench: \(interviews) interviews, \(megabytes(bytes)) of text, \(codings.count) codings, "
                + "project file \(megabytes(size)); median of \(repeats) runs where repeated; \(ProcessInfo.processInfo.activeProcessorCount) cores\n"
        )
        print("| operation | time | target |")
        print("|---|---:|---:|")
        for (name, value, target) in table { print("| \(name) | \(value) | \(target) |") }
    }

    /// The whole-process benchmark, and with `growth` the same at ten times the size.
    static func runProcesses(
        folder: URL, interviews: Int, codings: Int, words: Int, repeats: Int, growth: Bool, keep: Bool
    ) throws {
        guard let cli = siblingBinary("intertwine") else {
            throw BenchFailure("no intertwine binary beside intertwine-bench: build both (swift build -c release)")
        }
        // The targets are the issue's, for 600 interviews and 200,000 codings: on another
        // corpus the figures are printed without a verdict (the 10× one has its growth).
        let small = try ProcessBench.run(
            cli, folder: folder.appendingPathComponent("1x"), interviews: interviews, codings: codings,
            words: words, repeats: repeats, judged: interviews == 600 && codings == 200_000)
        if !keep { try? FileManager.default.removeItem(at: folder.appendingPathComponent("1x")) }
        ProcessBench.printTable(small, interviews: interviews)
        guard growth else { return }
        let large = try ProcessBench.run(
            cli, folder: folder.appendingPathComponent("10x"), interviews: interviews * 10,
            codings: codings * 10, words: words, repeats: max(1, repeats / 2), judged: false)
        print("")
        ProcessBench.printTable(large, interviews: interviews * 10)
        ProcessBench.printGrowth(small: small, large: large)
    }

    static func time(_ body: () throws -> Void) rethrows -> Double {
        // Timings in seconds from the monotonic clock.
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    static func seconds(_ s: Double) -> String { String(format: "%.2f s", s) }
    static func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }

    /// The `intertwine` binary built beside this one, if any.
    static func siblingBinary(_ name: String) -> URL? {
        let url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent(name)
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    static func runQuietly(_ binary: URL, _ arguments: [String]) throws {
        guard try ChildProcesses.start(binary.path, arguments).wait().code == 0 else {
            throw EngineError.fileUnreadable(path: binary.path, reason: "\(arguments.joined(separator: " ")) failed")
        }
    }
}
