import CodingEngine
import Exchange
import Foundation
import Testing

@Suite("Coded extracts and tables")
struct ExtractTests {
    static func project() throws -> Project {
        let folder = try Fixtures.folder()
        let project = try Project.inMemory(codebook: DemoProject.bundledCodebook())
        try project.importTranscripts([
            try Fixtures.write(
                """
                ---
                case: BRW
                employees: 46
                ---
                Interviewer: Tell me.
                Roger: We use <script>alert('x')</script> & "quotes" here.
                Roger: =SUM(A1) starts a formula.
                """, "BRW/brw.txt", in: folder)
        ])
        let text = try project.document(named: "brw").text
        func range(_ needle: String) -> TextRange {
            let scalars = ScalarText(text)
            let location = AnchoredCodings.locate(needle, in: scalars)!
            return location
        }
        try project.addCodings(
            document: "brw", ranges: [range("We use <script>alert('x')</script> & \"quotes\" here.")],
            code: "Processes/Intuiting", coder: "ana", memo: "a <b>memo</b>")
        try project.addCodings(
            document: "brw", ranges: [range("=SUM(A1) starts a formula.")], code: "Processes/Intuiting", coder: "ben")
        try project.addCodings(
            document: "brw", ranges: [range("=SUM(A1) starts a formula.")], code: "Learning type/Mimetic", coder: "ben")
        return project
    }

