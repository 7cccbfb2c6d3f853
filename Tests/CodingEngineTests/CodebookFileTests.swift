import CodingEngine
import Foundation
import Testing
import TestSupport

@Suite("Codebooks in YAML")
struct CodebookFileTests {
    @Test("the bundled 5I codebook has the five I's on hotkeys 1 to 5 and the paper's folders")
    func bundled5I() throws {
        let project = try Support.project()
        let codebook = try project.codebook()
        let hotkeys = Dictionary(
            uniqueKeysWithValues: codebook.codes.compactMap { code in code.hotkey.map { ($0, code.path) } })
        #expect(
            hotkeys == [
                "1": "Processes/Intuiting", "2": "Processes/Interpreting", "3": "Processes/Integrating",
                "4": "Processes/Institutionalising", "5": "Processes/Intertwining",
            ])
        let top = codebook.children(of: nil).map(\.name)
        #expect(top == ["Processes", "Flows", "Knowledge source", "Learning type", "Renewal stage"])
        #expect(codebook.children(of: nil).allSatisfy { !$0.codable })
        for path in [
            "Processes/Attending", "Processes/Experimenting", "Flows/Feed-forward", "Flows/Feedback",
            "Knowledge source/Knowledge Transfer Partnership", "Knowledge source/Standards and regulators",
            "Learning type/Normative", "Learning type/Mimetic", "Learning type/Coercive",
            "Renewal stage/Institutionalising with external help",
        ] {
            #expect(codebook.code(path: path)?.codable == true, "\(path)")
        }
        #expect(codebook.codes.allSatisfy { CodebookFile.normalizedColor($0.color) == $0.color })
        #expect(codebook.codes.filter(\.codable).allSatisfy { !$0.description.isEmpty })
    }

    @Test("the bundled codebooks are the files in codebooks/, and 4I has only the four processes")
    func bundledMatchesRepository() throws {
        for name in ["4i", "5i"] {
            let onDisk = try String(
                contentsOf: Support.root.appendingPathComponent("codebooks/\(name).yaml"), encoding: .utf8)
            #expect(BundledFiles.contents["codebooks/\(name).yaml"] == onDisk, "run scripts/bundle-resources")
        }
        let fourI = try DemoProject.bundledCodebook("4i")
        #expect(
            fourI.codes.first { $0.name == "Processes" }?.children.map(\.name)
                == ["Intuiting", "Interpreting", "Integrating", "Institutionalising"])
    }

    @Test(
        "errors name the file, line and problem",
        arguments: [
            ("codes:\n  - name: A\n    color: \"#000000\"\n  - name: a\n    color: \"#111111\"\n", 4, "duplicate code"),
            (
                "codes:\n  - name: A\n    hotkey: \"1\"\n    color: \"#000000\"\n  - name: B\n    hotkey: \"1\"\n", 6,
                "hotkey \"1\" is already used by A"
            ),
            ("codes:\n  - name: A\n    color: red\n", 3, "bad colour"),
            ("codes:\n  - name: A\n    colour: \"#12345\"\n", 3, "bad colour"),
            ("codes:\n  - name: A\n    hotkey: \"12\"\n", 3, "one printable character"),
            ("codes:\n  - name: A\n    codable: maybe\n", 3, "true or false"),
            ("codes:\n  - name: A/B\n", 2, "contains `/`"),
            ("codes:\n  - name: A\n    colr: \"#000000\"\n", 3, "unknown key `colr`"),
            ("codes:\n  - name: A\n   - name: B\n", 3, "YAML syntax"),
            ("codes:\n  - name: P\n    children:\n      - name: X\n      - name: X\n", 5, "duplicate code \"P/X\""),
        ])
    func errors(yaml: String, line: Int, problem: String) {
        do {
            _ = try CodebookFile.parse(yaml, file: "book.yaml")
            Issue.record("accepted: \(yaml)")
        } catch let EngineError.invalidFile(file, foundLine, message) {
            #expect(file == "book.yaml")
            #expect(foundLine == line, "\(message)")
            #expect(message.contains(problem), "\(message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(
        "the same names under different parents are allowed; colours are normalized; missing colours come from a palette"
    )
    func validVariants() throws {
        let book = try CodebookFile.parse(
            """
            name: T
            codes:
              - name: A
                color: "#ABC"
                children: [{name: Other}]
              - name: B
                children: [{name: Other}]
            """, file: "t.yaml")
        #expect(book.codes[0].color == "#aabbcc")
        #expect(book.codes[0].children[0].color.hasPrefix("#"))
        #expect(book.flattened().map(\.path) == ["A", "A/Other", "B", "B/Other"])
    }

    @Test("YAML written by `codebook --format yaml` reads back as the same codebook")
    func yamlRoundTrip() throws {
        let original = try DemoProject.bundledCodebook("5i")
        let again = try CodebookFile.parse(try original.yaml(), file: "again.yaml")
        #expect(again == original)
    }
}
