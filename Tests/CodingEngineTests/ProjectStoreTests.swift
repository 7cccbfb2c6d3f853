import CodingEngine
import Foundation
import Testing
import TestSupport

@Suite("The project store")
struct ProjectStoreTests {
    static let interview = """
        ---
        case: BRW
        title: Audits
        employees: 46
        ---
        Interviewer: Café or tea? 学习 matters.
        Roger: We failed 👩‍👩‍👧 audits 🇬🇧. Then we learnt.

        Interviewer: And then?
        """

    @Test("a coding's text is recovered exactly from scalar offsets, past accents, CJK, emoji and flags")
    func offsetsThroughTheStore() throws {
        let folder = try Support.temporaryFolder()
        let path = try Support.write(Self.interview, "brw.txt", in: folder)
        let project = try Support.project()
        try project.importTranscripts([path])
        let document = try project.document(named: "brw")
        let text = ScalarText(document.text)
        let start = document.text.unicodeScalars.distance(
            from: document.text.unicodeScalars.startIndex,
            to: document.text.range(of: "👩")!.lowerBound.samePosition(in: document.text.unicodeScalars)!)
        let end = start + "👩‍👩‍👧 audits 🇬🇧".unicodeScalars.count
        try project.addCodings(
            document: "brw", ranges: [TextRange(start, end)], code: "Processes/Intuiting", coder: "ana")
        let coding = try #require(try project.codings().first)
        #expect(coding.text == "👩‍👩‍👧 audits 🇬🇧")
        #expect(text.slice(coding.start, coding.end) == coding.text)
        // "Interviewer: Café or tea? 学习 matters.\n" is 38 scalars; "Roger: We failed " 17 more
        #expect(coding.start == 55)
    }

    @Test("CRLF and BOM files store LF text and the same offsets as their LF twin")
    func crlfAndBOM() throws {
        let folder = try Support.temporaryFolder()
        let lf = "Q: One?\nA: Two.\n"
        let crlf = [0xEF, 0xBB, 0xBF] + Array(lf.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let project = try Support.project()
        try project.importTranscripts(
            [
                try Support.write(lf, "lf.txt", in: folder),
                try Support.write(crlf, "crlf.txt", in: folder),
            ], caseName: "X")
        let a = try project.document(named: "lf"), b = try project.document(named: "crlf")
        #expect(a.text == b.text)
        #expect(a.info.sha256 == b.info.sha256)
        #expect(a.turns == b.turns)
    }

    @Test("import stores case, attributes, interview properties, turns and speakers")
    func importsEverything() throws {
        let folder = try Support.temporaryFolder()
        let project = try Support.project()
        let report = try project.importTranscripts([try Support.write(Self.interview, "brw.txt", in: folder)])
        #expect(report.imported.map(\.name) == ["brw"])
        let info = try #require(try project.documents().first)
        #expect(info.caseName == "BRW")
        #expect(info.turnCount == 3)
        #expect(info.speakers == ["Interviewer", "Roger"])
        #expect(info.properties == [CaseAttribute(key: "title", value: .text("Audits"))])
        #expect(info.length == StoredText.length(try project.document(named: "brw").text))
        let brw = try #require(try project.cases().first)
        #expect(brw.attributes == [CaseAttribute(key: "employees", value: .integer(46))])
    }

    @Test("the case comes from front matter, else --case, else the folder's name")
    func caseResolution() throws {
        let folder = try Support.temporaryFolder()
        let withCase = try Support.write("---\ncase: FM\n---\nA: x", "RSL/a.txt", in: folder)
        let without = try Support.write("A: y", "RSL/b.txt", in: folder)
        let project = try Support.project()
        try project.importTranscripts([withCase], caseName: "Given")
        try project.importTranscripts([without])
        let other = try Support.write("A: z", "RSL/c.md", in: folder)
        try project.importTranscripts([other], caseName: "Given")
        let byName = Dictionary(uniqueKeysWithValues: try project.documents().map { ($0.name, $0.caseName) })
        #expect(byName == ["a": "FM", "b": "RSL", "c": "Given"])
    }

    @Test("re-importing identical text does nothing; the same name with other text is refused")
    func reimport() throws {
        let folder = try Support.temporaryFolder()
        let path = try Support.write("A: one", "x/doc.txt", in: folder)
        let project = try Support.project()
        try project.importTranscripts([path])
        #expect(try project.importTranscripts([path]).unchanged == ["doc"])
        let changed = try Support.write("A: two", "y/doc.txt", in: folder)
        #expect(throws: EngineError.documentTextChanged(name: "doc", path: changed)) {
            try project.importTranscripts([changed])
        }
        #expect(try project.document(named: "doc").text == "A: one")
    }

