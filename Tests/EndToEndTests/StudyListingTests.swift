import Foundation
import Testing
import TestSupport

/// The cases and documents tables show everything a study records about them.
@Suite("cases and documents: every attribute, and the documents' title, participant and date")
struct StudyListingTests {
    @Test("cases --wide puts every attribute in a column of its own; the compact table says when it cut them")
    func wideCases() throws {
        let cli = try CodebookCommandTests.demo()
        let compact = try cli.run("cases").stdout
        #expect(compact.contains("attributes cut to fit: --wide shows each in a column of its own"))
        let wide = try cli.run("cases", "--wide").stdout
        let header = try #require(wide.split(separator: "\n").first)
        for key in ["turnover", "age", "employees", "products", "sector", "customers", "learning type"] {
            #expect(header.contains(key), "\(key)")
        }
        #expect(wide.contains("Office-supply wholesalers and retail chains") && !wide.contains("…"))
    }

    @Test("documents show the title, participant and date the front matter gives")
    func documentDetails() throws {
        var cli = try Binary()
        cli.environment["INTERTWINE_PROJECT"] = cli.folder.appendingPathComponent("p.db").path
        #expect(try cli.run("init").status == 0)
        let file = try cli.write(
            "---\ncase: F\ntitle: The audit\nparticipant: Helen Ashworth\ndate: 2024-03-05\n---\nA: We failed.\n",
            "f.txt")
        #expect(try cli.run("import", file).status == 0)
        let table = try cli.run("documents").stdout
        #expect(
            table.contains("The audit") && table.contains("Helen Ashworth") && table.contains("2024-03-05"), "\(table)")
        let json = try #require(try Binary.json(cli.run("documents", "--format", "json").stdout) as? [[String: Any]])
        #expect(
            json.first?["participant"] as? String == "Helen Ashworth" && json.first?["date"] as? String == "2024-03-05")
    }
}
