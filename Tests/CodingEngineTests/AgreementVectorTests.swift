import CodingEngine
import Foundation
import Testing
import TestSupport

/// Reference figures from independent libraries (krippendorff, scikit-learn,
/// statsmodels, irrCAC) and papers, each within 1e-6: carried over, with their source,
/// into `Fixtures/agreement-figures.json`, so the tests need nothing beside the
/// repository.
@Suite("Agreement coefficients against reference figures")
struct AgreementVectorTests {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/agreement-figures.json")

    /// ../shared/agreement/vectors.json, when it is beside the repository (or $INTERTWINE_SHARED).
    static let shared: URL? = {
        var candidates: [URL] = []
        if let shared = ProcessInfo.processInfo.environment["INTERTWINE_SHARED"] {
            candidates.append(URL(fileURLWithPath: shared))
        }
        candidates.append(Support.root.deletingLastPathComponent().appendingPathComponent("shared"))
        return candidates.map { $0.appendingPathComponent("agreement/vectors.json") }.first {
            FileManager.default.fileExists(atPath: $0.path)
        }
    }()

    /// Kinds about unitizing (Krippendorff's u-alpha family): checked by
    /// `UnitizingAlphaTests` from their own fixture, not here.
    static let unitizingKinds: Set<String> = ["unitizing_2016", "unitizing_2004"]

    static func vectors(_ url: URL = url) throws -> [[String: Any]] {
        let data = try Data(contentsOf: url)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(root["vectors"] as? [[String: Any]])
    }

    /// How many figures were compared, so the test cannot pass by comparing nothing.
    final class Tally: @unchecked Sendable { var count = 0 }
    let tally = Tally()

    func close(_ actual: Double?, _ expected: Any?, _ what: String, scale: Double = 1) {
        tally.count += 1
        if expected == nil || expected is NSNull {
            #expect(actual == nil, "\(what): expected undefined, got \(String(describing: actual))")
            return
        }
        guard let value = (expected as? NSNumber)?.doubleValue else {
            Issue.record("\(what): expected value is not a number")
            return
        }
        guard let actual else {
            Issue.record("\(what): undefined, expected \(value)")
            return
        }
        #expect(abs(actual * scale - value) < 1e-6 * max(1, scale), "\(what): \(actual * scale) vs \(value)")
    }

    /// A JSON value as a Double (numbers) or a stable number for a string label.
    static func number(_ value: Any, labels: inout [String: Double]) -> Double? {
        if let n = value as? NSNumber { return n.doubleValue }
        if let s = value as? String {
            if let known = labels[s] { return known }
            labels[s] = Double(labels.count)
            return labels[s]
        }
        return nil
    }

    static func matrix(_ raw: [[Any]]) -> [[Double?]] {
        var labels: [String: Double] = [:]
        return raw.map { row in row.map { number($0, labels: &labels) } }
    }