    @Test("records carry case, attributes, document, turn, speaker, offsets, code, coder, memo and text")
    func records() throws {
        let extracts = try Extract.collect(try Self.project(), CodingFilter())
        #expect(extracts.count == 3)
        let first = extracts[0]
        #expect(
            first.caseName == "BRW" && first.caseAttributes == [CaseAttribute(key: "employees", value: .integer(46))])
        #expect(first.turn == 2 && first.speaker == "Roger" && first.coder == "ana" && first.memo == "a <b>memo</b>")
        let filtered = try Extract.collect(try Self.project(), CodingFilter(coders: ["ben"], codes: ["Learning type"]))
        #expect(filtered.map(\.code) == ["Learning type/Mimetic"])
    }

    @Test("CSV is RFC 4180 and neutralizes formula cells")
    func csv() throws {
        let csv = try ExtractFormat.csv(try Extract.collect(try Self.project(), CodingFilter()))
        let lines = csv.components(separatedBy: "\r\n")
        #expect(
            lines[0]
                == "case,case.employees,document,turn,speaker,start_time,end_time,start,end,code,code_1,code_2,coder,memo,text,origin"
        )
        // The code's path split: the folder, then the code below it.
        #expect(lines.dropFirst().contains { $0.contains(",Learning type/Mimetic,Learning type,Mimetic,") })
        #expect(csv.contains(",'=SUM(A1) starts a formula.,\r\n")) // the origin: none
        #expect(csv.contains("\"We use <script>alert('x')</script> & \"\"quotes\"\" here.\""))
        #expect(
            CSVText.neutralized("-x") == "'-x" && CSVText.neutralized("@a") == "'@a"
                && CSVText.neutralized("+cmd") == "'+cmd")
        // White space before the formula, the full-width forms, tabs and carriage returns.
        #expect(CSVText.neutralized(" =cmd|'/C calc'!A0") == "' =cmd|'/C calc'!A0")
        #expect(CSVText.neutralized("\u{00A0}\t=1") == "'\u{00A0}\t=1")
        #expect(CSVText.neutralized("＝HYPERLINK(\"x\")") == "'＝HYPERLINK(\"x\")")
        #expect(
            CSVText.neutralized("＋1") == "'＋1" && CSVText.neutralized("＠x") == "'＠x"
                && CSVText.neutralized("－x") == "'－x")
        #expect(CSVText.neutralized("\tx") == "'\tx" && CSVText.neutralized("\rx") == "'\rx")
        // Plain numbers stay numbers: an alpha below zero is a figure, not a formula.
        #expect(
            CSVText.neutralized("-0.125") == "-0.125" && CSVText.neutralized("+3") == "+3"
                && CSVText.neutralized("-1e-5") == "-1e-5")
        #expect(CSVText.neutralized("-1+2") == "'-1+2" && CSVText.neutralized("--5") == "'--5")
        #expect(CSVText.neutralized("plain") == "plain" && CSVText.neutralized("a=b") == "a=b")
    }

    @Test("HTML and Markdown escape transcript text: no script survives")
    func escaping() throws {
        let project = try Self.project()
        let extracts = try Extract.collect(project, CodingFilter())
        let html = HTMLReport.render(extracts, codebook: try project.codebook(), title: "T <i>")
        #expect(
            !html.contains("<script>")
                && html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;quotes&quot;"))
        #expect(!html.contains("<b>memo</b>") && !html.contains("<i>"))
        #expect(!html.contains("src=") && !html.contains("@import")) // self-contained: links only within the page
        #expect(html.components(separatedBy: "href=").dropFirst().allSatisfy { $0.hasPrefix("\"#") })
        #expect(html.contains("<svg") && html.contains("Code co-occurrence") && html.contains("@media print"))
        #expect(html.contains("border-color:#e6194b")) // passages in their code's colour
        let markdown = ExtractFormat.markdown(extracts, codebook: try project.codebook(), title: "T")
        // Markdown's own escapes, never HTML entities: no tag is read, nothing shows as &quot;.
        #expect(
            !markdown.replacingOccurrences(of: "\\<", with: "").contains("<script>")
                && markdown.contains("\\<script>alert('x')\\</script> \\& \"quotes\""))
        #expect(!markdown.contains("&lt;") && !markdown.contains("&quot;") && !markdown.contains("&amp;"))
        #expect(markdown.contains("## Processes/Intuiting (2)") && markdown.contains("### BRW"))
        #expect(markdown.contains("> — brw, turn 2 (Roger), coded by ana"))
    }

    @Test(
        "the HTML report: its title, each case's attributes, a co-occurrence map of only the codes that co-occur, with numbers and a legend"
    )
    func htmlReport() throws {
        let project = try Self.project()
        let extracts = try Extract.collect(project, CodingFilter())
        let html = HTMLReport.render(extracts, codebook: try project.codebook(), title: "Learning in small firms")
        #expect(
            html.contains("<title>Learning in small firms</title>") && html.contains("<h1>Learning in small firms</h1>")
        )
        #expect(html.contains("<p class=\"source\">employees "))
        #expect(html.contains("<title>Processes/Intuiting × Learning type/Mimetic: 1</title>"))
        #expect(!html.contains("<title>Processes/Interpreting ×"), "a code with no co-occurrence is left out")
        #expect(html.contains("text-anchor=\"middle\" fill=\"#fff\">1</text>"))
        #expect(html.contains(">overlaps</text>"))
    }

    @Test("Markdown and HTML extracts end with the codebook's history as an appendix, escaped like the rest")
    func historyAppendix() throws {
        let project = try Self.project()
        try project.addCode("Inductive/<b>Trust</b>", by: "ana")
        try project.renameCode("Processes/Intuiting", to: "Sensing", by: "ben")
        let extracts = try Extract.collect(project, CodingFilter())
        let history = try project.history([.code, .coding])
        let markdown = ExtractFormat.markdown(extracts, codebook: try project.codebook(), title: "t", history: history)
        let appendix = try #require(markdown.range(of: "## Appendix: how the codebook evolved"))
        let tail = String(markdown[appendix.upperBound...])
        #expect(tail.contains("2 changes to the codebook"))
        #expect(tail.contains("· ben · renamed Processes/Intuiting to Processes/Sensing"))
        #expect(tail.contains("added Inductive/\\<b>Trust\\</b>"))
        let html = HTMLReport.render(extracts, codebook: try project.codebook(), title: "t", history: history)
        #expect(html.contains("<h2>Appendix: how the codebook evolved</h2>"))
        #expect(html.contains("<td>renamed Processes/Intuiting to Processes/Sensing</td>"))
        #expect(html.contains("&lt;b&gt;Trust&lt;/b&gt;") && !html.contains("<b>Trust"))
        #expect(!ExtractFormat.markdown(extracts, codebook: try project.codebook(), title: "t").contains("Appendix"))
    }

    @Test("JSON records; matrix and binary tables for statistics packages")
    func tables() throws {
        let project = try Self.project()
        let extracts = try Extract.collect(project, CodingFilter())
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try ExtractFormat.json(extracts).utf8)) as? [[String: Any]])
        #expect(json.count == 3)
        #expect((json[0]["case_attributes"] as? [String: Any])?["employees"] as? Int == 46)
        #expect(json[0]["turn"] as? Int == 2 && json[0]["start_time"] is NSNull)
        let binary = try StatisticsCSV.binary(extracts, codebook: try project.codebook()).components(
            separatedBy: "\r\n")
        #expect(binary.count == 4) // header, two passages (ben's passage has two codes), trailing empty line
        let header = binary[0].components(separatedBy: ","), row = binary[2].components(separatedBy: ",")
        #expect(row.prefix(3) == ["BRW", "brw", "3"] && header.count == row.count)
        let ones = zip(header, row).filter { $0.1 == "1" }.map(\.0)
        #expect(ones == ["Processes/Intuiting", "Learning type/Mimetic"])
        let matrix = try StatisticsCSV.matrix(project).components(separatedBy: "\r\n")
        #expect(matrix[0].hasPrefix("case,coder,Processes/Intuiting count,Processes/Intuiting coverage"))
        #expect(matrix.count == 4 && matrix[1].hasPrefix("BRW,ana,1,"))
    }
}

