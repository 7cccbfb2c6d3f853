import CodingEngine
import Foundation
import Testing
import TestSupport

@Suite("Blind coding: who sees whose codings, and whether each coding was made blind")
struct BlindCodingTests {
    static func independence(_ project: Project, _ coder: String) throws -> [Bool?] {
        let flags = try project.independence()
        let names = try project.coderNames()
        return try project.codingSpans(coder: coder).map { span in names[span.coderID] == coder ? flags[span] : nil }
    }

    @Test("codings record whether their coder could see another coder's codings of the document")
    func independenceAtWriting() throws {
        let project = try AgreementReportTests.project() // ana and ben have coded d1, ben and cai d2
        #expect(try project.blindCoding() == false)
        // Blind coding off: ben sees ana's codings of d1, so his new one there is not blind.
        try project.addCodings(document: "d1", ranges: [TextRange(60, 70)], code: "Customer", coder: "ben")
        // dana's first coding of d2, which ben and cai have coded: not blind either.
        try project.addCodings(document: "d2", ranges: [TextRange(40, 45)], code: "Customer", coder: "dana")
        #expect(try Self.independence(project, "dana") == [false])
        try project.setBlindCoding(true)
        try project.addCodings(document: "d1", ranges: [TextRange(70, 80)], code: "Customer", coder: "eve")
        #expect(try Self.independence(project, "eve") == [true])
        // Once eve marks d1 done she sees the others: her next coding there is not blind.
        try project.markDone(document: "d1", coder: "eve")
        try project.addCodings(document: "d1", ranges: [TextRange(80, 90)], code: "Customer", coder: "eve")
        #expect(try Self.independence(project, "eve") == [true, false])
        #expect(try project.documentsDone(coder: "eve") == ["d1"])
        try project.markDone(document: "d1", coder: "eve", done: false)
        #expect(try project.documentsDone(coder: "eve").isEmpty)
        #expect(throws: EngineError.unknownDocument("nope")) { try project.markDone(document: "nope", coder: "eve") }
    }

    @Test(
        "while blind coding is on, a viewer sees only their own codings and the others' of documents they marked done")
    func viewerSees() throws {
        let project = try AgreementReportTests.project()
        func seen(_ viewer: String) throws -> Set<String> {
            Set(
                try project.codings(CodingFilter(viewer: viewer), includeText: false).map {
                    "\($0.document) \($0.coder)"
                })
        }
        #expect(try seen("ben") == ["d1 ana", "d1 ben", "d2 ben", "d2 cai"]) // blind coding off: everything
        try project.setBlindCoding(true)
        #expect(try seen("ben") == ["d1 ben", "d2 ben"])
        try project.markDone(document: "d2", coder: "ben")
        #expect(try seen("ben") == ["d1 ben", "d2 ben", "d2 cai"])
        // Without a viewer (analyses, the lead's export): everything.
        #expect(try project.codings(CodingFilter(), includeText: false).count == 6)
    }

    @Test("agree counts the compared codings made blind, and --independent compares only those")
    func agreeIndependent() throws {
        let project = try AgreementReportTests.project() // codings made with blind coding off
        try project.setBlindCoding(true)
        try project.addCodings(document: "d2", ranges: [TextRange(0, 12)], code: "Processes/Intuiting", coder: "ana")
        let all = try AgreementReport.compute(project, .init(coders: ["ana", "ben"], codes: ["Processes/Intuiting"]))
        // Each was worked out as it was written: ana's two d1 codings came before anyone else
        // coded d1, ben's d2 one before cai's (blind); ben's d1 coding could see ana's; ana's
        // d2 coding came with blind coding on.
        #expect(all.independence.compared == 5)
        #expect(
            all.independence.independent == 4 && all.independence.seeingOthers == 1 && all.independence.unknown == 0)
        var options = AgreementReport.Options(coders: ["ana", "ben"], codes: ["Processes/Intuiting"])
        options.independentOnly = true
        let blind = try AgreementReport.compute(project, options)
        #expect(blind.independence.compared == 4 && blind.independence.leftOut == 1)
        // ana [0,30) in d1 and [0,12) in d2; ben only [0,10) in d2 (his d1 coding left out).
        #expect(try #require(blind.codes.first).figures.coverage == [42, 10])
    }

    @Test("a merge carries each coding's record of whether it was made blind")
    func mergeCarries() throws {
        let folder = try Support.temporaryFolder()
        let mine = folder.appendingPathComponent("mine.db").path,
            theirs = folder.appendingPathComponent("theirs.db").path
        let text = try Support.write(String(repeating: "abcd ", count: 20), "K/d1.txt", in: folder)
        for path in [mine, theirs] {
            let project = try Project.create(
                at: path, codebook: CodebookFile.parse(Support.smallCodebook, file: "small.yaml"))
            try project.importTranscripts([text])
            try project.close()
        }
        let other = try Project.open(at: theirs)
        try other.addCodings(document: "d1", ranges: [TextRange(0, 10)], code: "Customer", coder: "ben") // alone: blind
        try other.close()
        let project = try Project.open(at: mine)
        try project.addCodings(document: "d1", ranges: [TextRange(5, 15)], code: "Customer", coder: "ana")
        try project.merge(from: theirs)
        #expect(try Self.independence(project, "ben") == [true])
        #expect(try Self.independence(project, "ana") == [true])
    }
}
