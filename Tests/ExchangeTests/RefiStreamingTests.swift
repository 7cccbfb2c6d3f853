import CodingEngine
import Exchange
import Foundation
import Testing

/// A REFI-QDA import stores each source as its XML closes: what it stores must not
/// depend on that (the parts' order, where the position unit is decided), and a
/// problem late in the file must still leave the project as it was.
@Suite("REFI-QDA import as the file is read")
struct RefiStreamingTests {
    static func guid(_ kind: Int, _ n: Int) -> String { String(format: "%08x-0000-4000-8000-%012x", kind, n) }

    /// A project of `sources` sources, each an emoji then words `w0 w1 …`, every word
    /// a selection named with its text (so the names decide the unit), coded by ana;
    /// the sources split between two cases. `casesAfterSources` puts `<Cases>` where
    /// the schema does not; `badSelection` makes the last source's last selection end
    /// past its text.
    static func project(
        sources: Int, words: Int, casesAfterSources: Bool = false, badSelection: Bool = false,
        utf16: Bool = false
    ) -> (qde: String, files: [(String, String)]) {
        var files: [(String, String)] = []
        var sourcesXML = "<Sources>\n"
        for s in 0..<sources {
            let text = "😀 " + (0..<words).map { "w\($0)" }.joined(separator: " ")
            files.append(("sources/\(guid(1, s)).txt", text))
            sourcesXML +=
                "<TextSource guid=\"\(guid(1, s))\" name=\"doc\(s)\" plainTextPath=\"internal://\(guid(1, s)).txt\">\n"
            var position = 2 // after the emoji and its space, in code points
            for w in 0..<words {
                let word = "w\(w)"
                // The emoji is one code point, two UTF-16 units.
                var (start, end) = (position, position + word.count)
                position = end + 1
                if utf16 { (start, end) = (start + 1, end + 1) }
                if badSelection && s == sources - 1 && w == words - 1 { end = text.unicodeScalars.count + 5 }
                sourcesXML +=
                    "<PlainTextSelection guid=\"\(guid(2, s * 10_000 + w))\" name=\"\(word)\" startPosition=\"\(start)\" endPosition=\"\(end)\" creatingUser=\"\(guid(9, 1))\">"
                sourcesXML +=
                    "<Coding guid=\"\(guid(3, s * 10_000 + w))\" creatingUser=\"\(guid(9, 1))\"><CodeRef targetGUID=\"\(guid(4, 1))\"/></Coding></PlainTextSelection>\n"
            }
            sourcesXML += "</TextSource>\n"
        }
        sourcesXML += "</Sources>\n"
        var cases = "<Cases>\n"
        for c in 0..<2 {
            cases += "<Case guid=\"\(guid(5, c))\" name=\"firm-\(c)\">"
            for s in stride(from: c, to: sources, by: 2) { cases += "<SourceRef targetGUID=\"\(guid(1, s))\"/>" }
            cases += "</Case>\n"
        }
        cases += "</Cases>\n"
        let head = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="streaming" origin="test">
            <Users><User guid="\(guid(9, 1))" name="ana"/></Users>
            <CodeBook><Codes><Code guid="\(guid(4, 1))" name="word" isCodable="true"/></Codes></CodeBook>

            """
        let qde = head + (casesAfterSources ? sourcesXML + cases : cases + sourcesXML) + "</Project>\n"
        return (qde, files)
    }

    /// Each document's case and every coding, as a user lists them.
    static func stored(_ project: Project) throws -> [String] {
        try project.documents().map { "\($0.name) in \($0.caseName)" }.sorted()
            + project.codings().map { "\($0.document)|\($0.start)|\($0.end)|\($0.code)|\($0.coder)|\($0.text)" }
            .sorted()
    }

    @Test(
        "sources stored as they close: every coding lands on its word, whether the position unit is known early or only at the end"
    )
    func storedAsTheyClose() throws {
        let folder = try Fixtures.folder()
        // 12 × 60 named selections: 200 votes are in after the fourth source; 3 × 20 never reach them.
        for (sources, words) in [(12, 60), (3, 20)] {
            for utf16 in [false, true] {
                let (qde, files) = Self.project(sources: sources, words: words, utf16: utf16)
                let path = try Fixtures.qdpx(qde, sources: files, in: folder, name: "s\(sources)-\(utf16).qdpx")
                let project = try Project.inMemory(codebook: CodebookFile(name: "e", codes: []))
                let (report, stored) = try RefiImport.store(path, into: project)
                #expect(report.positions == (utf16 ? "UTF-16 units" : "code points"))
                #expect(stored.documentsAdded == sources && stored.codingsAdded == sources * words)
                let codings = try project.codings()
                #expect(codings.count == sources * words)
                #expect(
                    codings.allSatisfy { $0.text.hasPrefix("w") && $0.text.dropFirst().allSatisfy(\.isNumber) },
                    "a coding off its word: \(codings.first { !$0.text.hasPrefix("w") }.map { "\($0.document) \($0.start) \($0.text)" } ?? "")"
                )
                #expect(try project.documents().allSatisfy { $0.caseName == "firm-\(Int($0.name.dropFirst(3))! % 2)" })
                // Read whole (no project), the same.
                let whole = try RefiImport(path: path)
                #expect(whole.bundle.codings.count == sources * words && whole.report.codings == sources * words)
            }
        }
    }

    @Test("cases after the sources (out of the schema's order) are read whole: the same documents, cases and codings")
    func partsOutOfOrder() throws {
        let folder = try Fixtures.folder()
        var results: [[String]] = []
        for late in [false, true] {
            let (qde, files) = Self.project(sources: 8, words: 40, casesAfterSources: late)
            let path = try Fixtures.qdpx(qde, sources: files, in: folder, name: "order-\(late).qdpx")
            let project = try Project.inMemory(codebook: CodebookFile(name: "e", codes: []))
            _ = try RefiImport.store(path, into: project)
            results.append(try Self.stored(project))
        }
        #expect(results[0] == results[1])
        #expect(results[1].contains("doc3 in firm-1"))
    }

    @Test(
        "a bad selection in the last source, after the others were stored: refused with its line, the project as it was"
    )
    func lateProblem() throws {
        let folder = try Fixtures.folder()
        let (qde, files) = Self.project(sources: 10, words: 60, badSelection: true)
        let path = try Fixtures.qdpx(qde, sources: files, in: folder, name: "late.qdpx")
        let project = try Fixtures.demo()
        let before = try Self.stored(project)
        let line =
            qde.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                $0.contains("name=\"w59\"") && $0.contains(Self.guid(2, 9 * 10_000 + 59))
            }! + 1
        #expect {
            _ = try RefiImport.store(path, into: project)
        } throws: { error in
            let message = "\(error)"
            return message.contains("project.qde:\(line)") && message.contains("outside its text")
        }
        #expect(try Self.stored(project) == before)
        #expect(try project.documents().contains { $0.name == "doc0" } == false)
    }
}
