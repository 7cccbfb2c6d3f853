import CodingEngine
import Foundation

/// Writes a `MethodsReport` as a methods section's paragraphs and tables (see
/// `MethodsText`): the data, the codebook, the coding, agreement, settling and the
/// assistant's share, then the works cited.
struct MethodsWriter {
    let report: MethodsReport
    private var cited: Set<Reference> = []
    private var tables = 0

    init(_ report: MethodsReport) { self.report = report }

    /// The works the text may cite, as a reference list gives them.
    enum Reference: String, CaseIterable {
        case cohen1960 =
            "Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological Measurement, 20(1), 37–46."
        case fleiss1971 =
            "Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin, 76(5), 378–382."
        case gwet2008 =
            "Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the presence of high agreement. British Journal of Mathematical and Statistical Psychology, 61(1), 29–48."
        case hayes2007 =
            "Hayes, A. F., & Krippendorff, K. (2007). Answering the call for a standard reliability measure for coding data. Communication Methods and Measures, 1(1), 77–89."
        case krippendorff2004 =
            "Krippendorff, K. (2004). Content analysis: An introduction to its methodology (2nd ed.). Sage."
        case krippendorff2011 =
            "Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Departmental Papers (ASC), Annenberg School for Communication, University of Pennsylvania."
        case krippendorff2016 =
            "Krippendorff, K., Mathet, Y., Bouvry, S., & Widlöcher, A. (2016). On the reliability of unitizing textual continua: Further developments. Quality & Quantity, 50(6), 2347–2364."
    }

    mutating func write() -> [MethodsText.Block] {
        var blocks: [MethodsText.Block] = [.heading("Data"), .paragraph(data())]
        blocks += [.heading("Codebook")] + codebook()
        blocks += [.heading("Coding")] + coding()
        blocks += [.heading("Inter-coder agreement")] + agreement()
        if let settling = report.settling {
            blocks += [.heading("Settling disagreements"), .paragraph(settle(settling))]
        }
        for share in report.assistants { blocks += [.heading("AI-assisted coding")] + assistant(share) }
        if !cited.isEmpty {
            blocks += [.heading("References"), .references(Reference.allCases.filter(cited.contains).map(\.rawValue))]
        }
        return blocks
    }

    // MARK: - The sections

    func data() -> String {
        let corpus = report.corpus
        guard corpus.documents > 0 else { return "The project held no transcripts." }
        let cases =
            corpus.cases.count <= 10 && !corpus.cases.isEmpty
            ? " (\(Words.list(corpus.cases)))" : ""
        var text =
            "The data comprised \(Self.count(corpus.documents, "interview transcript")) from "
            + "\(Self.count(corpus.cases.count, "case"))\(cases), \(Self.n(corpus.words)) words in all (speaker labels excluded)."
        if corpus.documents > 1, let shortest = corpus.shortest, let longest = corpus.longest {
            text +=
                " Interviews ranged from \(Self.n(shortest.words)) words (\(shortest.document)) to "
                + "\(Self.n(longest.words)) words (\(longest.document)), "
                + "\(Self.n(Int((Double(corpus.words) / Double(corpus.documents)).rounded()))) on average."
        }
        return text
    }

    func codebook() -> [MethodsText.Block] {
        let book = report.codebook
        let named = book.name.map { " (“\($0)”)" } ?? ""
        let groups = book.folders.map { "\($0.folder) (\($0.codes))" }
        var text = "Coding used a codebook\(named) of \(Self.count(book.codes, "code"))"
        text += groups.count > 1 ? " in \(groups.count) groups: \(Words.list(groups))." : "."
        var blocks: [MethodsText.Block] = []
        let changes = book.changes
        if changes.isEmpty {
            text += " No change to the codebook was recorded during coding."
        } else {
            let first = Self.day(changes.first!.at), last = Self.day(changes.last!.at)
            text +=
                " The codebook was revised \(Self.times(changes.count)) during coding"
                + (first == last ? ", on \(first)" : ", between \(first) and \(last)")
                + (changes.count > Self.shownChanges ? "; the first \(Self.shownChanges) changes were:" : ":")
        }
        blocks.append(.paragraph(text))
        if !changes.isEmpty {
            blocks.append(
                .bullets(
                    changes.prefix(Self.shownChanges).map { entry in
                        "\(Self.day(entry.at)), \(entry.who): \(entry.detail)."
                    }))
        }
        let more = changes.count > Self.shownChanges ? " and every change to it" : ""
        blocks.append(
            .paragraph("The full codebook, with each code's definition\(more), is given in \(book.appendix)."))
        return blocks
    }

