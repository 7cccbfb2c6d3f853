import CodingEngine
import Foundation
import Testing

/// Krippendorff's unitizing alphas: the 2016 family (uα, |uα, cuα, (k)uα) and the
/// 1995/2004 α_u, against the reference figures carried over into
/// `Fixtures/unitizing-figures.json` and against examples worked by hand.
@Suite("Unitizing alphas")
struct UnitizingAlphaTests {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/unitizing-figures.json")

    static func vector(_ id: String) throws -> (inputs: [String: Any], expected: [String: Any]) {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let vectors = try #require(root["vectors"] as? [[String: Any]])
        let vector = try #require(vectors.first { $0["id"] as? String == id }, "no vector \(id)")
        return (vector["inputs"] as? [String: Any] ?? [:], vector["expected"] as? [String: Any] ?? [:])
    }

    static func number(_ any: Any?) throws -> Double { try #require((any as? NSNumber)?.doubleValue) }

    func close(_ actual: Double?, _ expected: Double, _ what: String, tolerance: Double = 1e-6) {
        guard let actual else { Issue.record("\(what): undefined, expected \(expected)"); return }
        #expect(abs(actual - expected) < tolerance, "\(what): \(actual) vs \(expected)")
    }

    typealias Segment = (start: Int, end: Int, value: Int?)

    @Test(
        "the figures carried over are those of the shared vectors, when they are beside the repository",
        .enabled(
            if: AgreementVectorTests.shared != nil, "../shared/agreement/vectors.json is not beside the repository"))
    func sameAsShared() throws {
        let ours = try AgreementVectorTests.vectors(Self.url)
        let theirs = try AgreementVectorTests.vectors(try #require(AgreementVectorTests.shared))
            .filter { AgreementVectorTests.unitizingKinds.contains($0["kind"] as? String ?? "") }
        #expect(ours.count == 4 && ours.count == theirs.count)
        for (a, b) in zip(ours, theirs) {
            #expect(a["id"] as? String == b["id"] as? String)
            #expect(
                NSDictionary(dictionary: a["inputs"] as? [String: Any] ?? [:])
                    == NSDictionary(dictionary: b["inputs"] as? [String: Any] ?? [:]))
            #expect(
                NSDictionary(dictionary: a["expected"] as? [String: Any] ?? [:])
                    == NSDictionary(dictionary: b["expected"] as? [String: Any] ?? [:]))
        }
    }

    @Test("the third party's partitions with explicit gaps (and characters in no segment): uα 0.567199")
    func thirdParty() throws {
        let (inputs, expected) = try Self.vector("u_alpha_2016_thirdparty_readme")
        let raw = try #require(inputs["partitions"] as? [[[Any]]])
        let partitions: [[Segment]] = raw.map { coder in
            coder.map { segment in
                (segment[0] as! Int, segment[1] as! Int, (segment[2] as? String) == "kp" ? 0 : nil)
            }
        }
        let tally = UnitizingTally(partitions: partitions, values: 1)
        close(tally.uAlpha, try Self.number(expected["u_alpha"]), "u_alpha")
        // Characters in no segment take no part: l·· is less than m·L.
        #expect(tally.pairable < 3 * 55)
    }

    @Test("without gaps, uα and cuα are the classical nominal alpha, for segments of one and of three characters")
    func reducesToClassical() throws {
        let (inputs, expected) = try Self.vector("u_alpha_reduces_to_classical")
        let data = try #require(inputs["coders_by_units"] as? [[Int]])
        for length in try #require(inputs["segment_length"] as? [Int]) {
            let continua = data.map { coder in
                UnitizedContinuum(
                    length: coder.count * length,
                    units: coder.enumerated().map {
                        .init($0.offset * length, ($0.offset + 1) * length, value: $0.element - 1)
                    })
            }
            let tally = UnitizingTally(continua, values: 3)
            close(tally.uAlpha, try Self.number(expected["u_alpha"]), "u_alpha, segments of \(length)")
            close(tally.cuAlpha, try Self.number(expected["cu_alpha"]), "cu_alpha, segments of \(length)")
            let classical = CategoricalAgreement.krippendorffAlpha(
                codersByUnits: data.map { $0.map { Double($0) } }, level: .nominal)
            close(tally.uAlpha, try #require(classical), "same as the character-level engine's alpha")
        }
    }

