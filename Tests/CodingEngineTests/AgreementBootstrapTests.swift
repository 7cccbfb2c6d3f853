import CodingEngine
import Foundation
import Testing

@Suite("Agreement's uncertainty: resampling the stretches between coding boundaries")
struct AgreementBootstrapTests {
    @Test("a document is cut at every coder's boundaries into stretches, each with who coded it")
    func stretches() {
        var stretches = AgreementBootstrap.Stretches(coders: 2)
        // ana [2,5) and [4,6) (one union, [2,6)); ben [3,7): 2 neither, 1 ana, 3 both, 1 ben, 3 neither.
        stretches.add(length: 10, ranges: [[TextRange(2, 5), TextRange(4, 6)], [TextRange(3, 7)]])
        #expect(stretches.lengths == [2, 1, 3, 1, 3])
        #expect(stretches.cells == [0, 1, 3, 2, 0])
        var three = AgreementBootstrap.Stretches(coders: 3)
        three.add(length: 6, ranges: [[TextRange(0, 4)], [TextRange(2, 4)], [TextRange(2, 6)]])
        #expect(three.lengths == [2, 2, 2])
        #expect(three.cells == [1, 3, 1]) // how many coders coded each stretch
    }

    /// Many short documents where the coders agree except on one stretch in five.
    static func stretches(coders: Int = 2) -> AgreementBootstrap.Stretches {
        var stretches = AgreementBootstrap.Stretches(coders: coders)
        for document in 0..<200 {
            let a = [TextRange(10, 30)]
            let b = document % 5 == 0 ? [TextRange(20, 40)] : [TextRange(10, 30)]
            stretches.add(length: 100, ranges: coders == 2 ? [a, b] : [a, b, a])
        }
        return stretches
    }

    @Test("the same seed gives the same figures; another seed other resamples around the same alpha")
    func reproducible() throws {
        let stretches = Self.stretches()
        let first = AgreementBootstrap(stretches, options: .init(draws: 500, seed: 7), name: "Processes/Intuiting")
        let again = AgreementBootstrap(stretches, options: .init(draws: 500, seed: 7), name: "Processes/Intuiting")
        let other = AgreementBootstrap(stretches, options: .init(draws: 500, seed: 8), name: "Processes/Intuiting")
        #expect(first == again)
        #expect(first != other)
        #expect(first.draws == 500 && first.undefinedDraws == 0)
        // The table's own alpha lies inside its interval, and the interval is not a point.
        var table = BinaryUnits(coders: 2)
        for (length, cell) in zip(stretches.lengths, stretches.cells) {
            table.add(length, yes: [0, 1, 1, 2][Int(cell)])
        }
        let alpha = try #require(table.krippendorffAlpha)
        let low = try #require(first.alphaLow), high = try #require(first.alphaHigh)
        #expect(low < alpha && alpha < high)
        #expect(high - low > 0.01 && high - low < 0.3)
        #expect(abs(try #require(other.alphaLow) - low) < 0.05)
        #expect(try #require(first.kappaStandardError) > 0)
        #expect(try #require(first.alphaStandardError) > 0)
    }

    @Test("P(α < .800) and P(α < .667) are the shares of resamples below them")
    func belowLevels() throws {
        let figures = AgreementBootstrap(Self.stretches(), options: .init(draws: 400, seed: 3), name: "x")
        let reliable = try #require(figures.belowReliable), tentative = try #require(figures.belowTentative)
        #expect(tentative <= reliable)
        #expect((0...1).contains(reliable) && (0...1).contains(tentative))
        // Perfect agreement: every resample's alpha is 1, none below either level.
        var perfect = AgreementBootstrap.Stretches(coders: 2)
        for _ in 0..<20 { perfect.add(length: 50, ranges: [[TextRange(5, 15)], [TextRange(5, 15)]]) }
        let sure = AgreementBootstrap(perfect, options: .init(draws: 200, seed: 1), name: "x")
        #expect(sure.alphaLow == 1 && sure.alphaHigh == 1 && sure.belowReliable == 0 && sure.belowTentative == 0)
    }

    @Test("resamples without variation are left out and counted; no stretches, no resamples")
    func undefined() {
        var uncoded = AgreementBootstrap.Stretches(coders: 2)
        uncoded.add(length: 100, ranges: [[], []])
        let none = AgreementBootstrap(uncoded, options: .init(draws: 50, seed: 1), name: "x")
        #expect(none.draws == 50 && none.undefinedDraws == 50 && none.alphaLow == nil && none.belowReliable == nil)
        let empty = AgreementBootstrap(
            AgreementBootstrap.Stretches(coders: 2), options: .init(draws: 50, seed: 1), name: "x")
        #expect(empty.draws == 0 && empty.alphaLow == nil)
    }

    @Test("three coders: Fleiss' kappa's standard error; a code's figures do not depend on the other codes compared")
    func threeCodersAndIndependence() throws {
        let figures = AgreementBootstrap(Self.stretches(coders: 3), options: .init(draws: 300, seed: 2), name: "A")
        #expect(try #require(figures.kappaStandardError) > 0)
        let project = try AgreementReportTests.project()
        let both = try AgreementReport.compute(
            project, .init(coders: ["ana", "ben"], bootstrap: .init(draws: 300, seed: 5)))
        let one = try AgreementReport.compute(
            project,
            .init(
                coders: ["ana", "ben"], codes: ["Processes/Intuiting"],
                bootstrap: .init(draws: 300, seed: 5)))
        let intuiting = try #require(both.codes.first { $0.code == "Processes/Intuiting" })
        #expect(intuiting.bootstrap != nil && intuiting.bootstrap == one.codes.first?.bootstrap)
        #expect(both.bootstrap == .init(draws: 300, seed: 5))
    }
}
