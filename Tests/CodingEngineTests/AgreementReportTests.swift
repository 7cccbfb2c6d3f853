import CodingEngine
import Foundation
import Testing
import TestSupport

@Suite("Agreement over a project: hand-computed figures, pooling, document level, trimming, merging")
struct AgreementReportTests {
    /// Two documents of 100 and 50 characters; ana and ben code "Processes/Intuiting".
    static func project() throws -> Project {
        let folder = try Support.temporaryFolder()
        let project = try Project.inMemory(codebook: CodebookFile.parse(Support.smallCodebook, file: "small.yaml"))
        try project.importTranscripts([
            try Support.write(String(repeating: "abcd ", count: 20), "K/d1.txt", in: folder),
            try Support.write(String(repeating: "wxyz ", count: 10), "K/d2.txt", in: folder),
        ])
        func code(_ doc: String, _ s: Int, _ e: Int, _ coder: String, _ path: String = "Processes/Intuiting") throws {
            try project.addCodings(document: doc, ranges: [TextRange(s, e)], code: path, coder: coder)
        }
        try code("d1", 0, 20, "ana")
        try code("d1", 10, 30, "ana") // ana's overlaps: [0, 30) once
        try code("d1", 10, 40, "ben")
        try code("d2", 0, 10, "ben")
        try code("d2", 20, 30, "cai")
        try code("d1", 50, 60, "ana", "Customer")
        return project
    }

    @Test(
        "by default only documents every coder coded are compared; the rest are named with why, --all-documents keeps them"
    )
    func documentsBothCoded() throws {
        let project = try Self.project()
        // d2: only ben (and cai) coded it, so comparing ana with ben leaves it out.
        let report = try AgreementReport.compute(
            project, .init(coders: ["ana", "ben"], codes: ["Processes/Intuiting"]))
        #expect(report.documents == ["d1"] && report.characters == 100)
        #expect(report.leftOut == [LeftOutDocument(document: "d2", notCodedBy: ["ana"], coders: 2)])
        #expect(report.leftOut[0].reason == "ana coded nothing in it and did not mark it done")
        #expect(report.codes[0].figures.table == TwoByTwo(both: 20, aOnly: 10, bOnly: 10, neither: 60))
        let (stretches, leftOut) = try Disagreement.compare(project, coders: ["ana", "ben"])
        #expect(!stretches.contains { $0.document == "d2" } && leftOut.map(\.document) == ["d2"])
        // A document marked done counts as coded, even with nothing in it.
        try project.markDone(document: "d2", coder: "ana")
        let done = try AgreementReport.compute(project, .init(coders: ["ana", "ben"], codes: ["Processes/Intuiting"]))
        #expect(done.documents == ["d1", "d2"] && done.leftOut.isEmpty)
        #expect(done.codes[0].figures.table == TwoByTwo(both: 20, aOnly: 10, bOnly: 20, neither: 100))
        // Nobody's document: left out for both.
        let all = try AgreementReport.compute(project, .init(coders: ["ana", "cai"]))
        #expect(all.leftOut.first { $0.document == "d1" }?.reason == "cai coded nothing in it and did not mark it done")
        #expect(LeftOutDocument.summary(all.leftOut)?.contains("--all-documents") == true)
    }