    @Test(
        "the figures carried over are those of the shared vectors, when they are beside the repository",
        .enabled(
            if: AgreementVectorTests.shared != nil, "../shared/agreement/vectors.json is not beside the repository"))
    func sameAsShared() throws {
        let ours = try Self.vectors()
        let theirs = try Self.vectors(try #require(Self.shared)).filter {
            !Self.unitizingKinds.contains($0["kind"] as? String ?? "")
        }
        #expect(ours.count == theirs.count)
        for (a, b) in zip(ours, theirs) {
            #expect(a["id"] as? String == b["id"] as? String)
            #expect(
                NSDictionary(dictionary: a["expected"] as? [String: Any] ?? [:])
                    == NSDictionary(dictionary: b["expected"] as? [String: Any] ?? [:]))
        }
    }

    @Test("every reference figure, within 1e-6")
    func allVectors() throws {
        var checked = 0
        for vector in try Self.vectors() {
            let id = vector["id"] as? String ?? "?"
            let kind = vector["kind"] as? String ?? "?"
            let inputs = vector["inputs"] as? [String: Any] ?? [:]
            let expected = vector["expected"] as? [String: Any] ?? [:]
            switch kind {
            case "krippendorff_alpha":
                let data = Self.matrix(inputs["coders_by_units"] as? [[Any]] ?? [])
                for (level, value) in expected {
                    let alpha = CategoricalAgreement.krippendorffAlpha(
                        codersByUnits: data, level: CategoricalAgreement.Level(rawValue: level)!)
                    close(alpha, value, "\(id) \(level)")
                }
            case "multi_coder":
                let rows: [[Int]]
                if let counts = inputs["subject_by_category_counts"] as? [[Int]] {
                    rows = counts
                } else {
                    var raw = inputs["coders_by_units"] as? [[Any]] ?? []
                    if let unitsByCoders = inputs["units_by_coders"] as? [[Any]] {
                        raw = (0..<(unitsByCoders.first?.count ?? 0)).map { c in unitsByCoders.map { $0[c] } }
                    }
                    let data = Self.matrix(raw)
                    var labels: [String: Double] = [:]
                    let categories = (inputs["categories"] as? [Any] ?? []).compactMap {
                        Self.number($0, labels: &labels)
                    }
                    rows = CategoricalAgreement.rows(codersByUnits: data, categories: categories)
                    if let alpha = expected["krippendorff_nominal"] {
                        close(
                            CategoricalAgreement.krippendorffAlpha(codersByUnits: data, level: .nominal), alpha,
                            "\(id) alpha")
                    }
                }
                if let v = expected["fleiss_kappa"] { close(CategoricalAgreement.fleissKappa(rows), v, "\(id) fleiss") }
                if let v = expected["gwet_ac1"] { close(CategoricalAgreement.gwetAC1(rows), v, "\(id) gwet") }
                if let v = expected["brennan_prediger"] {
                    close(CategoricalAgreement.brennanPrediger(rows), v, "\(id) bp")
                }
                if let v = expected["randolph_free_marginal_kappa"] {
                    close(CategoricalAgreement.brennanPrediger(rows), v, "\(id) randolph")
                }
                if let v = expected["percent_agreement"] {
                    close(CategoricalAgreement.percentAgreement(rows), v, "\(id) pa")
                }
            case "two_coder_binary":
                let a = inputs["coder1"] as? [Int] ?? [], b = inputs["coder2"] as? [Int] ?? []
                let table = TwoByTwo(
                    both: zip(a, b).filter { $0 == 1 && $1 == 1 }.count,
                    aOnly: zip(a, b).filter { $0 == 1 && $1 == 0 }.count,
                    bOnly: zip(a, b).filter { $0 == 0 && $1 == 1 }.count,
                    neither: zip(a, b).filter { $0 == 0 && $1 == 0 }.count)
                close(table.percentAgreement, expected["percent_agreement"], "\(id) pa")
                close(table.cohenChanceAgreement, expected["cohen_chance_agreement"], "\(id) pe")
                close(table.cohenKappa, expected["cohen_kappa"], "\(id) kappa")
                close(table.units.fleissKappa, expected["scott_pi"], "\(id) scott")
                close(table.units.krippendorffAlpha, expected["krippendorff_alpha_nominal"], "\(id) alpha")
                let rows = CategoricalAgreement.rows(
                    codersByUnits: [a.map(Optional.some), b.map(Optional.some)], categories: [0, 1])
                close(CategoricalAgreement.brennanPrediger(rows), expected["brennan_prediger_q2"], "\(id) bp")
            case "cohen_kappa":
                var labels: [String: Double] = [:]
                let a = (inputs["coder1"] as? [Any] ?? []).compactMap { Self.number($0, labels: &labels) }
                let b = (inputs["coder2"] as? [Any] ?? []).compactMap { Self.number($0, labels: &labels) }
                let weights = CategoricalAgreement.Weights(rawValue: inputs["weights"] as? String ?? "none") ?? .none
                let given = (inputs["labels"] as? [Any])?.compactMap { Self.number($0, labels: &labels) }
                close(
                    CategoricalAgreement.cohenKappa(a, b, weights: weights, labels: given), expected["cohen_kappa"],
                    "\(id) kappa")
                let categories = given ?? Array(Set(a + b)).sorted()
                let rows = CategoricalAgreement.rows(
                    codersByUnits: [a.map(Optional.some), b.map(Optional.some)], categories: categories)
                close(CategoricalAgreement.percentAgreement(rows), expected["percent_agreement"], "\(id) pa")
                // Gwet's AC1 is for unweighted categories; the reference leaves it undefined when weighted.
                close(weights == .none ? CategoricalAgreement.gwetAC1(rows) : nil, expected["gwet_ac1"], "\(id) gwet")
            case "character_level", "character_level_multi":
                try checkCharacterLevel(id: id, inputs: inputs, expected: expected)
            default:
                #expect(Self.unitizingKinds.contains(kind), "unknown kind \(kind) in \(id)")
                continue
            }
            checked += 1
        }
        #expect(checked >= 16)
        #expect(tally.count >= 120, "only \(tally.count) figures compared")
    }

    /// Segment matching (as coded, one to one by intersection over union) and the
    /// review list of disputed stretches.
    func checkSegmentsAndReview(
        id: String, expected: [String: Any], ranges: (String, String) -> [[TextRange]], docs: [String: Int]
    ) {
        let codes = Set((expected["per_code_per_doc"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
            .sorted()
        for (name, threshold) in [("iou_gt_0.5", SegmentMatching.Threshold.standard), ("iou_ge_0.9", .strict)] {
            guard let block = (expected["segment_matching"] as? [String: Any])?[name] as? [String: Any],
                let perCode = block["per_code"] as? [String: [String: Any]]
            else { continue }
            var overall = SegmentMatching.Result()
            for code in codes {
                let result = docs.keys.sorted().map {
                    SegmentMatching.match(ranges(code, $0)[0], ranges(code, $0)[1], threshold: threshold)
                }
                .reduce(SegmentMatching.Result(), +)
                overall = overall + result
                let want = perCode[code] ?? [:]
                #expect(result.matched == want["matched_pairs"] as? Int, "\(id) \(name) \(code) matched")
                #expect(result.aUnmatched == want["a_unmatched"] as? Int, "\(id) \(name) \(code) a")
                #expect(result.bUnmatched == want["b_unmatched"] as? Int, "\(id) \(name) \(code) b")
                close(result.segmentAgreement, want["segment_agreement"], "\(id) \(name) \(code) agreement")
            }
            let totals = block["overall"] as? [String: Any] ?? [:]
            #expect(
                overall.matched == totals["a"] as? Int && overall.aUnmatched == totals["b"] as? Int
                    && overall.bUnmatched == totals["c"] as? Int)
            close(overall.observedAgreement, totals["p_observed_a_over_abc"], "\(id) \(name) observed")
            close(
                overall.brennanPrediger(codes: totals["q"] as? Int ?? 0), totals["kappa_brennan_prediger_q_codes"],
                "\(id) \(name) kappa")
        }
        guard let review = expected["review_list_sorted"] as? [[String: Any]] else { return }
        let found = codes.flatMap { code in
            docs.keys.sorted().flatMap { doc in
                Disagreement.stretches(code: code, document: doc, a: ranges(code, doc)[0], b: ranges(code, doc)[1])
            }
        }.filter { $0.kind != .exact }.sorted(by: Disagreement.reviewOrder)
        #expect(found.count == review.count, "\(id) review list length")
        let kinds = ["A_only": Disagreement.Kind.aOnly, "B_only": .bOnly, "partial": .partial, "exact": .exact]
        for (got, want) in zip(found, review) {
            #expect(got.code == want["code"] as? String && got.document == want["doc"] as? String)
            #expect(got.range == TextRange(want["start"] as! Int, want["end"] as! Int))
            #expect(got.kind == kinds[want["kind"] as! String])
            #expect(got.disputed == want["disputed_chars"] as? Int)
            #expect(got.a == (want["a"] as! [[Int]]).map { TextRange($0[0], $0[1]) })
            #expect(got.b == (want["b"] as! [[Int]]).map { TextRange($0[0], $0[1]) })
            close(got.jaccard, want["jaccard"], "\(id) review jaccard")
        }
    }

    /// Character-level vectors: each character a unit; a coder's ranges unioned per code.
    func checkCharacterLevel(id: String, inputs: [String: Any], expected: [String: Any]) throws {
        if let n = inputs["N"] as? Int { // NVivo's help example
            let a = (inputs["a_ranges"] as? [[Int]] ?? []).map { TextRange($0[0], $0[1]) }
            let b = (inputs["b_ranges"] as? [[Int]] ?? []).map { TextRange($0[0], $0[1]) }
            let table = CharacterUnits.table(length: n, a: a, b: b)
            close(table.percentAgreement, expected["percent_agreement"], "\(id) pa", scale: 100)
            close(table.cohenKappa, expected["kappa"], "\(id) kappa")
            return
        }
        let docs = inputs["docs"] as? [String: Int] ?? [:]
        let codings = inputs["codings"] as? [[String: Any]] ?? []
        let coders = inputs["coders"] as? [String] ?? ["A", "B"]
        func ranges(_ code: String, _ doc: String) -> [[TextRange]] {
            coders.map { coder in
                codings.filter {
                    $0["coder"] as? String == coder && $0["code"] as? String == code && $0["doc"] as? String == doc
                }
                .map { TextRange($0["start"] as! Int, $0["end"] as! Int) }
            }
        }
        checkSegmentsAndReview(id: id, expected: expected, ranges: ranges, docs: docs)
        if let perDoc = expected["per_code_per_doc"] as? [[String: Any]] {
            for row in perDoc {
                let code = row["code"] as! String, doc = row["doc"] as! String
                let r = ranges(code, doc)
                let table = CharacterUnits.table(length: docs[doc]!, a: r[0], b: r[1])
                let t = row["table"] as! [String: Int]
                #expect(
                    table
                        == TwoByTwo(both: t["both"]!, aOnly: t["a_only"]!, bOnly: t["b_only"]!, neither: t["neither"]!),
                    "\(id) \(code) \(doc)")
                close(table.percentAgreement, row["percent_agreement"], "\(id) \(code) \(doc) pa", scale: 100)
                close(table.cohenKappa, row["kappa"], "\(id) \(code) \(doc) kappa")
                close(
                    table.units.krippendorffAlpha, row["char_krippendorff_alpha_binary"], "\(id) \(code) \(doc) alpha")
                let coded = table.both + table.aOnly + table.bOnly
                close(
                    coded > 0 ? Double(table.both) / Double(coded) : nil, row["jaccard_coded_only"],
                    "\(id) \(code) \(doc) jaccard")
                #expect(CharacterUnits.count(length: docs[doc]!, ranges: r) == table.units)
            }
        }
        for key in ["per_code_pooled", "per_code_pooled_over_docs"] {
            guard let pooled = expected[key] as? [String: [String: Any]] else { continue }
            for (code, figures) in pooled {
                let units = docs.keys.sorted().map { CharacterUnits.count(length: docs[$0]!, ranges: ranges(code, $0)) }
                    .reduce(BinaryUnits(coders: coders.count), +)
                for (name, value) in figures {
                    switch name {
                    case "fleiss_kappa": close(units.fleissKappa, value, "\(id) \(code) fleiss")
                    case "krippendorff_alpha_nominal", "char_krippendorff_alpha_binary", "krippendorff_alpha":
                        close(units.krippendorffAlpha, value, "\(id) \(code) alpha")
                    case "gwet_ac1": close(units.gwetAC1, value, "\(id) \(code) gwet")
                    case "table":
                        let t = value as! [String: Int]
                        #expect(
                            units
                                == TwoByTwo(
                                    both: t["both"]!, aOnly: t["a_only"]!, bOnly: t["b_only"]!, neither: t["neither"]!
                                ).units)
                    case "percent_agreement_pairwise", "percent_agreement":
                        close(units.percentAgreement, value, "\(id) \(code) pa", scale: 100)
                    case "kappa", "cohen_kappa":
                        // Pooled Cohen's kappa: the documents' 2×2 tables added, then kappa.
                        let a = docs.keys.sorted().map {
                            CharacterUnits.table(length: docs[$0]!, a: ranges(code, $0)[0], b: ranges(code, $0)[1])
                        }
                        let sum = a.reduce(TwoByTwo(both: 0, aOnly: 0, bOnly: 0, neither: 0)) {
                            TwoByTwo(
                                both: $0.both + $1.both, aOnly: $0.aOnly + $1.aOnly, bOnly: $0.bOnly + $1.bOnly,
                                neither: $0.neither + $1.neither)
                        }
                        close(sum.cohenKappa, value, "\(id) \(code) kappa")
                    default:
                        break
                    }
                }
            }
        }
    }
}
