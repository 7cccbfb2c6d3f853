import CodingEngine
import Foundation

/// How agreement figures are printed.
enum AgreementOutput {
    static func number(_ value: Double?) -> JSONValue { value.map(JSONValue.double) ?? .null }

    static func figures(_ figures: AgreementReport.Figures, coders: [String]) -> [(String, JSONValue)] {
        var pairs: [(String, JSONValue)] = [
            ("coverage", .object(zip(coders, figures.coverage).map { ($0, .int($1)) })),
            ("segments", .object(zip(coders, figures.segments).map { ($0, .int($1)) })),
        ]
        if let table = figures.table {
            pairs.append(
                (
                    "table",
                    .object([
                        ("both", .int(table.both)), ("a_only", .int(table.aOnly)),
                        ("b_only", .int(table.bOnly)), ("neither", .int(table.neither)),
                    ])
                ))
        } else {
            pairs.append(
                (
                    "coders_agreeing",
                    .object(figures.units.counts.enumerated().map { ("\($0.offset)", .int($0.element)) })
                ))
        }
        pairs += [
            ("percent_agreement", number(figures.percentAgreement)), ("jaccard", number(figures.jaccard)),
            ("cohen_kappa", number(figures.cohenKappa)), ("fleiss_kappa", number(figures.fleissKappa)),
            ("krippendorff_alpha", number(figures.krippendorffAlpha)), ("gwet_ac1", number(figures.gwetAC1)),
        ]
        if let matching = figures.matching {
            pairs.append(
                (
                    "segment_matching",
                    .object([
                        ("matched", .int(matching.matched)), ("a_unmatched", .int(matching.aUnmatched)),
                        ("b_unmatched", .int(matching.bUnmatched)),
                        ("segment_agreement", number(matching.segmentAgreement)),
                    ])
                ))
        }
        return pairs
    }

    /// A code's resampled figures.
    static func bootstrapJSON(_ b: AgreementBootstrap) -> JSONValue {
        .object([
            ("alpha_ci", .array([number(b.alphaLow), number(b.alphaHigh)])), ("alpha_se", number(b.alphaStandardError)),
            ("p_alpha_below_0_800", number(b.belowReliable)), ("p_alpha_below_0_667", number(b.belowTentative)),
            ("kappa_se", number(b.kappaStandardError)),
            ("kappa_ci", .array([number(b.kappaLow), number(b.kappaHigh)])),
            ("draws", .int(b.draws)), ("undefined_draws", .int(b.undefinedDraws)),
        ])
    }

    static func json(_ report: AgreementReport, byDocument: Bool, unitizing: UnitizingReport? = nil) -> JSONValue {
        let unitizingByCode = Dictionary(
            (unitizing?.codes ?? []).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let codes: [JSONValue] = report.codes.map { code in
            var pairs: [(String, JSONValue)] =
                [("code", .string(code.code))] + figures(code.figures, coders: report.coders)
            if let unitized = unitizingByCode[code.code] {
                pairs += [
                    ("u_alpha_binary", number(unitized.binaryUAlpha)), ("u_alpha_2004", number(unitized.alpha2004)),
                ]
            }
            if let bootstrap = code.bootstrap { pairs.append(("bootstrap", bootstrapJSON(bootstrap))) }
            pairs.append(("reliability", .string(code.reliability.rawValue)))
            pairs.append(("few_units", .bool(code.restsOnFewUnits)))
            pairs.append(
                (
                    "document_level",
                    .object([
                        ("documents", .int(code.documentLevel.units)),
                        ("percent_agreement", number(code.documentLevel.percentAgreement)),
                        ("kappa", number(code.documentLevelKappa)),
                    ])
                ))
            let frequency = code.frequencyLevel
            pairs.append(
                (
                    "frequency_level",
                    .object([
                        ("documents", .int(frequency.documents)), ("same_count", .int(frequency.sameCount)),
                        ("percent_agreement", number(frequency.percentAgreement)),
                        ("documents_coded", .int(frequency.documentsCoded)),
                        ("same_count_coded", .int(frequency.sameCountCoded)),
                        ("percent_agreement_coded", number(frequency.percentAgreementCoded)),
                    ])
                ))
            if byDocument {
                pairs.append(
                    (
                        "documents",
                        .array(
                            code.documents.map { document in
                                .object(
                                    [("document", .string(document.name))]
                                        + figures(document.figures, coders: report.coders))
                            })
                    ))
            }
            return .object(pairs)
        }
        var pairs: [(String, JSONValue)] = [
            ("coders", .array(report.coders.map(JSONValue.string))), ("unit", .string("character")),
            ("documents", .int(report.documents.count)), ("characters", .int(report.characters)),
            ("codes", .array(codes)),
            (
                "summary",
                .object([
                    ("codes_reliable", .int(report.count(.reliable))),
                    ("codes_tentative", .int(report.count(.tentative))),
                    ("codes_unreliable", .int(report.count(.unreliable))),
                    ("codes_undefined", .int(report.count(.undefined))),
                ])
            ),
        ]
        pairs.append(
            (
                "independence",
                .object([
                    ("independent", .int(report.independence.independent)),
                    ("seeing_others", .int(report.independence.seeingOthers)),
                    ("unknown", .int(report.independence.unknown)), ("left_out", .int(report.independence.leftOut)),
                ])
            ))
        pairs.append(
            (
                "assistance",
                .object([
                    (
                        "accepted",
                        .object(report.assistance.accepted.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })
                    ),
                    ("left_out", .int(report.assistance.leftOut)),
                ])
            ))
        if let options = report.bootstrap {
            pairs.append(
                (
                    "bootstrap",
                    .object([
                        ("draws", .int(options.draws)), ("seed", .string(String(options.seed))),
                        (
                            "resampled",
                            .string("the stretches between coding boundaries, with replacement, as many as there are")
                        ),
                        ("interval", .string("95% percentile")),
                    ])
                ))
        }
        pairs.append(
            (
                "documents_left_out",
                .array(
                    report.leftOut.map {
                        .object([
                            ("document", .string($0.document)),
                            ("not_coded_by", .array($0.notCodedBy.map(JSONValue.string))),
                            ("reason", .string($0.reason)),
                        ])
                    })
            ))
        if let unitizing { pairs += UnitizingOutput.json(unitizing) }
        return .object(pairs)
    }