    @Test("two coders: the pooled 2×2 table and coefficients worked by hand")
    func twoCoders() throws {
        let report = try AgreementReport.compute(
            try Self.project(), .everyDocument(["ana", "ben"], codes: ["Processes/Intuiting"]))
        #expect(report.characters == 150)
        let code = try #require(report.codes.first)
        // d1: ana [0,30), ben [10,40): both 20, a_only 10, b_only 10, neither 60.
        // d2: ben [0,10): both 0, a_only 0, b_only 10, neither 40. Pooled: 20/10/20/100.
        #expect(code.figures.table == TwoByTwo(both: 20, aOnly: 10, bOnly: 20, neither: 100))
        #expect(code.figures.coverage == [30, 40])
        #expect(code.figures.segments == [2, 2])
        // Code frequency per document: d1 ana 2 codings, ben 1; d2 ana 0, ben 1: the same in neither.
        let frequency = code.frequencyLevel
        #expect(
            [frequency.documents, frequency.sameCount, frequency.documentsCoded, frequency.sameCountCoded] as [Int] == [
                2, 0, 2, 0,
            ])
        let customer = try AgreementReport.compute(
            try Self.project(), .everyDocument(["ana", "ben"], codes: ["Customer"]))
        let level = try #require(customer.codes.first).frequencyLevel
        // ana codes Customer once in d1; nobody in d2 (none counts as the same).
        #expect(
            [level.documents, level.sameCount, level.documentsCoded, level.sameCountCoded] as [Int] == [2, 1, 1, 0])
        #expect(level.percentAgreement == 0.5 && level.percentAgreementCoded == 0)
        let po = 120.0 / 150, pA = 30.0 / 150, pB = 40.0 / 150
        let pe = pA * pB + (1 - pA) * (1 - pB)
        #expect(abs(code.figures.percentAgreement! - po) < 1e-12)
        #expect(abs(code.figures.cohenKappa! - (po - pe) / (1 - pe)) < 1e-12)
        #expect(abs(code.figures.jaccard! - 20.0 / 50) < 1e-12)
        // Alpha: n = 300 values, n1 = 70, n0 = 230; 30 characters with one yes and one no.
        #expect(abs(code.figures.krippendorffAlpha! - (1 - 299.0 * 30 / (70 * 230))) < 1e-12)
        let pi = 70.0 / 300
        #expect(abs(code.figures.gwetAC1! - (po - 2 * pi * (1 - pi)) / (1 - 2 * pi * (1 - pi))) < 1e-12)
        #expect(code.figures.fleissKappa == nil) // Fleiss' kappa is for three or more coders
        // Pooling adds tables: not the mean of the documents' kappas.
        let perDocument = code.documents.compactMap(\.figures.cohenKappa)
        #expect(perDocument.count == 2)
        #expect(abs(code.figures.cohenKappa! - perDocument.reduce(0, +) / 2) > 0.01)
        // Document level: ana used it in d1 only, ben in both.
        #expect(code.documentLevelTable == TwoByTwo(both: 1, aOnly: 0, bOnly: 1, neither: 0))
        #expect(code.documentLevel.percentAgreement == 0.5)
        // Segments: ana's merged [0,30) vs ben's [10,40): IoU 20/40 = 0.5, not above 0.5.
        #expect(code.figures.matching == SegmentMatching.Result(matched: 0, aUnmatched: 1, bUnmatched: 2))
    }

    @Test("three coders: Fleiss' kappa and alpha from the counts of coders agreeing")
    func threeCoders() throws {
        let report = try AgreementReport.compute(
            try Self.project(), .everyDocument(["ana", "ben", "cai"], codes: ["Processes/Intuiting"]))
        let code = try #require(report.codes.first)
        // d1: 0 coders on 60+... : [0,10) ana, [10,30) ana+ben, [30,40) ben, rest none → counts 60,20,20,0
        // d2: [0,10) ben, [20,30) cai → 1 coder on 20, none on 30.
        #expect(code.figures.units.counts == [90, 40, 20, 0])
        #expect(code.figures.table == nil && code.figures.cohenKappa == nil)
        let pa = (90.0 * 1 + 40 * (0 + 2.0 / 6) + 20 * (2.0 / 6)) / 150
        #expect(abs(code.figures.percentAgreement! - pa) < 1e-12)
        let p1 = (40.0 + 40) / 450
        let pe = p1 * p1 + (1 - p1) * (1 - p1)
        #expect(abs(code.figures.fleissKappa! - (pa - pe) / (1 - pe)) < 1e-12)
        #expect(code.figures.krippendorffAlpha != nil)
    }

    @Test("undefined figures stay undefined; codes default to those the coders used")
    func undefinedAndDefaults() throws {
        let project = try Self.project()
        let report = try AgreementReport.compute(project, .init(coders: ["ben", "cai"]))
        #expect(report.codes.map(\.code) == ["Processes/Intuiting"])
        let customer = try AgreementReport.compute(project, .init(coders: ["ben", "cai"], codes: ["Customer"]))
        let figures = try #require(customer.codes.first?.figures)
        #expect(figures.krippendorffAlpha == nil && figures.cohenKappa == nil && figures.jaccard == nil)
        #expect(figures.percentAgreement == 1)
        #expect(customer.codes.first?.reliability == .undefined)
        #expect(throws: EngineError.tooFewCoders) { try AgreementReport.compute(project, .init(coders: ["ana"])) }
        #expect(throws: EngineError.unknownCoder("zed", known: ["ana", "ben", "cai"])) {
            try AgreementReport.compute(project, .init(coders: ["ana", "zed"]))
        }
    }

    @Test("trimming white space and punctuation at the edges before comparing")
    func trimming() throws {
        let folder = try Support.temporaryFolder()
        let project = try Support.project()
        try project.importTranscripts([try Support.write("A: We failed, then we learnt.", "K/d.txt", in: folder)])
        // "We failed,"
        try project.addCodings(document: "d", ranges: [TextRange(3, 13)], code: "Processes/Intuiting", coder: "ana")
        // " We failed"
        try project.addCodings(document: "d", ranges: [TextRange(2, 12)], code: "Processes/Intuiting", coder: "ben")
        let raw = try AgreementReport.compute(project, .init(coders: ["ana", "ben"]))
        #expect(raw.codes[0].figures.table?.both == 9)
        let trimmed = try AgreementReport.compute(project, .init(coders: ["ana", "ben"], trim: true))
        #expect(trimmed.codes[0].figures.table == TwoByTwo(both: 9, aOnly: 0, bOnly: 0, neither: 20))
        #expect(trimmed.codes[0].figures.krippendorffAlpha == 1)
    }

    @Test("disagreements: exact, partial, only-A and only-B stretches, most disputed first")
    func disagreements() throws {
        let found = try Disagreement.find(try Self.project(), coders: ["ana", "ben"], allDocuments: true)
        // Intuiting in d1: ana [0,30) and ben [10,40) meet in one stretch, 20 characters disputed.
        // Then two stretches of 10, in code order: Customer (ana only), Intuiting in d2 (ben only).
        #expect(found.map(\.kind) == [.partial, .aOnly, .bOnly])
        #expect(found.map(\.disputed) == [20, 10, 10])
        #expect(
            found[0].range == TextRange(0, 40) && found[0].a == [TextRange(0, 30)] && found[0].b == [TextRange(10, 40)])
        #expect(abs(found[0].jaccard - 0.5) < 1e-12)
        #expect(found[1].code == "Customer" && found[2].document == "d2")
        // Coded exactly alike: an exact stretch, with nothing disputed.
        let project = try Self.project()
        try project.addCodings(document: "d2", ranges: [TextRange(0, 10)], code: "Processes/Intuiting", coder: "ana")
        let again = try Disagreement.find(project, coders: ["ana", "ben"], codes: ["Processes/Intuiting"])
        #expect(again.last?.kind == .exact && again.last?.disputed == 0)
    }

    @Test("merge brings in another coder's file once; documents are matched by their text")
    func merging() throws {
        let folder = try Support.temporaryFolder()
        let transcript = try Support.write("A: one two three four five six", "K/d.txt", in: folder)
        let other = try Support.write("A: a different text", "K/e.txt", in: folder)
        let mine = try Project.create(
            at: folder.appendingPathComponent("mine.db").path, codebook: DemoProject.bundledCodebook())
        let theirsPath = folder.appendingPathComponent("theirs.db").path
        let theirs = try Project.create(at: theirsPath, codebook: DemoProject.bundledCodebook())
        try mine.importTranscripts([transcript])
        try theirs.importTranscripts([transcript, other])
        try theirs.addCode(path: "Processes/Sensing", color: "#123456", description: "new")
        try theirs.addCodings(
            document: "d", ranges: [TextRange(3, 6)], code: "Processes/Sensing", coder: "ben", memo: "why")
        try theirs.addCodings(document: "e", ranges: [TextRange(3, 4)], code: "Processes/Intuiting", coder: "ben")
        try theirs.addMemo(on: .document("d"), text: "ben's note", coder: "ben")
        try theirs.close()
        let report = try mine.merge(from: theirsPath)
        #expect(report.matched == ["d"] && report.unmatched == ["e"])
        #expect(report.codesAdded == ["Processes/Sensing"] && report.codersAdded == ["ben"])
        #expect(report.codingsAdded == 1 && report.memosAdded == 1)
        #expect(try mine.codings().map(\.memo) == ["why"])
        let again = try mine.merge(from: theirsPath)
        #expect(
            again.codingsAdded == 0 && again.codingsAlreadyHere == 1 && again.memosAdded == 0
                && again.codesAdded.isEmpty)
        #expect(try mine.codings().count == 1)
        #expect(try mine.memos(on: .document("d")).count == 1)
    }

    /// |uα of Intuiting over d1 (100 characters: ana [0,30), ben [10,40)) and d2 (50: ben
    /// [0,10)) end to end: l_kk = 40, l_k∅ = l_∅k = 30, l_∅∅ = 200, l·· = 300; self pairs
    /// 30² + 30² + 10² for the units, 70 + 10 + 60 + 50 + 40 for the gaps;
    /// |uα = 1 − 2·30 / (2·300·70·230 / (300² − 2130)).
    @Test("unitizing: a code's |uα over the documents end to end, and a domain's overlaps resolved and counted")
    func unitizing() throws {
        let project = try Self.project()
        try project.addCodings(
            document: "d1", ranges: [TextRange(25, 28)], code: "Processes/Interpreting", coder: "ana")
        let options = AgreementReport.Options.everyDocument(["ana", "ben"], codes: ["Processes/Intuiting"])
        let report = try UnitizingReport.compute(project, options, domains: ["Processes"])
        let code = try #require(report.codes.first)
        #expect(report.codes.map(\.code) == ["Processes/Intuiting"])
        let expected = 1 - 30.0 * (300.0 * 300 - 2130) / (300.0 * 70 * 230)
        #expect(abs(try #require(code.binaryUAlpha) - expected) < 1e-12)
        #expect(code.alpha2004 != nil)
        let domain = try #require(report.domains.first)
        #expect(domain.values == ["Processes/Intuiting", "Processes/Interpreting"])
        // ana's Interpreting [25,28) lies inside her Intuiting [0,30): the shorter keeps it.
        #expect(domain.resolvedCharacters == [3, 0])
        #expect(domain.uAlpha != nil && domain.binaryUAlpha != nil)
        #expect(report.combinedCuAlpha == domain.cuAlpha)
        #expect(throws: EngineError.emptyDomain("Customer")) {
            try UnitizingReport.compute(project, options, domains: ["Customer"])
        }
    }
}

extension AgreementReport.Options {
    /// Every document compared, also those a coder has not coded: the hand-worked
    /// examples pool a document only one coder coded.
    static func everyDocument(_ coders: [String], codes: [String] = []) -> Self {
        var options = Self(coders: coders, codes: codes)
        options.allDocuments = true
        return options
    }
}
