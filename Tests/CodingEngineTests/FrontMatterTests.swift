import CodingEngine
import Testing

@Suite("Front matter: YAML between --- lines at the very top")
struct FrontMatterTests {
    @Test("case, interview properties and typed case attributes are separated; the body is what follows")
    func splitsAndTypes() throws {
        let text = """
            ---
            case: BRW
            title: Failed audits
            date: 2005-03-14
            interviewer: Ann
            employees: 46
            turnover_m: 3.8
            family_owned: true
            founded: 1974-05-01
            sector: Aerospace
            products: [brackets, housings]
            ---
            Interviewer: Hello.
            """
        let (frontMatter, body) = try FrontMatter.split(text, path: "brw.txt")
        let fm = try #require(frontMatter)
        #expect(fm.caseName == "BRW")
        #expect(body == "Interviewer: Hello.")
        #expect(fm.documentProperties.map(\.key) == ["title", "date", "interviewer"])
        #expect(fm.documentProperties[1].value == .date("2005-03-14"))
        #expect(
            fm.caseAttributes == [
                CaseAttribute(key: "employees", value: .integer(46)),
                CaseAttribute(key: "turnover_m", value: .float(3.8)),
                CaseAttribute(key: "family_owned", value: .boolean(true)),
                CaseAttribute(key: "founded", value: .date("1974-05-01")),
                CaseAttribute(key: "sector", value: .text("Aerospace")),
                CaseAttribute(key: "products", value: .text("brackets; housings")),
            ])
    }

    @Test("text without front matter is all body")
    func noFrontMatter() throws {
        let (frontMatter, body) = try FrontMatter.split("Just text\n---\nmore", path: "a.txt")
        #expect(frontMatter == nil)
        #expect(body == "Just text\n---\nmore")
    }

    @Test("an unclosed block, a YAML error or nested keys are refused with the file and line")
    func errors() {
        #expect(
            throws: EngineError.badFrontMatter(
                path: "a.txt", line: 1,
                problem: "opened with --- but never closed; end it with a line of ---")
        ) {
            try FrontMatter.split("---\ncase: X\nInterviewer: hi", path: "a.txt")
        }
        do {
            _ = try FrontMatter.split("---\ncase: X\nbad: [unclosed\n---\nbody", path: "a.txt")
            Issue.record("a YAML syntax error was accepted")
        } catch let EngineError.badFrontMatter(path, line, problem) {
            #expect(path == "a.txt")
            #expect(line >= 3)
            #expect(problem.contains("YAML"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(throws: EngineError.self) { try FrontMatter.split("---\nfirm:\n  name: X\n---\nbody", path: "a.txt") }
        #expect(throws: EngineError.self) { try FrontMatter.split("---\ncase: A\ncase: B\n---\nbody", path: "a.txt") }
    }
}
