import CodingEngine

/// How `agree --unitizing` and `--domain` print Krippendorff's unitizing alphas.
enum UnitizingOutput {
    static func f(_ value: Double?) -> String {
        value.map { String(format: "%.3f", abs($0) < 0.0005 ? 0 : $0) } ?? "n/a"
    }

    /// The JSON members added to `agree`'s object: per domain the 2016 family, and Cuα.
    static func json(_ report: UnitizingReport) -> [(String, JSONValue)] {
        let number = AgreementOutput.number
        let domains: [JSONValue] = report.domains.map { domain in
            .object([
                ("domain", .string(domain.domain)), ("values", .array(domain.values.map(JSONValue.string))),
                ("u_alpha", number(domain.uAlpha)), ("u_alpha_binary", number(domain.binaryUAlpha)),
                ("cu_alpha", number(domain.cuAlpha)), ("cu_coverage", number(domain.cuCoverage)),
                ("ku_alpha", .object(zip(domain.values, domain.kuAlpha).map { ($0, number($1)) })),
                ("ku_coverage", .object(zip(domain.values, domain.coverage).map { ($0, number($1)) })),
                ("u_alpha_2004", number(domain.alpha2004)),
                ("overlaps_resolved", .object(zip(report.coders, domain.resolvedCharacters).map { ($0, .int($1)) })),
            ])
        }
        var pairs: [(String, JSONValue)] = [
            (
                "unitizing",
                .object([
                    ("continuum", .string("the compared documents end to end, in characters")),
                    (
                        "overlaps",
                        .string(
                            "a coder's codings of one code that share characters are one unit; where codings of two codes of a domain overlap, the shorter keeps the shared characters"
                        )
                    ),
                ])
            )
        ]
        if !report.domains.isEmpty {
            pairs += [("domains", .array(domains)), ("Cu_alpha", number(report.combinedCuAlpha))]
        }
        return pairs
    }

    /// The table for reading: each code's |uα and α_u, then each domain's family.
    static func table(_ report: UnitizingReport) throws -> String {
        var out = "Unitizing (Krippendorff): the documents end to end as one continuum of characters\n\n"
        out += try Listing(
            columns: ["code", "|uα", "α_u (2004)"],
            rows: report.codes.map { [.string($0.code), .string(f($0.binaryUAlpha)), .string(f($0.alpha2004))] },
            rightAligned: ["|uα", "α_u (2004)"]
        ).render(.table)
        for domain in report.domains {
            out +=
                "\nSemantic domain \(domain.domain) (\(domain.values.count) codes): uα \(f(domain.uAlpha)), |uα \(f(domain.binaryUAlpha)), "
            out +=
                "cuα \(f(domain.cuAlpha)) over \(percent(domain.cuCoverage)) of the coincidences, α_u (2004) \(f(domain.alpha2004))\n"
            out += try Listing(
                columns: ["code", "(k)uα", "covered"],
                rows: zip(domain.values, zip(domain.kuAlpha, domain.coverage)).map {
                    [.string($0), .string(f($1.0)), .string(percent($1.1))]
                }, rightAligned: ["(k)uα", "covered"]
            ).render(.table)
            let resolved = zip(report.coders, domain.resolvedCharacters).filter { $1 > 0 }
            if !resolved.isEmpty {
                out += "Overlapping codings of two of its codes, given to the shorter coding: "
                out += resolved.map { "\($0) \($1) characters" }.joined(separator: ", ") + "\n"
            }
        }
        if report.domains.count > 1 {
            out += "\nCuα over the \(report.domains.count) domains: \(f(report.combinedCuAlpha))\n"
        }
        return out
    }

    static func percent(_ share: Double?) -> String { share.map { String(format: "%.0f%%", $0 * 100) } ?? "n/a" }
}