    /// One row per code (and per code and document): the table's counts and the coefficients.
    static func listing(_ report: AgreementReport, byDocument: Bool, unitizing: UnitizingReport? = nil) -> Listing {
        let two = report.coders.count == 2
        var columns = ["code", "document"]
        columns += report.coders.map { "coverage_\($0)" }
        columns +=
            two
            ? ["both", "a_only", "b_only", "neither"]
            : report.coders.indices.map { _ in "" }.enumerated().map { "agreeing_\($0.offset)" } + [
                "agreeing_\(report.coders.count)"
            ]
        columns += [
            "percent_agreement", "jaccard", two ? "cohen_kappa" : "fleiss_kappa", "krippendorff_alpha", "gwet_ac1",
        ]
        columns += ["documents_same_count", "frequency_agreement"]
        let resampled = report.bootstrap != nil
        if resampled {
            columns += ["alpha_low", "alpha_high", "p_alpha_below_0_800", "p_alpha_below_0_667", "kappa_se"]
        }
        let unitizingByCode = Dictionary(
            (unitizing?.codes ?? []).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        if unitizing != nil { columns += ["u_alpha_binary", "u_alpha_2004"] }
        func row(_ code: String, _ document: String, _ f: AgreementReport.Figures) -> [JSONValue] {
            var cells: [JSONValue] = [.string(code), .string(document)] + f.coverage.map { JSONValue.int($0) }
            if let t = f.table {
                cells += [.int(t.both), .int(t.aOnly), .int(t.bOnly), .int(t.neither)]
            } else {
                cells += f.units.counts.map { JSONValue.int($0) }
            }
            return cells + [
                number(f.percentAgreement), number(f.jaccard), number(two ? f.cohenKappa : f.fleissKappa),
                number(f.krippendorffAlpha), number(f.gwetAC1),
            ]
        }
        var rows: [[JSONValue]] = []
        for code in report.codes {
            var pooled = row(code.code, "(all)", code.figures)
            pooled += [.int(code.frequencyLevel.sameCount), number(code.frequencyLevel.percentAgreement)]
            if resampled {
                let b = code.bootstrap
                pooled += [
                    number(b?.alphaLow), number(b?.alphaHigh), number(b?.belowReliable), number(b?.belowTentative),
                    number(b?.kappaStandardError),
                ]
            }
            if unitizing != nil {
                let unitized = unitizingByCode[code.code]
                pooled += [number(unitized?.binaryUAlpha), number(unitized?.alpha2004)]
            }
            rows.append(pooled)
            if byDocument {
                for document in code.documents {
                    let blanks = 2 + (resampled ? 5 : 0) + (unitizing != nil ? 2 : 0)
                    rows.append(
                        row(code.code, document.name, document.figures)
                            + Array(repeating: JSONValue.null, count: blanks))
                }
            }
        }
        return Listing(columns: columns, rows: rows)
    }

    /// The table for reading: worst code first, figures to three decimals, n/a where undefined.
    static func table(_ report: AgreementReport, byDocument: Bool) throws -> String {
        func f(_ value: Double?) -> String { value.map { String(format: "%.3f", abs($0) < 0.0005 ? 0 : $0) } ?? "n/a" }
        let two = report.coders.count == 2
        let resampled = report.bootstrap != nil
        var out =
            "Agreement of \(report.coders.joined(separator: ", ")) over \(report.documents.count) documents, \(report.characters) characters (each character a unit)\n\n"
        let sorted = report.codes.sorted { ($0.figures.krippendorffAlpha ?? 2) < ($1.figures.krippendorffAlpha ?? 2) }
        var rows: [[JSONValue]] = []
        for code in sorted {
            let figures = code.figures
            let table =
                figures.table.map { "\($0.both)/\($0.aOnly)/\($0.bOnly)/\($0.neither)" }
                ?? figures.units.counts.map(String.init).joined(separator: "/")
            let interval: [JSONValue] =
                resampled
                ? [
                    .string(
                        code.bootstrap?.alphaLow.map { _ in
                            "[\(f(code.bootstrap?.alphaLow)), \(f(code.bootstrap?.alphaHigh))]"
                        } ?? "n/a"),
                    .string(f(code.bootstrap?.belowReliable)), .string(f(code.bootstrap?.belowTentative)),
                ] : []
            rows.append(
                [.string(code.code), .string(f(figures.krippendorffAlpha))] + interval + [
                    .string(code.reliability.rawValue),
                    .string(f(figures.percentAgreement)), .string(f(two ? figures.cohenKappa : figures.fleissKappa)),
                    .string(f(figures.gwetAC1)), .string(f(figures.jaccard)), .string(table),
                    .string(figures.matching.map { "\($0.matched)/\($0.aUnmatched)/\($0.bUnmatched)" } ?? "-"),
                    .string("\(f(code.documentLevel.percentAgreement)) κ \(f(code.documentLevelKappa))"),
                    .string("\(code.frequencyLevel.sameCount)/\(code.frequencyLevel.documents)"),
                ])
            if byDocument {
                for document in code.documents {
                    let d = document.figures
                    rows.append(
                        [.string("  " + document.name), .string(f(d.krippendorffAlpha))]
                            + (resampled ? [.string(""), .string(""), .string("")] : [])
                            + [
                                .string(""), .string(f(d.percentAgreement)),
                                .string(f(two ? d.cohenKappa : d.fleissKappa)), .string(f(d.gwetAC1)),
                                .string(f(d.jaccard)),
                                .string(
                                    d.table.map { "\($0.both)/\($0.aOnly)/\($0.bOnly)/\($0.neither)" }
                                        ?? d.units.counts.map(String.init).joined(separator: "/")),
                                .string(d.matching.map { "\($0.matched)/\($0.aUnmatched)/\($0.bUnmatched)" } ?? "-"),
                                .string(""), .string(""),
                            ])
                }
            }
        }
        let tableColumn = two ? "both/a/b/neither" : "coders agreeing 0/1/…/\(report.coders.count)"
        out += try Listing(
            columns: ["code", "alpha"] + (resampled ? ["95% CI", "P(α<.800)", "P(α<.667)"] : [])
                + [
                    "reading", "agreement", two ? "cohen κ" : "fleiss κ", "gwet AC1", "jaccard",
                    tableColumn, "segments m/a/b", "documents agree", "same count",
                ],
            rows: rows,
            rightAligned: [
                "alpha", "95% CI", "P(α<.800)", "P(α<.667)", "agreement", "cohen κ", "fleiss κ", "gwet AC1", "jaccard",
            ]
        ).render(.table)
        out +=
            "\n\(report.count(.reliable)) reliable (alpha ≥ .800), \(report.count(.tentative)) tentative (.667–.800), "
        out += "\(report.count(.unreliable)) unreliable, \(report.count(.undefined)) undefined (n/a)\n"
        out += report.independence.summary + "\n"
        if let line = report.assistance.summary(compared: report.independence.compared) { out += line + "\n" }
        out +=
            "MAXQDA's three levels: documents agree = each coder used the code in a document or not (code existence),\n"
        out += "  same count = documents where each coder coded it as many times (code frequency),\n"
        out += "  segments m/a/b = codings matched one to one and unmatched (segment level, --segments)\n"
        if let options = report.bootstrap {
            out +=
                "95% CI, P(α<.800) and P(α<.667): \(options.draws) resamples of the stretches between coding boundaries "
            out += "(--seed \(options.seed)); JSON and HTML add kappa's standard error\n"
        }
        return out
    }
}