    func coding() -> [MethodsText.Block] {
        let work = report.work
        guard !work.isEmpty else { return [.paragraph("No coding was recorded.")] }
        var text =
            work.count == 1
            ? "The transcripts were coded by one coder, \(work[0].coder)."
            : "The transcripts were coded by \(Self.spelled(work.count)) coders, \(Words.list(work.map(\.coder)))."
        text +=
            " "
            + Words.list(
                work.enumerated().map { i, coder in
                    i == 0
                        ? "\(coder.coder) coded \(Self.count(coder.codings, "passage")) in \(Self.count(coder.documents, "transcript"))"
                        : "\(coder.coder) \(Self.n(coder.codings)) in \(Self.n(coder.documents))"
                }) + "."
        if work.count > 1 {
            let unrecorded = work.filter { $0.codings > 0 && $0.blind + $0.seeingOthers == 0 }
            if unrecorded.count == work.count {
                text += " Whether the coders coded blind was not recorded."
            } else {
                for coder in work where !unrecorded.contains(coder) && coder.codings > 0 { text += " " + blind(coder) }
                if !unrecorded.isEmpty {
                    text += " Whether \(Words.list(unrecorded.map(\.coder))) coded blind was not recorded."
                }
            }
        }
        let accepted = work.filter { $0.accepted > 0 }
        for coder in accepted {
            text +=
                " Of \(coder.coder)'s codings, \(Self.n(coder.accepted)) \(Self.were(coder.accepted)) accepted "
                + "from an AI assistant's proposals (see below)."
        }
        var header = ["Coder", "Transcripts", "Codings", "Blind", "Others in view"]
        let unknown = work.contains { $0.unknown > 0 }
        if unknown { header.append("Not recorded") }
        if !accepted.isEmpty { header.append("From the assistant") }
        let rows = work.map { coder -> [String] in
            var row = [coder.coder, Self.n(coder.documents), Self.n(coder.codings), Self.n(coder.blind)]
            row.append(Self.n(coder.seeingOthers))
            if unknown { row.append(Self.n(coder.unknown)) }
            if !accepted.isEmpty { row.append(Self.n(coder.accepted)) }
            return row
        }
        let table = MethodsText.Table(
            caption: "Coding by coder", header: header, rows: rows, numeric: Set(1..<header.count),
            note:
                "Blind: made while the coder could see no other coder's codings of the same transcript; "
                + "others in view: made while they could."
                + (unknown ? " Not recorded: made before the project recorded this." : ""))
        return [.paragraph(text), .table(table)]
    }

    /// Whether a coder who has codings with the record coded blind, in a sentence.
    func blind(_ coder: CoderWork) -> String {
        var text: String
        if coder.seeingOthers == 0 {
            text =
                "\(coder.unknown == 0 ? "All" : "\(coder.blind)") of \(coder.coder)'s codings were made blind, "
                + "without sight of another coder's codings of the same transcript"
        } else if coder.blind == 0 {
            text = "\(coder.coder) coded with another coder's codings of the transcript in view"
        } else {
            text =
                "\(coder.coder) made \(coder.blind) of \(Self.count(coder.codings, "coding")) blind and "
                + "\(coder.seeingOthers) with another coder's codings of the transcript in view"
        }
        if coder.unknown > 0 { text += "; for \(coder.unknown) it was not recorded" }
        return text + "."
    }