    @Test(
        "one bad file in a folder stops the import before anything is stored",
        arguments: [
            ([0x61, 0xFF], "not valid UTF-8 at byte offset 1"),
            ([0x61, 0x00, 0x62], "binary file"),
            ([], "empty"),
            (Array("---\ncase: X\n---\n  \n".utf8), "empty"),
        ] as [([UInt8], String)])
    func badFileLeavesProjectAlone(bytes: [UInt8], message: String) throws {
        let folder = try Support.temporaryFolder()
        try Support.write("A: fine", "Case/1-good.txt", in: folder)
        try Support.write(bytes, "Case/2-bad.txt", in: folder)
        let project = try Support.project()
        do {
            try project.importTranscripts([folder.path])
            Issue.record("a bad file was imported")
        } catch let error as EngineError {
            #expect(error.description.contains("2-bad.txt"))
            #expect(error.description.contains(message), "\(error)")
        }
        #expect(try project.documents().isEmpty)
        #expect(try project.cases().isEmpty)
    }

    @Test("missing files, folders without transcripts and other file types are refused")
    func missingAndUnsupported() throws {
        let folder = try Support.temporaryFolder()
        let project = try Support.project()
        #expect(throws: EngineError.fileMissing(path: "/no/such/file.txt")) {
            try project.importTranscripts(["/no/such/file.txt"])
        }
        let empty = folder.appendingPathComponent("empty").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        try Support.write("x", "empty/notes.pdf", in: folder)
        #expect(throws: EngineError.noTranscripts(folder: empty)) { try project.importTranscripts([empty]) }
        let pdf = folder.appendingPathComponent("empty/notes.pdf").path
        #expect(throws: EngineError.unsupportedFile(path: pdf)) { try project.importTranscripts([pdf]) }
    }

    @Test(
        "a folder is searched below for transcripts: nested folders, any case of extension; hidden names and links skipped; in name order"
    )
    func folderWalk() throws {
        let folder = try Support.temporaryFolder()
        try Support.write("A: one", "firm-b/2.txt", in: folder)
        try Support.write("A: two", "firm-a/deep/1.TXT", in: folder)
        try Support.write("A: three", "firm-a/0.md", in: folder)
        try Support.write("A: hidden", ".drafts/x.txt", in: folder)
        try Support.write("A: hidden too", "firm-a/.x.txt", in: folder)
        try Support.write("not a transcript", "firm-a/notes.pdf", in: folder)
        let top = folder.path
        try FileManager.default.createSymbolicLink(
            atPath: top + "/firm-b/link.txt", withDestinationPath: top + "/firm-b/2.txt")
        try FileManager.default.createSymbolicLink(atPath: top + "/loop", withDestinationPath: top)
        let found = try Transcript.files(in: [top + "/"], extensions: ["txt", "md"])
        #expect(found == [top + "/firm-a/0.md", top + "/firm-a/deep/1.TXT", top + "/firm-b/2.txt"])
        #expect(try Transcript.files(in: [top], extensions: ["txt", "md"]) == found)
    }

    @Test("invalid codings are refused with a clear error and nothing is written")
    func invalidCodings() throws {
        let folder = try Support.temporaryFolder()
        let project = try Support.project()
        try project.importTranscripts([try Support.write("A: twelve chars", "c/d.txt", in: folder)])
        #expect(throws: EngineError.rangeOutsideDocument(document: "d", start: 3, end: 99, length: 15)) {
            try project.addCodings(document: "d", ranges: [TextRange(3, 99)], code: "Processes/Intuiting", coder: "ana")
        }
        #expect(throws: EngineError.rangeOutsideDocument(document: "d", start: -1, end: 2, length: 15)) {
            try project.addCodings(document: "d", ranges: [TextRange(-1, 2)], code: "Processes/Intuiting", coder: "ana")
        }
        #expect(throws: EngineError.emptyRange(document: "d", start: 4, end: 4)) {
            try project.addCodings(document: "d", ranges: [TextRange(4, 4)], code: "Processes/Intuiting", coder: "ana")
        }
        #expect(throws: EngineError.unknownCode("Processes/Nope")) {
            try project.addCodings(document: "d", ranges: [TextRange(0, 4)], code: "Processes/Nope", coder: "ana")
        }
        #expect(throws: EngineError.codeNotCodable("Processes")) {
            try project.addCodings(document: "d", ranges: [TextRange(0, 4)], code: "Processes", coder: "ana")
        }
        #expect(throws: EngineError.unknownDocument("nope")) {
            try project.addCodings(
                document: "nope", ranges: [TextRange(0, 4)], code: "Processes/Intuiting", coder: "ana")
        }
        // A batch with one bad range writes none of it.
        #expect(throws: EngineError.self) {
            try project.addCodings(
                document: "d", ranges: [TextRange(0, 4), TextRange(5, 500)], code: "Processes/Intuiting", coder: "ana")
        }
        #expect(try project.codings().isEmpty)
        try project.addCodings(document: "d", ranges: [TextRange(0, 4)], code: "processes/intuiting", coder: "ana")
        #expect(
            throws: EngineError.duplicateCoding(
                document: "d", start: 0, end: 4, code: "Processes/Intuiting", coder: "ana")
        ) {
            try project.addCodings(document: "d", ranges: [TextRange(0, 4)], code: "Processes/Intuiting", coder: "ana")
        }
        #expect(try project.codings().count == 1)
    }

    @Test("codings filter by coder, code (with the codes below it), case and document")
    func filters() throws {
        let folder = try Support.temporaryFolder()
        let project = try Support.project()
        try project.importTranscripts([
            try Support.write("A: one two three four", "K1/d1.txt", in: folder),
            try Support.write("A: five six seven", "K2/d2.txt", in: folder),
        ])
        try project.addCodings(document: "d1", ranges: [TextRange(3, 6)], code: "Processes/Intuiting", coder: "ana")
        try project.addCodings(document: "d1", ranges: [TextRange(7, 10)], code: "Learning type/Mimetic", coder: "ben")
        try project.addCodings(
            document: "d2", ranges: [TextRange(3, 7)], code: "Processes/Integrating", coder: "ben", memo: "a memo")
        #expect(try project.codings(CodingFilter(coders: ["ben"])).map(\.text) == ["two", "five"])
        #expect(
            try project.codings(CodingFilter(codes: ["Processes"])).map(\.code) == [
                "Processes/Intuiting", "Processes/Integrating",
            ])
        #expect(try project.codings(CodingFilter(cases: ["K2"])).map(\.memo) == ["a memo"])
        #expect(try project.codings(CodingFilter(documents: ["d1"])).count == 2)
        #expect(throws: EngineError.unknownCase("K9")) { try project.codings(CodingFilter(cases: ["K9"])) }
        let removed = try project.removeCoding(id: 1)
        #expect(removed.text == "one")
        #expect(throws: EngineError.unknownCoding(1)) { try project.removeCoding(id: 1) }
        #expect(try project.coders() == ["ana", "ben"])
    }

    @Test("codebook import merges by path: adds, updates, moves hotkeys, keeps codings on kept codes")
    func codebookMerge() throws {
        let folder = try Support.temporaryFolder()
        let project = try Support.project()
        try project.importTranscripts([try Support.write("A: words here", "K/d.txt", in: folder)])
        try project.addCodings(document: "d", ranges: [TextRange(3, 8)], code: "Processes/Intuiting", coder: "ana")
        let update = try CodebookFile.parse(
            """
            name: Update
            codes:
              - name: Processes
                codable: false
                color: "#4363d8"
                children:
                  - {name: Intuiting, color: "#123456", description: "new words", hotkey: "9"}
                  - {name: Sensing, color: "#654321", hotkey: "1"}
            """, file: "u.yaml")
        let report = try project.importCodebook(update)
        #expect(report.added == ["Processes/Sensing"])
        #expect(report.updated.contains("Processes/Intuiting"))
        #expect(report.movedHotkeys == ["1: Processes/Intuiting -> Processes/Sensing"])
        let codebook = try project.codebook()
        #expect(codebook.code(path: "Processes/Intuiting")?.color == "#123456")
        #expect(codebook.code(path: "Processes/Intuiting")?.hotkey == "9")
        #expect(codebook.code(path: "Processes/Sensing")?.hotkey == "1")
        #expect(codebook.code(path: "Processes/Interpreting") != nil)
        #expect(try project.codings().map(\.code) == ["Processes/Intuiting"])
        // A code with codings cannot become a folder.
        let folderise = try CodebookFile.parse(
            "codes:\n  - name: Processes\n    codable: false\n    children:\n      - {name: Intuiting, codable: false}\n",
            file: "f.yaml")
        #expect(throws: EngineError.self) { try project.importCodebook(folderise) }
        #expect(try project.codebook().code(path: "Processes/Intuiting")?.codable == true)
    }

    @Test("case attributes can be set with types")
    func caseAttributes() throws {
        let folder = try Support.temporaryFolder()
        let project = try Support.project()
        try project.importTranscripts([try Support.write("A: x", "BRW/d.txt", in: folder)])
        try project.setCaseAttributes(
            "BRW",
            [
                CaseAttribute(key: "employees", value: .inferred(from: "46")),
                CaseAttribute(key: "founded", value: .inferred(from: "1974-05-01")),
                CaseAttribute(key: "growth", value: .inferred(from: "0.25")),
                CaseAttribute(key: "family", value: .inferred(from: "true")),
                CaseAttribute(key: "sector", value: .inferred(from: "Aerospace")),
            ])
        #expect(
            try project.cases()[0].attributes.map(\.value) == [
                .integer(46), .date("1974-05-01"), .float(0.25), .boolean(true), .text("Aerospace"),
            ])
        #expect(throws: EngineError.unknownCase("XYZ")) { try project.setCaseAttributes("XYZ", []) }
        #expect(AttributeValue.inferred(from: "2023-02-30") == .text("2023-02-30"))
    }
}

