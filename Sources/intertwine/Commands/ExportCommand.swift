import ArgumentParser
import CodingEngine
import Exchange
import Foundation

/// `intertwine export`: the project in formats other tools read.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Export the project (qdpx), its codebook (qdc), coded extracts (csv, md, html, json) or tables (matrix-csv, binary-csv).",
        discussion: """
            A .qdpx opens in NVivo, MAXQDA, ATLAS.ti and QualCoder; positions are Unicode code points. Extracts have \
            one record per coding with case, case attributes, document, turn, speaker, times, start, end, code, \
            coder, memo and text; --code and --case narrow them (repeatable), --coder to one coder's. Without -o, text formats go \
            to standard output.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case qdpx, qdc, csv, md, html, json
        case matrixCSV = "matrix-csv", binaryCSV = "binary-csv"
    }

    @OptionGroup var global: GlobalOptions

    @Option(
        help:
            "qdpx (the whole project), qdc (the codebook), csv, md, html or json (coded extracts), matrix-csv or binary-csv (tables)."
    )
    var format: Format

    @OptionGroup var destination: OutputOptions

    @Option(
        name: .customLong("code"), help: ArgumentHelp("Only this code (and the codes below it).", valueName: "path"))
    var codes: [String] = []

    @Option(name: .customLong("case"), help: ArgumentHelp("Only this case.", valueName: "name"))
    var cases: [String] = []

    @Option(help: ArgumentHelp("The title of a Markdown or HTML export.", valueName: "text"))
    var title: String?

    @Flag(help: "CSV for spreadsheet programs: a UTF-8 byte-order mark first, so that accents and dashes read right.")
    var excel = false

    @Flag(
        help:
            "A memo report (md, html, json or csv): every memo, on the project, cases, documents, codes, codings and cells; --coder, --case and --code narrow it."
    )
    var memos = false

    @Option(
        help: ArgumentHelp(
            "Only the coded text a saved query selects (each coding cut to the query's passages).", valueName: "name"))
    var query: String?

    @Flag(
        help:
            "Extracts: every coder's codings, one record per coding, even where coders coded the same passage alike (else the study's coding: the consensus when complete, else each coder's, a passage coded alike once)."
    )
    var perCoder = false

    func run() throws {
        let project = try global.openProjectForReading()
        let pseudonymiser = OutputPseudonyms.current?.pseudonymiser
        // Here --coder (given explicitly, not from the environment) narrows the export to one coder.
        let coders = global.coder.map { [$0] } ?? []
        if memos {
            try writeMemoReport(project, coder: coders.first)
            return
        }
        switch format {
        case .qdpx:
            try global.refuseWhileBlind(project, "a REFI-QDA project carries every coder's codings, so exporting one")
            guard let output = destination.output else {
                throw ValidationError("name the file to write with -o FILE.qdpx")
            }
            let written = try RefiExport.writeProject(
                project, to: output, replacing: destination.force, pseudonymiser: pseudonymiser)
            emit(
                "wrote \(output): \(written.sources) sources, \(written.codings) codings\(pseudonymiser == nil ? "" : ", pseudonymised")\n"
            )
        case .qdc:
            try destination.write(
                try RefiExport.codebook(project, pseudonymiser: pseudonymiser),
                summary: "\(try project.codebook().codes.count) codes")
        case .csv, .md, .html, .json, .binaryCSV:
            try destination.check()
            let within = try query.map { name in
                Dictionary(grouping: try project.query(try project.savedQuery(name).expression), by: \.document)
                    .mapValues { $0.map(\.range) }
            }
            var extracts = try Extract.collect(
                project, CodingFilter(coders: coders, codes: codes, cases: cases, viewer: try global.viewer(project)),
                within: within)
            var consensus: String?
            if format == .html, coders.isEmpty, !perCoder {
                (extracts, consensus) = try Self.reportCoding(project, extracts)
            }
            if format != .html, format != .binaryCSV, coders.isEmpty, !perCoder {
                // The study's coding: the consensus alone when it is complete; else each coder's, a passage
                // coded alike once.
                let shown = try CodersShown.resolve(project, asked: nil)
                extracts = Extract.joiningCoders(extracts.filter { shown.coders.contains($0.coder) })
            }
            var codebook = try project.codebook()
            var title =
                self.title
                ?? ("Coded extracts: " + PathName.fileName(project.path ?? "project")
                    + (query.map { " · query \($0)" } ?? ""))
            // The report's history and memos (Markdown and HTML only).
            let report = format == .md || format == .html
            var history = report ? try project.history([.code, .coding]) : []
            var memos = report ? MemoReport.relevant(try project.allMemos(), to: extracts) : []
            // The whole study's HTML report carries the methods section (not one narrowed to some codes,
            // cases or a query, nor while blind coding hides other coders' work).
            let whole = codes.isEmpty && cases.isEmpty && query == nil
            let blind = try project.blindCoding()
            var methods =
                format == .html && whole && !blind
                ? MethodsText.blocks(try MethodsReport.compute(project, MethodsReport.Options())) : []
            var pseudonymised = OutputPseudonyms.current
            if var export = pseudonymised {
                methods = methods.map { $0.map { export.pseudonymiser($0) } }
                extracts = try export.extracts(extracts)
                codebook = export.codebook(codebook)
                history = export.history(history)
                memos = try export.memos(memos)
                title = export.pseudonymiser(title)
                consensus = consensus.map { export.pseudonymiser($0) }
                pseudonymised = export
            }
            let text: String
            switch format {
            case .csv: text = (excel ? "\u{FEFF}" : "") + (try ExtractFormat.csv(extracts))
            case .md:
                text = ExtractFormat.markdown(
                    extracts, codebook: codebook, title: title, history: history, memos: memos)
            case .html:
                text = HTMLReport.render(
                    extracts, codebook: codebook, title: title, history: history, consensus: consensus, memos: memos,
                    methods: methods)
            case .json: text = try ExtractFormat.json(extracts)
            default: text = try StatisticsCSV.binary(extracts, codebook: codebook)
            }
            try pseudonymised?.check(text, "export")
            try destination.write(text, summary: Words.count(extracts.count, "extract"))
        case .matrixCSV:
            try global.refuseWhileBlind(project, "a matrix of every coder's codings")
            try destination.write(
                try StatisticsCSV.matrix(project, coder: coders.first, pseudonymiser: pseudonymiser),
                summary: "cases × codes")
        }
    }

    /// What the HTML report shows without `--coder`: the consensus coder's codings
    /// alone when the consensus of the two coders is complete, else every coder's (a
    /// section each); and the consensus's state in a sentence when there are two coders.
    static func reportCoding(_ project: Project, _ extracts: [Extract]) throws -> ([Extract], String?) {
        let consensusCoder = "consensus"
        let coders = Set(extracts.map(\.coder)).subtracting([consensusCoder]).sorted()
        guard coders.count == 2 else { return (extracts, nil) }
        let report = try project.buildConsensus(coders: coders, as: consensusCoder, writing: false)
        if report.complete {
            return (
                extracts.filter { $0.coder == consensusCoder },
                "The consensus coding of \(coders[0]) and \(coders[1]) (coder \(consensusCoder)): complete, every stretch agreed or settled. "
                    + "Each coder's own coding: export --coder NAME."
            )
        }
        return (extracts, report.summary(coders: coders, as: consensusCoder))
    }

    /// `export --memos`: every memo (narrowed by coder, case and code) as a report.
    func writeMemoReport(_ project: Project, coder: String?) throws {
        try destination.check()
        let codebook = try project.codebook()
        let wantedCodes = try codes.map { path -> Set<String> in
            guard let code = codebook.code(path: path) else { throw EngineError.unknownCode(path) }
            return Set(codebook.subtree(of: code.id).map(\.path))
        }.reduce(into: Set<String>()) { $0.formUnion($1) }
        var memos = try project.allMemos().filter { memo in
            (coder == nil || memo.coder == coder)
                && (cases.isEmpty || memo.caseName.map(cases.contains) == true)
                && (codes.isEmpty || memo.code.map(wantedCodes.contains) == true)
        }
        var title = self.title ?? ("Memos: " + PathName.fileName(project.path ?? "project"))
        let pseudonymised = OutputPseudonyms.current
        if var export = pseudonymised {
            memos = try export.memos(memos)
            title = export.pseudonymiser(title)
        }
        let text: String
        switch format {
        case .md: text = MemoReport.markdown(memos, title: title)
        case .html: text = MemoReport.html(memos, title: title)
        case .json: text = try MemoReport.json(memos)
        case .csv: text = (excel ? "\u{FEFF}" : "") + (try MemoReport.csv(memos))
        default:
            throw ValidationError(
                "--memos writes md, html, json or csv; --format \(format.rawValue) is for the project or its codings")
        }
        try pseudonymised?.check(text, "memo report")
        try destination.write(text, summary: Words.count(memos.count, "memo"))
    }
}