    mutating func agreement() -> [MethodsText.Block] {
        guard let agreement = report.agreement else {
            return [
                .paragraph(
                    report.work.isEmpty
                        ? "No coding was recorded, so no inter-coder agreement was computed."
                        : "Only one coder coded the transcripts, so no inter-coder agreement was computed.")
            ]
        }
        cite(.krippendorff2011, .hayes2007, .krippendorff2016, .krippendorff2004, .gwet2008)
        let two = agreement.coders.count == 2
        cite(two ? .cohen1960 : .fleiss1971)
        let coders = Words.list(agreement.coders)
        var text =
            "Agreement between \(coders) was assessed for each code on the \(Self.count(agreement.documents.count, "transcript")) "
            + (two ? "both" : "all \(Self.spelled(agreement.coders.count))") + " had coded"
        if !agreement.leftOut.isEmpty {
            text +=
                "; \(Self.count(agreement.leftOut.count, "transcript")) that a coder had not coded "
                + "\(Self.were(agreement.leftOut.count)) left out (\(Words.list(agreement.leftOut.map(\.document))))"
        }
        text +=
            ". Coding divides a text into stretches (Krippendorff et al., 2016); here the unit was the character: "
            + "each of the \(Self.n(agreement.characters)) characters was coded with the code or not by each coder, "
            + "a coder's overlapping codings of one code merged first. For each code, Krippendorff's α for nominal data "
            + "(Krippendorff, 2011) was computed"
        if let bootstrap = agreement.bootstrap {
            text +=
                ", with a 95% interval from \(Self.n(bootstrap.draws)) bootstrap resamples of the stretches of text "
                + "between coding boundaries (after Hayes & Krippendorff, 2007)"
        }
        text +=
            ", and \(two ? "Cohen's κ (Cohen, 1960)" : "Fleiss' κ (Fleiss, 1971)") and Gwet's AC1 (Gwet, 2008) for comparison. "
            + "Following Krippendorff (2004), α ≥ .800 was taken as reliable and α ≥ .667 as sufficient for tentative conclusions only."
        let codes = agreement.codes
        let reliable = agreement.count(.reliable), tentative = agreement.count(.tentative)
        let unreliable = agreement.count(.unreliable), undefined = agreement.count(.undefined)
        var results =
            "Of the \(Self.count(codes.count, "code")) compared, \(Self.none(reliable)) reached .800, "
            + "\(Self.none(tentative)) reached .667 only and \(Self.none(unreliable)) fell below .667"
            + (undefined > 0
                ? "; α was undefined for \(undefined) (a code neither coder used, or that one coder used everywhere)"
                : "")
            + "."
        let few = codes.filter(\.restsOnFewUnits).count
        if few > 0 {
            results +=
                " For \(Self.count(few, "code")), α rested on fewer than \(AgreementReport.fewUnits) codings by a coder "
                + "and could not show reliability whatever its value (marked † in the table)."
        }
        let independence = agreement.independence
        if independence.compared > 0, independence.independent + independence.seeingOthers > 0 {
            results +=
                " Of the \(Self.n(independence.compared)) codings compared, \(Self.n(independence.independent)) were made blind"
                + (independence.seeingOthers > 0
                    ? " and \(Self.n(independence.seeingOthers)) with another coder's in view" : "")
                + (independence.unknown > 0 ? "; for \(Self.n(independence.unknown)) this was not recorded" : "") + "."
        }
        let assisted = agreement.assistance.accepted.values.reduce(0, +)
        if assisted > 0 {
            results +=
                " Of the codings compared, \(Self.n(assisted)) had been accepted from an AI assistant's proposals."
        }
        let kappa = two ? "Cohen's κ" : "Fleiss' κ"
        let header =
            [
                "Code", "α", "95% interval", kappa, "AC1", "Codings (\(agreement.coders.joined(separator: "/")))",
                "Transcripts",
            ]
        let rows = codes.map { code -> [String] in
            let figures = code.figures
            return [
                code.code + (code.restsOnFewUnits ? " †" : ""), Self.value(figures.krippendorffAlpha),
                code.bootstrap.map { "[\(Self.value($0.alphaLow)), \(Self.value($0.alphaHigh))]" } ?? "",
                Self.value(two ? figures.cohenKappa : figures.fleissKappa), Self.value(figures.gwetAC1),
                figures.segments.map(Self.n).joined(separator: "/"), Self.n(code.frequencyLevel.documentsCoded),
            ]
        }
        let table = MethodsText.Table(
            caption:
                "Inter-coder agreement per code (\(coders); \(Self.count(agreement.documents.count, "transcript")), "
                + "\(Self.n(agreement.characters)) characters)",
            header: header, rows: rows, numeric: [1, 2, 3, 4, 5, 6],
            note:
                "α: Krippendorff's alpha, the character the unit. Transcripts: those in which a coder used the code. "
                + "† fewer than \(AgreementReport.fewUnits) codings by a coder. n/a: undefined.")
        return [.paragraph(text), .paragraph(results), .table(table)]
    }