    @Test("a semantic domain of two values with gaps: every coefficient and the coincidence matrix")
    func semanticDomain() throws {
        let (inputs, expected) = try Self.vector("u_alpha_family_semantic_domain")
        let values = ["neg", "pos"]
        let length = try #require(inputs["L"] as? Int)
        let coders = try #require(inputs["units_by_coder"] as? [[[Any]]])
        let continua = coders.map { units in
            UnitizedContinuum(
                length: length,
                units: units.map {
                    .init($0[0] as! Int, $0[1] as! Int, value: values.firstIndex(of: $0[2] as! String)!)
                })
        }
        let tally = UnitizingTally(continua, values: 2)
        close(tally.uAlpha, try Self.number(expected["u_alpha"]), "u_alpha")
        close(tally.binaryUAlpha, try Self.number(expected["bin_u_alpha"]), "bin_u_alpha")
        close(tally.cuAlpha, try Self.number(expected["cu_alpha"]), "cu_alpha")
        close(tally.unitCoverage, try Self.number(expected["cu_coverage_of_l.."]), "coverage")
        let ku = try #require(expected["ku_alpha"] as? [String: Any])
        for (index, name) in values.enumerated() {
            close(tally.kuAlpha(index), try Self.number(ku[name]), "ku_alpha \(name)")
        }
        let observed = try #require(expected["observed_coincidences"] as? [String: Any])
        let label = { (index: Int) in index == 2 ? "0" : values[index] }
        for c in 0...2 {
            for k in 0...2 {
                close(
                    tally.coincidences(c, k), try Self.number(observed["\(label(c))|\(label(k))"]),
                    "l \(label(c))|\(label(k))")
            }
        }
    }

    @Test("the 1995/2004 alpha per value and over both, as in the textbook's example")
    func textbook2004() throws {
        let (inputs, expected) = try Self.vector("u_alpha_1995_2004_textbook")
        let begin = try #require(inputs["begin"] as? Int), length = try #require(inputs["L"] as? Int)
        let raw = try #require(inputs["units_start_length_coder_category"] as? [[Any]])
        let values = ["c", "k"]
        // One coder's units of c and of k overlap: each value is taken on its own.
        let units = (0..<2).map { coder in
            raw.filter { $0[2] as! Int == coder }.map {
                UnitizedContinuum.Unit(
                    ($0[0] as! Int) - begin, ($0[0] as! Int) - begin + ($0[1] as! Int),
                    value: values.firstIndex(of: $0[3] as! String)!)
            }
        }
        let alpha = UnitizingAlpha2004(length: length, units: units, values: 2)
        close(alpha.alpha, try Self.number(expected["alpha_u"]), "alpha_u")
        let perCategory = try #require(expected["per_category"] as? [String: [String: Any]])
        for (index, name) in values.enumerated() {
            let want = try #require(perCategory[name])
            close(alpha.observed[index], try Self.number(want["D_o"]), "\(name) D_o")
            close(alpha.expected[index], try Self.number(want["D_e"]), "\(name) D_e")
            close(alpha.alpha(index), try Self.number(want["alpha"]), "\(name) alpha")
        }
    }

    /// Worked by hand: coders 1 and 2 mark a[0,4); coder 3 marks a[2,6); L = 10.
    /// Ordered pairs of coders, divided by m − 1 = 2: l_aa = 8, l_a∅ = l_∅a = 4,
    /// l_∅∅ = 14, l·· = 30 = m·L. Self pairs: units 3·4² = 48, gaps 6 + 6 + 2 + 4 = 18.
    /// ε_aa = 30(12² − 48)/(30² − 66) = 2880/834, ε_∅∅ = 30(18² − 18)/834 = 9180/834,
    /// uα = 1 − (30 − 22)/(30 − 12060/834) = 131/270 = |uα (one value). cuα: pairable
    /// lengths 4, 4 and 2, cu·· = 8, cε_aa = 8(64 − 36)/(64 − 36) = 8: nothing to expect,
    /// undefined.
    @Test("three coders, one value: uα = |uα = 131/270, cuα undefined")
    func threeCodersOneValue() {
        let continua = [[(0, 4)], [(0, 4)], [(2, 6)]].map { units in
            UnitizedContinuum(length: 10, units: units.map { .init($0.0, $0.1, value: 0) })
        }
        let tally = UnitizingTally(continua, values: 1)
        #expect(tally.coincidences(0, 0) == 8 && tally.coincidences(0, 1) == 4 && tally.coincidences(1, 1) == 14)
        close(tally.uAlpha, 131.0 / 270, "u_alpha", tolerance: 1e-12)
        close(tally.binaryUAlpha, 131.0 / 270, "binary", tolerance: 1e-12)
        #expect(tally.cuAlpha == nil)
    }