@Suite("Memos")
struct MemoTests {
    @Test("memos on the project, a case, a document and a code are kept apart; unknown targets are refused")
    func memos() throws {
        let folder = try Support.temporaryFolder()
        let project = try Support.project()
        try project.importTranscripts([try Support.write("A: x", "BRW/brw.txt", in: folder)])
        try project.addMemo(on: .project, text: "Study of small-firm learning", coder: "ana")
        try project.addMemo(on: .case("BRW"), text: "Normative case", coder: "ben")
        try project.addMemo(on: .document("brw"), text: "Audio was poor at 12:00", coder: nil)
        try project.addMemo(on: .code("Processes/Intuiting"), text: "Look for 'I had a feeling'", coder: "ana")
        #expect(try project.memos(on: .project).map(\.text) == ["Study of small-firm learning"])
        #expect(try project.memos(on: .case("BRW")).map(\.coder) == ["ben"])
        #expect(try project.memos(on: .document("brw")).first?.coder == nil)
        #expect(try project.memos(on: .code("processes/intuiting")).count == 1)
        #expect(throws: EngineError.unknownCase("RSL")) { try project.addMemo(on: .case("RSL"), text: "x", coder: nil) }
        #expect(throws: EngineError.unknownCode("Nope")) { try project.memos(on: .code("Nope")) }
    }
}