    func settle(_ settling: MethodsReport.Settling) -> String {
        let (a, b) = (settling.coders[0], settling.coders[1])
        guard settling.stretches > 0 else {
            return "\(a) and \(b) coded no passage in the transcripts both coded, so there was nothing to settle."
        }
        var text =
            "The two coders' codings were compared stretch by stretch, a stretch being a run of text over which "
            + "\(a)'s and \(b)'s codings of one code coincided or differed. "
        text +=
            settling.overlap.map {
                "Codings whose common part was at least \(Self.percent($0)) of their union counted as agreed (the rule MAXQDA applies), and their common part was kept. "
            } ?? "Only codings identical in extent counted as agreed. "
        text +=
            "Of the \(Self.n(settling.stretches)) stretches, \(Self.none(settling.agreed)) \(Self.were(settling.agreed)) coded alike"
        if settling.nearlyAlike > 0 { text += " (\(Self.n(settling.nearlyAlike)) of them nearly alike)" }
        text +=
            settling.settled == 0
            ? ", none had been settled by discussion"
            : ", \(Self.n(settling.settled)) \(Self.were(settling.settled)) settled by discussion"
        var kinds: [String] = []
        let words: [Settlement.Decision: String] = [
            .first: "keeping \(a)'s version", .second: "keeping \(b)'s version", .both: "keeping both (their union)",
            .common: "keeping their common part", .neither: "judging that the code did not apply",
        ]
        for kind in Settlement.Decision.allCases {
            if let count = settling.decisions[kind], count > 0 { kinds.append("\(Self.n(count)) by \(words[kind]!)") }
        }
        if settling.settledByCoding > 0 {
            kinds.append("\(Self.n(settling.settledByCoding)) by coding the consensus directly")
        }
        if !kinds.isEmpty { text += " (\(Words.list(kinds)))" }
        text += " and \(Self.none(settling.unsettled)) remained unsettled."
        if settling.complete {
            text += " The resulting consensus coding was complete: every stretch was agreed or settled."
        } else if !settling.exists {
            text += " No consensus coding had been written."
        } else if settling.unsettled > 0 {
            text += " The consensus coding was not yet complete."
        } else {
            text += " \(Self.n(settling.pending)) agreed stretches were not yet written into the consensus coding."
        }
        return text
    }