@Suite("Transcripts from Word and subtitles")
struct TranscriptFormatTests {
    @Test("WebVTT: voices and labels become speaker turns with times; cues of one speaker merge")
    func vtt() throws {
        let folder = try Fixtures.folder()
        let path = try Fixtures.write(
            """
            WEBVTT

            1
            00:00:01.000 --> 00:00:04.500
            <v Interviewer>How did it start?</v>

            00:00:05.000 --> 00:00:09.000
            <v Roger Watson>In a railway arch.

            00:00:09.000 --> 00:01:12.250
            <v Roger Watson>With two lathes &amp; a mill.
            """, "BRW/talk.vtt", in: folder)
        let transcript = try TranscriptFormats.read(path: path, caseName: nil)
        #expect(transcript.caseName == "BRW" && transcript.name == "talk")
        #expect(
            transcript.text
                == "Interviewer: How did it start?\n\nRoger Watson: In a railway arch. With two lathes & a mill.")
        #expect(transcript.turns.map(\.speaker) == ["Interviewer", "Roger Watson"])
        #expect(transcript.turns.map(\.startTime) == [1, 5] && transcript.turns.map(\.endTime) == [4.5, 72.25])
        let scalars = ScalarText(transcript.text)
        #expect(
            scalars.slice(transcript.turns[1].speechStart, transcript.turns[1].end)
                == "In a railway arch. With two lathes & a mill.")
        #expect(Recording.named(in: transcript.frontMatter.documentProperties) == nil)
        // The recording beside it, of the same name, is the document's.
        _ = try Fixtures.write("not really audio", "BRW/talk.m4a", in: folder)
        let recorded = try TranscriptFormats.read(path: path, caseName: nil)
        #expect(Recording.named(in: recorded.frontMatter.documentProperties) == "talk.m4a")
    }

    @Test(
        "SubRip: comma decimals, labels in the text; a cue without a label continues its speaker's turn; a REFI-QDA round trip keeps the turns"
    )
    func srt() throws {
        let folder = try Fixtures.folder()
        let cues = [
            ("00:00:01,000", "00:00:02,000", "Q: Ready?"), ("00:00:02,500", "00:00:04,000", "Helen Ashworth: Yes."),
            ("00:00:10,000", "00:00:11,000", "later words"), ("00:00:11,500", "00:00:12,000", "more words"),
            ("00:00:13,000", "00:00:14,000", "Q: And then?"),
            ("00:00:15,000", "00:00:16,000", "Helen Ashworth: We grew."),
        ]
        let srt = cues.enumerated().map { "\($0.offset + 1)\n\($0.element.0) --> \($0.element.1)\n\($0.element.2)\n" }
            .joined(separator: "\n")
        let path = try Fixtures.write(srt, "C/s.srt", in: folder)
        let transcript = try TranscriptFormats.read(path: path, caseName: "Case")
        #expect(transcript.turns.map(\.speaker) == ["Q", "Helen Ashworth", "Q", "Helen Ashworth"])
        #expect(transcript.text.contains("Helen Ashworth: Yes. later words more words\n\nQ: And then?"))
        #expect(transcript.turns[1].startTime == 2.5 && transcript.turns[1].endTime == 12)
        // Before anyone speaks, cues of nobody merge until a pause of two seconds.
        let nobody = try Fixtures.write(
            "1\n00:00:01,000 --> 00:00:02,000\nhello\n\n2\n00:00:02,500 --> 00:00:03,000\nthere\n\n3\n00:00:09,000 --> 00:00:10,000\nagain\n",
            "C/n.srt", in: folder)
        let alone = try TranscriptFormats.read(path: nobody, caseName: "Case")
        #expect(alone.turns.map(\.speaker) == [nil, nil] && alone.text == "hello there\n\nagain")
        // Exported as REFI-QDA and imported again: the same turns.
        let project = try Project.inMemory(codebook: DemoProject.bundledCodebook())
        try project.store([transcript])
        let qdpx = folder.appendingPathComponent("s.qdpx").path
        try RefiExport.writeProject(project, to: qdpx)
        let copy = try Project.inMemory(codebook: CodebookFile(name: "empty", codes: []))
        try copy.store(try RefiImport(path: qdpx).bundle)
        func shape(_ turns: [Turn]) -> [String] {
            turns.map {
                "\($0.speaker ?? "-")|\($0.start)|\($0.speechStart)|\($0.end)|\($0.startTime ?? -1)|\($0.endTime ?? -1)"
            }
        }
        #expect(try shape(copy.document(named: "s").turns) == shape(project.document(named: "s").turns))
        let bad = try Fixtures.write("1\n00:00:01 --> nonsense\nQ: Ready?\n", "C/bad.srt", in: folder)
        #expect(
            throws: EngineError.badLine(
                path: bad, line: 2,
                problem: "a cue time line that is not `00:00:01.000 --> 00:00:04.000`; fix the time and import again")
        ) {
            try TranscriptFormats.read(path: bad, caseName: "Case")
        }
    }

    @Test("WebVTT: a cue without a voice continues the voice before it")
    func vttContinues() throws {
        let folder = try Fixtures.folder()
        let path = try Fixtures.write(
            """
            WEBVTT

            00:00:01.000 --> 00:00:02.000
            <v Interviewer>Where from?

            00:00:03.000 --> 00:00:04.000
            <v Helen Ashworth>Customers.

            00:00:08.000 --> 00:00:09.000
            Mostly the big ones.
            """, "D/v.vtt", in: folder)
        let transcript = try TranscriptFormats.read(path: path, caseName: nil)
        #expect(transcript.turns.map(\.speaker) == ["Interviewer", "Helen Ashworth"])
        #expect(transcript.text.hasSuffix("Helen Ashworth: Customers. Mostly the big ones."))
    }

    @Test("Word: paragraphs in order, labels found, tables skipped; stored through import like any transcript")
    func docx() throws {
        let folder = try Fixtures.folder()
        let document = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
            <w:p><w:r><w:t>Interviewer: How </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">did it start?</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>TABLE CELL</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t>Roger: Café</w:t><w:tab/><w:t>and 学习.</w:t></w:r></w:p>
            </w:body></w:document>
            """
        let path = try Fixtures.zip(
            [("word/document.xml", Data(document.utf8)), ("[Content_Types].xml", Data("<Types/>".utf8))],
            in: folder, name: "interview.docx")
        let transcript = try TranscriptFormats.read(path: path, caseName: "K")
        #expect(transcript.text == "Interviewer: How did it start?\n\nRoger: Café\tand 学习.")
        #expect(transcript.turns.map(\.speaker) == ["Interviewer", "Roger"])
        let project = try Project.inMemory(codebook: DemoProject.bundledCodebook())
        try project.importTranscripts(
            [path], caseName: "K", extensions: TranscriptFormats.extensions, reader: TranscriptFormats.read)
        #expect(try project.documents().map(\.name) == ["interview"])
        let slip = try Fixtures.zip([("../word/document.xml", Data(document.utf8))], in: folder, name: "evil.docx")
        #expect(throws: ExchangeError.self) { try TranscriptFormats.read(path: slip, caseName: "K") }
    }
}
