import CodingEngine
import Foundation
import Testing
import TestSupport

/// Coding queries against answers worked out by hand on a small project.
@Suite("Coding queries")
struct QueryTests {
    static let first = "Q: Why?\nA: one two three four five six seven.\nQ: And?\nA: eight nine ten.\n"
    static let second = "Q: Tell me.\nA: eleven twelve thirteen.\n"

    /// Two firms, one interview each; ana and ben coding with a small codebook.
    static func project() throws -> Project {
        let project = try Project.inMemory(codebook: try CodebookFile.parse(Support.smallCodebook, file: "small.yaml"))
        let one = "---\ncase: Firm1\nemployees: 10\nlearning_type: Coercive\nfounded: 1990-05-01\n---\n" + first
        let two = "---\ncase: Firm2\nemployees: 80\nlearning_type: Normative\nfounded: 2005-01-01\n---\n" + second
        try project.store([
            try Transcript.parse(bytes: Array(one.utf8), path: "d1.txt", name: "d1", caseName: nil, folderName: nil),
            try Transcript.parse(bytes: Array(two.utf8), path: "d2.txt", name: "d2", caseName: nil, folderName: nil),
        ])
        func code(_ document: String, _ text: String, _ words: String, _ code: String, _ coder: String) -> NewCoding {
            let range = text.range(of: words)!
            let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
            return NewCoding(
                document: document, range: TextRange(start, start + words.unicodeScalars.count), code: code,
                coder: coder)
        }
        try project.addCodings([
            code("d1", first, "one two three", "Processes/Intuiting", "ana"),
            code("d1", first, "three four five", "Processes/Interpreting", "ana"),
            code("d1", first, "six seven", "Processes/Intuiting", "ben"),
            code("d1", first, "nine ten", "Customer", "ana"),
            code("d2", second, "eleven twelve", "Processes/Intuiting", "ana"),
        ])
        return project
    }

    /// What a query finds, as "document:text".
    static func found(_ project: Project, _ query: String) throws -> [String] {
        try project.query(query).map { "\($0.document):\($0.text)" }
    }

    @Test(
        "codes, folders, and, or, not: the text coded, combined character by character",
        arguments: [
            ("Processes/Intuiting", ["d1:one two three", "d1:six seven", "d2:eleven twelve"]),
            ("Processes", ["d1:one two three four five", "d1:six seven", "d2:eleven twelve"]),
            ("Processes/Intuiting and Processes/Interpreting", ["d1:three"]),
            (
                "Processes/Intuiting and not Processes/Interpreting",
                ["d1:one two ", "d1:six seven", "d2:eleven twelve"]
            ),
            ("Customer or Processes/Interpreting", ["d1:three four five", "d1:nine ten"]),
            ("not (Processes or Customer) and speaker:A", ["d1: ", "d1:.", "d1:eight ", "d1:.", "d2: thirteen."]),
            ("coder:ben and Processes/Intuiting", ["d1:six seven"]),
            ("coder:ana and Processes/Intuiting", ["d1:one two three", "d2:eleven twelve"]),
            ("coder:ben", ["d1:six seven"]),
            // A code's bare name stands for it when no other code has that name.
            ("intuiting and Interpreting", ["d1:three"]),
        ])
    func combining(_ query: String, _ expected: [String]) throws {
        #expect(try Self.found(try Self.project(), query) == expected, "\(query)")
    }

    @Test(
        "relations keep the left side's passages: overlaps, within, near, followed by, same turn",
        arguments: [
            ("Processes/Intuiting overlaps Processes/Interpreting", ["d1:one two three"]),
            ("Customer within speaker:A", ["d1:nine ten"]),
            ("Processes/Interpreting within Processes/Intuiting", [String]()),
            // Between "six seven" and "nine ten": ".", "Q:", "And?", "A:", "eight": five words.
            ("Customer near 5 words Processes/Intuiting", ["d1:nine ten"]),
            ("Customer near 4 words Processes/Intuiting", [String]()),
            ("Processes/Intuiting followed by Customer", [String]()),
            ("Processes/Intuiting followed by Customer within 2 turns", ["d1:one two three", "d1:six seven"]),
            ("Processes/Intuiting same turn Processes/Interpreting", ["d1:one two three", "d1:six seven"]),
            ("Customer same turn Processes", [String]()),
        ])
    func relations(_ query: String, _ expected: [String]) throws {
        #expect(try Self.found(try Self.project(), query) == expected, "\(query)")
    }

    @Test(
        "case attributes compare by type (numbers as numbers, dates as dates), speakers and text patterns",
        arguments: [
            ("Processes/Intuiting and case.employees > 50", ["d2:eleven twelve"]),
            ("Processes/Intuiting and case.employees <= 10", ["d1:one two three", "d1:six seven"]),
            ("Processes/Intuiting and case.learning_type = \"Coercive\"", ["d1:one two three", "d1:six seven"]),
            ("Processes/Intuiting and case.founded >= 2000-01-01", ["d2:eleven twelve"]),
            ("Processes/Intuiting and case.learning_type != Coercive", ["d2:eleven twelve"]),
            ("text:~ \"t[a-z]+e\\b\" and speaker:A", ["d1:three", "d2:twelve"]),
            ("document:d2 and Processes", ["d2:eleven twelve"]),
        ])
    func attributes(_ query: String, _ expected: [String]) throws {
        #expect(try Self.found(try Self.project(), query) == expected, "\(query)")
    }