    mutating func assistant(_ share: MethodsReport.AssistantShare) -> [MethodsText.Block] {
        let name =
            share.assistant.hasPrefix(Assistant.prefix)
            ? String(share.assistant.dropFirst(Assistant.prefix.count)) : share.assistant
        let with = share.madeWith.isEmpty ? "" : ", run with \(Words.list(share.madeWith)),"
        var text =
            "An AI assistant (\(name))\(with) proposed \(Self.count(share.proposals, "coding")) of "
            + "\(Self.count(share.codes.count, "code")). A researcher reviewed each proposal: "
            + "\(Self.n(share.accepted)) \(Self.were(share.accepted)) accepted and \(Self.n(share.rejected)) rejected"
            + (share.pending > 0 ? "; \(Self.n(share.pending)) had not been reviewed" : "") + "."
        text +=
            " An accepted proposal became the reviewing coder's coding and is counted as theirs above."
        var blocks: [MethodsText.Block] = []
        guard !share.agreement.isEmpty else { return [.paragraph(text)] }
        cite(.krippendorff2011)
        text +=
            " The assistant's own codings were compared with what each coder coded unaided (codings accepted from its proposals left out), "
            + "on the codes it proposed, as above."
        for (coder, report) in share.agreement {
            let alphas = report.codes.compactMap(\.figures.krippendorffAlpha)
            if let low = alphas.min(), let high = alphas.max() {
                text +=
                    alphas.count == 1
                    ? " Against \(coder), its α was \(Self.value(low))."
                    : " Against \(coder), its α ranged from \(Self.value(low)) to \(Self.value(high)) over \(alphas.count) codes."
            } else {
                text += " Against \(coder), α could not be computed (no transcript both had coded)."
            }
        }
        blocks.append(.paragraph(text))
        let header =
            ["Code"] + share.agreement.map { "α against \($0.coder)" }
            + share.agreement.map { "95% interval (\($0.coder))" }
        let rows = share.codes.map { code -> [String] in
            let found = share.agreement.map { pair in pair.report.codes.first { $0.code == code } }
            return [code]
                + found.map { agreement in
                    agreement.map { Self.value($0.figures.krippendorffAlpha) + ($0.restsOnFewUnits ? " †" : "") }
                        ?? "n/a"
                }
                + found.map { agreement in
                    agreement?.bootstrap.map { "[\(Self.value($0.alphaLow)), \(Self.value($0.alphaHigh))]" } ?? ""
                }
        }
        blocks.append(
            .table(
                MethodsText.Table(
                    caption: "The assistant's agreement with each coder, per code it proposed",
                    header: header, rows: rows, numeric: Set(1..<header.count),
                    note: "† fewer than \(AgreementReport.fewUnits) codings by one of the two. n/a: not computed.")))
        return blocks
    }

    // MARK: - Words and numbers

    /// Changes listed in the text; the rest are left to the appendix.
    static let shownChanges = 8

    private mutating func cite(_ references: Reference...) { cited.formUnion(references) }

    /// A count with its thousands grouped.
    static func n(_ value: Int) -> String { Words.thousands(value) }

    /// A count and its noun: "1 transcript", "1,200 transcripts".
    static func count(_ value: Int, _ noun: String, plural: String? = nil) -> String {
        n(value) + " " + (value == 1 ? noun : plural ?? noun + "s")
    }

    /// A coefficient as a paper prints it: three decimals, no leading zero, a true minus.
    static func value(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "n/a" }
        let rounded = (x * 1000).rounded() / 1000
        var text = String(format: "%.3f", abs(rounded))
        if text.hasPrefix("0.") { text.removeFirst() }
        return (rounded < 0 ? "−" : "") + text
    }

    static func percent(_ share: Double) -> String {
        let value = share * 100
        return (value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)) + "%"
    }

    static func times(_ count: Int) -> String {
        count == 1 ? "once" : count == 2 ? "twice" : "\(n(count)) times"
    }

    /// The verb for a count: "was" for 1, else "were".
    static func were(_ count: Int) -> String { count == 1 ? "was" : "were" }

    /// A count, "none" for 0.
    static func none(_ count: Int) -> String { count == 0 ? "none" : n(count) }

    static func spelled(_ count: Int) -> String {
        let words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        return count < words.count ? words[count] : n(count)
    }

    /// An ISO 8601 instant as a day in words: "7 December 2026".
    static func day(_ iso: String) -> String {
        let parts = iso.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return String(iso.prefix(10)) }
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        return "\(parts[2]) \(months[parts[1] - 1]) \(parts[0])"
    }
}
