import CodingEngine
import Foundation
import Testing
import TestSupport

@Suite("Code frequencies: per case, document and coder; never summed across coders")
struct CodeFrequenciesTests {
    /// Case K1 holds d1 (100 characters) and d2 (50); case K2 holds d3 (200).
    static func project() throws -> Project {
        let folder = try Support.temporaryFolder()
        let project = try Project.inMemory(codebook: CodebookFile.parse(Support.smallCodebook, file: "small.yaml"))
        try project.importTranscripts([
            try Support.write(String(repeating: "0123456789", count: 10), "K1/d1.txt", in: folder),
            try Support.write(String(repeating: "abcde", count: 10), "K1/d2.txt", in: folder),
            try Support.write(String(repeating: "z", count: 200), "K2/d3.txt", in: folder),
        ])
        func code(_ doc: String, _ start: Int, _ end: Int, _ path: String, _ coder: String) throws {
            try project.addCodings(document: doc, ranges: [TextRange(start, end)], code: path, coder: coder)
        }
        try code("d1", 0, 10, "Processes/Intuiting", "ana")
        try code("d1", 5, 20, "Processes/Intuiting", "ana") // overlaps ana's first: 20 characters in all
        try code("d1", 15, 30, "Processes/Interpreting", "ana")
        try code("d2", 0, 5, "Processes/Intuiting", "ana")
        try code("d3", 0, 50, "Customer", "ana")
        try code("d1", 0, 10, "Processes/Intuiting", "ben")
        try code("d2", 10, 20, "Processes/Interpreting", "ben")
        return project
    }

    func row(_ rows: [CodeFrequencies.Row], _ group: String, _ code: String, _ coder: String) -> CodeFrequencies.Row? {
        rows.first { $0.group == group && $0.code == code && $0.coder == coder }
    }

    @Test("by case: overlapping codings by one coder count once; parents aggregate their children")
    func byCase() throws {
        let rows = try CodeFrequencies.compute(try Self.project(), by: .case)
        let intuiting = try #require(row(rows, "K1", "Processes/Intuiting", "ana"))
        #expect((intuiting.codings, intuiting.documents, intuiting.characters) == (3, 2, 25))
        #expect(abs(intuiting.coverage - 25.0 / 150.0) < 1e-12)
        #expect(!intuiting.aggregate)
        let processes = try #require(row(rows, "K1", "Processes", "ana"))
        // d1: [0,10) ∪ [5,20) ∪ [15,30) = 30 characters; d2: 5.
        #expect((processes.codings, processes.documents, processes.characters) == (4, 2, 35))
        #expect(processes.aggregate)
        let benProcesses = try #require(row(rows, "K1", "Processes", "ben"))
        #expect((benProcesses.codings, benProcesses.documents, benProcesses.characters) == (2, 2, 20))
        let customer = try #require(row(rows, "K2", "Customer", "ana"))
        #expect((customer.codings, customer.characters, customer.coverage) == (1, 50, 0.25))
        #expect(row(rows, "K1", "Customer", "ana")?.codings == 0)
        #expect(row(rows, "K2", "Customer", "ben") == nil) // ben coded nothing in K2
        // Never a row that sums coders.
        #expect(Set(rows.map(\.coder)) == ["ana", "ben"])
    }

    @Test("by document and by coder; --coder narrows to one coder")
    func otherGroupings() throws {
        let project = try Self.project()
        let byDocument = try CodeFrequencies.compute(project, by: .document)
        let d2 = try #require(row(byDocument, "d2", "Processes/Interpreting", "ben"))
        #expect((d2.characters, d2.coverage, d2.caseName) == (10, 0.2, "K1"))
        let byCoder = try CodeFrequencies.compute(project, by: .coder)
        let ana = try #require(row(byCoder, "ana", "Processes", "ana"))
        #expect((ana.codings, ana.documents, ana.characters) == (4, 2, 35))
        #expect(abs(ana.coverage - 35.0 / 350.0) < 1e-12)
        let onlyBen = try CodeFrequencies.compute(project, by: .case, coder: "ben")
        #expect(Set(onlyBen.map(\.coder)) == ["ben"])
        #expect(row(onlyBen, "K1", "Processes/Intuiting", "ben")?.characters == 10)
    }

    @Test("the demo's frequencies agree with its codings listed one by one")
    func demoConsistency() throws {
        let project = try Support.project()
        try DemoProject.populate(project)
        let rows = try CodeFrequencies.compute(project, by: .case)
        for coding in try project.codings() {
            #expect(row(rows, coding.caseName, coding.code, coding.coder).map { $0.codings > 0 } == true)
        }
        let total = rows.filter { !$0.aggregate }.reduce(0) { $0 + $1.codings }
        #expect(total == (try project.codings().count))
    }
}