    @Test(
        "a mistake names the column and what was expected; unknown names are named",
        arguments: [
            (
                "Processes/Intuiting and",
                "query, column 24: expected a code, coder:, speaker:, text:~, case., doc., not or (; found the end of the query"
            ),
            (
                "(Processes or Customer",
                "query, column 23: expected ) to close the ( at column 1; found the end of the query"
            ),
            (
                "Processes Customer",
                "query, column 11: expected and, or, a relation (overlaps, within, near, followed by, same turn) or the end; found \"Customer\""
            ),
            (
                "Customer near words Processes",
                "query, column 15: expected a number of words after \"near\", e.g. near 20 words; found \"words\""
            ),
            (
                "Processes/Sensing",
                "query, column 1: no code \"Processes/Sensing\" in this project; `intertwine codebook` lists the code paths; a path with spaces goes in \"quotes\""
            ),
            ("coder:cleo and Customer", "query, column 1: no coder \"cleo\" in this project; the coders are ana, ben"),
            (
                "case.staff > 3",
                "query, column 1: no case attribute \"staff\" in this project; there are employees, founded, learning_type"
            ),
            (
                "case.employees > many",
                "query, column 1: case.employees is a number; compare it with a number, e.g. > 50"
            ),
            (
                "case.founded < 1999",
                "query, column 1: case.founded is a date; compare it with a date written YYYY-MM-DD"
            ),
            ("\"Customer", "query, column 1: this quotation is not closed; end it with \""),
            (
                "Customer and and",
                "query, column 14: expected a code, coder:, speaker:, text:~, case., doc., not or ( (a code named \"and\" goes in quotes); found \"and\""
            ),
        ])
    func mistakes(_ query: String, _ message: String) throws {
        let project = try Self.project()
        do {
            _ = try project.query(query)
            Issue.record("\(query) was accepted")
        } catch let error as EngineError {
            #expect(error.description == message)
        }
    }

    @Test(
        "every walk of a query is bounded: 256 deep is read, 257 refused with its column; a chain of 5,000 parts is built balanced"
    )
    func bounded() throws {
        #expect(throws: Never.self) { try QueryParser.parse(String(repeating: "not ", count: 256) + "A") }
        #expect { try QueryParser.parse(String(repeating: "not ", count: 257) + "A") } throws: { error in
            "\(error)".contains("column 1025") && "\(error)".contains("more than 256 deep")
        }
        #expect(throws: Never.self) {
            try QueryParser.parse(String(repeating: "(", count: 256) + "A" + String(repeating: ")", count: 256))
        }
        #expect(throws: EngineError.self) {
            try QueryParser.parse(String(repeating: "(", count: 257) + "A" + String(repeating: ")", count: 257))
        }
        // Relations cost one each: a chain of 300 is too deep; `or` of 5,000 is about 13 deep.
        #expect(throws: EngineError.self) {
            try QueryParser.parse((0..<300).map { "A\($0)" }.joined(separator: " overlaps "))
        }
        let chain = try QueryParser.parse((0..<5_000).map { "A\($0)" }.joined(separator: " or "))
        #expect(chain.leaves.count == 5_000)
        #expect { try QueryParser.parse((0...10_000).map { "A\($0)" }.joined(separator: " or ")) } throws: {
            "\($0)".contains("more than 10,000")
        }
        // Three parts read left to right, as before.
        #expect(
            try QueryParser.parse("A or B or C")
                == .or(.or(.code(path: "A", column: 1), .code(path: "B", column: 6)), .code(path: "C", column: 11)))
    }

    @Test("a bare name two codes share is refused, naming both paths")
    func sharedName() throws {
        let project = try Self.project()
        _ = try project.addCode("Processes/Supplier", by: "ana")
        _ = try project.addCode("Ties/Supplier", by: "ana")
        #expect(
            throws: EngineError.queryUnknown(
                query: "supplier and coder:ana", column: 1, what: "single code \"supplier\"",
                hint: "several codes have that name: write the path, one of Processes/Supplier, Ties/Supplier")
        ) {
            try project.query("supplier and coder:ana")
        }
        // A whole path is never ambiguous: the top-level Customer is itself.
        #expect(try Self.found(project, "Customer or Ties/Supplier") == ["d1:nine ten"])
    }

    @Test("saved queries: save (checked first), list, run, a name taken, delete")
    func saved() throws {
        let project = try Self.project()
        try project.saveQuery("overlap", "Processes/Intuiting overlaps Processes/Interpreting", by: "ana")
        #expect(try project.savedQueries().map(\.name) == ["overlap"])
        #expect(try project.query(project.savedQuery("overlap").expression).map(\.text) == ["one two three"])
        #expect(throws: EngineError.queryNameTaken("overlap")) {
            try project.saveQuery("overlap", "Customer", by: "ana")
        }
        try project.saveQuery("overlap", "Customer", replacing: true, by: "ben")
        #expect(try project.savedQuery("overlap").expression == "Customer")
        #expect(throws: (any Error).self) { try project.saveQuery("bad", "Processes/Nothing", by: "ana") }
        try project.deleteQuery("overlap")
        #expect(throws: EngineError.unknownQuery("overlap", known: [])) { try project.savedQuery("overlap") }
    }
}