    /// Worked by hand over L = 12: coder 1 a[0,4) b[6,10); coder 2 a[0,5) b[6,10);
    /// coder 3 a[0,4) a[6,8) b[8,10). Coincidences (÷ m − 1): l_aa = 12, l_ab = 2, l_a∅ = 1,
    /// l_bb = 8, l_b∅ = 0, l_∅∅ = 10; self pairs a 61, b 36, ∅ 11; pairable squares a 52,
    /// b 36. Then uα = 326/425, |uα = 22/25, cuα = 149/210, (a)uα = 174/245, (b)uα = 124/175.
    @Test("three coders, two values, adjacent units of one coder: the whole family by hand")
    func threeCodersTwoValues() {
        let coders: [[(Int, Int, Int)]] = [
            [(0, 4, 0), (6, 10, 1)], [(0, 5, 0), (6, 10, 1)], [(0, 4, 0), (6, 8, 0), (8, 10, 1)],
        ]
        let continua = coders.map { UnitizedContinuum(length: 12, units: $0.map { .init($0.0, $0.1, value: $0.2) }) }
        let tally = UnitizingTally(continua, values: 2)
        #expect(
            [
                tally.coincidences(0, 0), tally.coincidences(0, 1), tally.coincidences(0, 2), tally.coincidences(1, 1),
                tally.coincidences(2, 2),
            ] == [12, 2, 1, 8, 10])
        close(tally.uAlpha, 326.0 / 425, "u_alpha", tolerance: 1e-12)
        close(tally.binaryUAlpha, 22.0 / 25, "binary", tolerance: 1e-12)
        close(tally.cuAlpha, 149.0 / 210, "cu_alpha", tolerance: 1e-12)
        close(tally.kuAlpha(0), 174.0 / 245, "(a)u_alpha", tolerance: 1e-12)
        close(tally.kuAlpha(1), 124.0 / 175, "(b)u_alpha", tolerance: 1e-12)
    }

    /// Worked by hand: L = 10, coder 1 a[2,6), coder 2 a[3,6). Only the two units
    /// overlap with a distance: (2 − 3)² + (6 − 6)² = 1, D_o = 2·1/(2·1·10²) = 0.01.
    /// Units 4 and 3 (N = 2), gaps 2, 4, 3, 4: for l = 4, (2·64 − 48 + 4)/3 = 28 and
    /// 16·(1 + 1) = 32; for l = 3, (54 − 27 + 3)/3 = 10 and 9·(1 + 2 + 2) = 45; sum 115;
    /// D_e = (2/10)·115/(20·19 − 12 − 6) = 23/362; α = 1 − 0.01·362/23 = 0.842609.
    @Test("the 2004 alpha of two nearly equal units, by hand")
    func twoThousandFourByHand() {
        let alpha = UnitizingAlpha2004(
            length: 10, units: [[.init(2, 6, value: 0)], [.init(3, 6, value: 0)]], values: 1)
        close(alpha.observed[0], 0.01, "D_o", tolerance: 1e-12)
        close(alpha.expected[0], 23.0 / 362, "D_e", tolerance: 1e-12)
        close(alpha.alpha, 1 - 0.01 * 362 / 23, "alpha", tolerance: 1e-12)
    }

    @Test("one coder's overlapping codings: same value unioned, touching kept apart, different values to the shorter")
    func overlapsWithinOneCoder() {
        let same = UnitizedContinuum(
            length: 20, codings: [(TextRange(0, 5), 0), (TextRange(3, 9), 0), (TextRange(9, 12), 0)])
        #expect(same.units == [.init(0, 9, value: 0), .init(9, 12, value: 0)])
        #expect(same.resolvedCharacters == 0)
        let nested = UnitizedContinuum(length: 20, codings: [(TextRange(0, 10), 0), (TextRange(5, 8), 1)])
        #expect(nested.units == [.init(0, 5, value: 0), .init(5, 8, value: 1), .init(8, 10, value: 0)])
        #expect(nested.resolvedCharacters == 3)
        let crossing = UnitizedContinuum(length: 20, codings: [(TextRange(0, 6), 1), (TextRange(4, 10), 0)])
        // Equal lengths: the one that starts first keeps the shared characters.
        #expect(crossing.units == [.init(0, 6, value: 1), .init(6, 10, value: 0)])
        #expect(crossing.resolvedCharacters == 2)
        #expect(crossing.gaps == [TextRange(10, 20)])
    }

    @Test("documents pooled: the tallies of two documents add up to the tally of both end to end")
    func pooling() {
        let first = [
            UnitizedContinuum(length: 10, units: [.init(2, 6, value: 0)]),
            UnitizedContinuum(length: 10, units: [.init(3, 7, value: 1)]),
        ]
        let second = [
            UnitizedContinuum(length: 8, units: [.init(0, 8, value: 1)]),
            UnitizedContinuum(length: 8, units: [.init(1, 5, value: 1)]),
        ]
        let added = UnitizingTally(first, values: 2) + UnitizingTally(second, values: 2)
        // The two documents end to end: the second's units moved past the first's 10 characters.
        let joined = UnitizingTally(
            [
                UnitizedContinuum(length: 18, units: [.init(2, 6, value: 0), .init(10, 18, value: 1)]),
                UnitizedContinuum(length: 18, units: [.init(3, 7, value: 1), .init(11, 15, value: 1)]),
            ], values: 2)
        #expect(added == joined)
        #expect(added.uAlpha != nil && added.cuAlpha != nil)
    }
}
