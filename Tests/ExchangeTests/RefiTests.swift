import CodingEngine
import Exchange
import Foundation
import Testing
import ZIPFoundation
import TestSupport

/// Helpers: temporary folders, qdpx files written by hand, the shared samples.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples: URL = {
        let candidates = [
            ProcessInfo.processInfo.environment["INTERTWINE_SHARED"].map { URL(fileURLWithPath: $0) },
            root.deletingLastPathComponent().appendingPathComponent("shared"),
        ]
        .compactMap { $0 }.map { $0.appendingPathComponent("refi/samples") }
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? candidates[0]
    }()
    /// Whether the shared samples are there: the tests that read them are skipped (and say so) without them.
    static let hasSamples = FileManager.default.fileExists(atPath: samples.path)

    static func folder() throws -> URL {
        let url = try Support.temporaryFolder("intertwine-exchange")
        return url
    }

    /// A zip with the given entries.
    static func zip(_ entries: [(String, Data)], in folder: URL, name: String = "fixture.qdpx") throws -> String {
        let url = folder.appendingPathComponent(name)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url.path
    }

    /// Writes `text` to `name` in `folder` and returns the path.
    static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static func qdpx(_ qde: String, sources: [(String, String)] = [], in folder: URL, name: String = "fixture.qdpx")
        throws -> String
    {
        try zip([("project.qde", Data(qde.utf8))] + sources.map { ($0.0, Data($0.1.utf8)) }, in: folder, name: name)
    }

    static func demo() throws -> Project {
        let project = try Project.inMemory(codebook: DemoProject.bundledCodebook())
        try DemoProject.populate(project)
        return project
    }
}

@Suite("REFI-QDA: export, import, round trip")
struct RefiTests {
    /// What a round trip must keep of every coding.
    static func codings(_ project: Project) throws -> [String] {
        try project.codings().map { "\($0.document)|\($0.start)|\($0.end)|\($0.code)|\($0.coder)|\($0.text)" }.sorted()
    }

    @Test("export, import into a fresh project, export again: the same codings, codebook and cases, and the same GUIDs")
    func roundTrip() throws {
        let folder = try Fixtures.folder()
        let original = try Fixtures.demo()
        let first = folder.appendingPathComponent("first.qdpx").path
        try RefiExport.writeProject(original, to: first)
        let copy = try Project.create(
            at: folder.appendingPathComponent("copy.db").path, codebook: CodebookFile(name: "empty", codes: []))
        let imported = try RefiImport(path: first)
        try copy.store(imported.bundle)
        #expect(try Self.codings(copy) == Self.codings(original))
        #expect(
            try copy.codebook().codes.map { [$0.path, $0.color, $0.description, String($0.codable)] }
                == original.codebook().codes.map { [$0.path, $0.color, $0.description, String($0.codable)] })
        #expect(try copy.cases().map(\.name) == original.cases().map(\.name))
        #expect(try copy.cases().map(\.attributes) == original.cases().map(\.attributes))
        #expect(try copy.codings().compactMap(\.memo).sorted() == original.codings().compactMap(\.memo).sorted())
        #expect(try copy.documents().map(\.sha256) == original.documents().map(\.sha256))
        // Exporting the same project twice gives the same file contents, GUIDs included.
        let (a, _) = try RefiExport.project(original, name: "demo")
        let (b, _) = try RefiExport.project(original, name: "demo")
        #expect(a == b)
        #expect(!a.contains("{") && a.range(of: "guid=\"[0-9a-f-]{36}\"", options: .regularExpression) != nil)
    }

    @Test(
        "a round trip keeps every GUID (codes, codings, sources, cases) and the codebook's history; exporting after a rename keeps the code's GUID"
    )
    func roundTripKeepsIdentities() throws {
        let folder = try Fixtures.folder()
        let original = try Fixtures.demo()
        let intuiting = try #require(original.codebook().code(path: "Processes/Intuiting")).guid
        try original.renameCode("Processes/Intuiting", to: "Sensing", by: "ana")
        try original.mergeCodes(["Processes/Attending"], into: "Processes/Sensing", by: "ben")
        try original.renameCase("BRW", to: "Brownlow", by: "ana")
        let path = folder.appendingPathComponent("identities.qdpx").path
        try RefiExport.writeProject(original, to: path)
        let qde = try RefiExport.project(original, name: "x").qde
        #expect(qde.contains("guid=\"\(intuiting)\" name=\"Sensing\""))
        #expect(qde.contains("name=\"\(HistoryText.noteName)\""))
        let copy = try Project.create(
            at: folder.appendingPathComponent("copy.db").path, codebook: CodebookFile(name: "empty", codes: []))
        try copy.store(try RefiImport(path: path).bundle)
        #expect(try copy.codebook().code(path: "Processes/Sensing")?.guid == intuiting)
        #expect(try Set(copy.codebook().codes.map(\.guid)) == Set(original.codebook().codes.map(\.guid)))
        #expect(
            try Set(copy.codings(includeText: false).map(\.guid))
                == Set(original.codings(includeText: false).map(\.guid)))
        #expect(try Set(copy.guids(of: .documents).values) == Set(original.guids(of: .documents).values))
        #expect(try Set(copy.guids(of: .cases).values).isSuperset(of: Set(original.guids(of: .cases).values)))
        func summary(_ history: [HistoryEntry]) -> [String] {
            history.map {
                "\($0.at)|\($0.who)|\($0.operation)|\($0.kind)|\($0.subject)|\($0.before ?? "")|\($0.after ?? "")|\($0.codings)|\($0.detail)"
            }
        }
        #expect(try summary(copy.history()) == summary(original.history()))
        #expect(
            try copy.memos(on: .project).allSatisfy {
                !$0.text.contains(HistoryText.noteName) && !$0.text.hasPrefix("at\t")
            })
        // Importing the same file again adds nothing: the codings are the same by their GUIDs.
        let again = try copy.store(try RefiImport(path: path).bundle)
        #expect(again.codingsAdded == 0 && again.codesAdded == 0)
        #expect(try copy.history().count == original.history().count)
    }

    @Test(
        "saved queries travel as a project note (the standard has no queries) and come back as saved queries, not as a memo"
    )
    func savedQueriesTravel() throws {
        let folder = try Fixtures.folder()
        let original = try Fixtures.demo()
        try original.saveQuery("consultants", "\"Knowledge source/Consultant\" near 20 words Processes", by: "ana")
        try original.saveQuery(
            "ana's hunches", "coder:ana and Processes/Intuiting and not text:~ \"(?i)audit\"", by: "ana")
        let qde = try RefiExport.project(original, name: "x").qde
        #expect(qde.contains("name=\"\(QueriesText.noteName)\""))
        let path = folder.appendingPathComponent("queries.qdpx").path
        try RefiExport.writeProject(original, to: path)
        let copy = try Project.create(
            at: folder.appendingPathComponent("copy.db").path, codebook: CodebookFile(name: "empty", codes: []))
        let report = try copy.store(try RefiImport(path: path).bundle)
        #expect(report.queriesAdded == 2)
        func shape(_ q: [SavedQuery]) -> [String] { q.map { "\($0.name)|\($0.expression)|\($0.who)|\($0.guid)" } }
        #expect(try shape(copy.savedQueries()) == shape(original.savedQueries()))
        #expect(
            try copy.query(copy.savedQuery("consultants").expression)
                == original.query(original.savedQuery("consultants").expression))
        #expect(try copy.memos(on: .project).allSatisfy { !$0.text.hasPrefix("name\texpression") })
        // A name already saved keeps its own query.
        try copy.deleteQuery("consultants")
        try copy.saveQuery("consultants", "Processes", by: "ben")
        #expect(try copy.store(try RefiImport(path: path).bundle).queriesAdded == 0)
        #expect(try copy.savedQuery("consultants").expression == "Processes")
        #expect(QueriesText.parse("a note about queries") == nil)
    }

    @Test("a document's title, participant and date travel as the source's variables and come back as its properties")
    func documentPropertiesTravel() throws {
        let folder = try Fixtures.folder()
        let original = try Project.inMemory(codebook: DemoProject.bundledCodebook())
        let file = try Fixtures.write(
            "---\ncase: F\ntitle: The audit\nparticipant: Helen Ashworth\ndate: 2024-03-05\nemployees: 40\n---\nA: We failed.\n",
            "F/f.txt", in: folder)
        try original.importTranscripts([file])
        let path = folder.appendingPathComponent("props.qdpx").path
        try RefiExport.writeProject(original, to: path)
        let copy = try Project.inMemory(codebook: CodebookFile(name: "empty", codes: []))
        try copy.store(try RefiImport(path: path).bundle)
        func properties(_ project: Project) throws -> [String] {
            try project.documents().first { $0.name == "f" }!.properties.map { "\($0.key)=\($0.value.description)" }
                .sorted()
        }
        #expect(try properties(copy) == properties(original) && !(try properties(original)).isEmpty)
        #expect(try copy.cases().first?.attributes.map(\.key) == ["employees"])
    }

    @Test(
        "settling decisions travel as a project note and in merge: neither and a coder's version come back, with who and why, once"
    )
    func settlementsTravel() throws {
        let folder = try Fixtures.folder()
        let original = try Project.create(
            at: folder.appendingPathComponent("original.db").path, codebook: DemoProject.bundledCodebook())
        try DemoProject.populate(original)
        let stretches = try Disagreement.find(original, coders: ["ana", "ben"]).filter { $0.kind != .exact }
        try #require(stretches.count >= 2)
        let neither = try original.settle(
            coders: ["ana", "ben"], document: stretches[0].document, code: stretches[0].code,
            at: stretches[0].range.start, keep: .neither, why: "a plan, not a hunch", by: "lena")
        let bens = try original.settle(
            coders: ["ana", "ben"], document: stretches[1].document, code: stretches[1].code,
            at: stretches[1].range.start, keep: .second, by: "lena")
        let qde = try RefiExport.project(original, name: "x").qde
        #expect(qde.contains("name=\"\(SettlementsText.noteName)\""))
        let path = folder.appendingPathComponent("settled.qdpx").path
        try RefiExport.writeProject(original, to: path)
        let copy = try Project.create(
            at: folder.appendingPathComponent("copy.db").path, codebook: CodebookFile(name: "empty", codes: []))
        #expect(try copy.store(try RefiImport(path: path).bundle).settlementsAdded == 2)
        func shape(_ list: [Settlement]) -> [String] {
            list.map {
                "\($0.guid)|\($0.document)|\($0.code)|\($0.range)|\($0.coders)|\($0.decision)|\($0.ranges)|\($0.who)|\($0.at)|\($0.why ?? "")"
            }
        }
        #expect(try shape(copy.settlements()) == shape([neither, bens]))
        #expect(try copy.memos(on: .project).allSatisfy { !$0.text.hasPrefix("guid\tdocument") })
        let status = try copy.buildConsensus(coders: ["ana", "ben"], writing: false)
        #expect(status.decisions == [.neither: 1, .second: 1])
        #expect(try copy.store(try RefiImport(path: path).bundle).settlementsAdded == 0)
        // Merge: the decisions and the consensus codings they keep come over, once.
        let lead = try Project.create(
            at: folder.appendingPathComponent("lead.db").path, codebook: DemoProject.bundledCodebook())
        try DemoProject.populate(lead)
        let originalPath = try #require(original.path)
        try original.close()
        let merged = try lead.merge(from: originalPath)
        #expect(merged.settlementsAdded == 2)
        #expect(try shape(lead.settlements()) == shape([neither, bens]))
        #expect(
            try lead.buildConsensus(coders: ["ana", "ben"], writing: false).decisions == [.neither: 1, .second: 1])
        #expect(try lead.merge(from: originalPath).settlementsAdded == 0)
        #expect(SettlementsText.parse("a note about decisions") == nil)
    }

    @Test(
        "merge matches codes by GUID first: a code renamed in one coder's project merges with the same code in the other's"
    )
    func mergeByGUID() throws {
        let folder = try Fixtures.folder()
        let ours = folder.appendingPathComponent("ours.db").path,
            theirs = folder.appendingPathComponent("theirs.db").path
        let base = try Project.create(at: ours, codebook: DemoProject.bundledCodebook())
        try DemoProject.populate(base)
        try base.saveCopy(to: theirs)
        let other = try Project.open(at: theirs)
        try other.renameCode("Processes/Intuiting", to: "Sensing", by: "cleo")
        try other.addCodings([
            NewCoding(document: "brw", range: TextRange(0, 10), code: "Processes/Sensing", coder: "cleo")
        ])
        try other.close()
        let codes = try base.codebook().codes.count
        let report = try base.merge(from: theirs)
        #expect(report.codesAdded.isEmpty, "\(report.codesAdded)")
        #expect(try base.codebook().codes.count == codes)
        #expect(try base.codings(CodingFilter(coders: ["cleo"], codes: ["Processes/Intuiting"])).count == 1)
    }

    @Test(
        "code points and UTF-16 positions land on the same text; nested codes, cases, memos, several codings on a selection"
    )
    func importFeatures() throws {
        let folder = try Fixtures.folder()
        let text = "Tea 👩‍👩‍👧 and 🇬🇧 cake.\r\nMore café."
        func qde(_ start: Int, _ end: Int, origin: String) -> String {
            """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.5" name="t" origin="\(origin)">
            <Users><User guid="{A1A1A1A1-0000-4000-8000-000000000001}" name="Alice"/></Users>
            <CodeBook><Codes><Code guid="C0DE0001-0000-4000-8000-000000000001" name="Food" isCodable="false" color="#F80">
            <Code guid="c0de0002-0000-4000-8000-000000000002" name="Cake/Bakes" isCodable="true"/></Code>
            <Code guid="c0de0003-0000-4000-8000-000000000003" name="Place" isCodable="true" color="#123456"/></Codes></CodeBook>
            <Variables><Variable guid="fa120001-0000-4000-8000-000000000001" name="Age" typeOfVariable="Integer"/></Variables>
            <Cases><Case guid="ca5e0001-0000-4000-8000-000000000001" name="P1"><VariableValue><VariableRef targetGUID="fa120001-0000-4000-8000-000000000001"/><IntegerValue>42</IntegerValue></VariableValue><SourceRef targetGUID="5005ce01-0000-4000-8000-000000000001"/></Case></Cases>
            <Sources><TextSource guid="5005ce01-0000-4000-8000-000000000001" name="interview" plainTextPath="internal://5005ce01-0000-4000-8000-000000000001.txt">
            <PlainTextSelection guid="5e1e0001-0000-4000-8000-000000000001" name="cake" startPosition="\(start)" endPosition="\(end)" creatingUser="a1a1a1a1-0000-4000-8000-000000000001">
            <Coding guid="c0d10001-0000-4000-8000-000000000001"><CodeRef targetGUID="c0de0002-0000-4000-8000-000000000002"/></Coding>
            <Coding guid="c0d10002-0000-4000-8000-000000000002"><CodeRef targetGUID="C0DE0003-0000-4000-8000-000000000003"/></Coding>
            <NoteRef targetGUID="a07e0001-0000-4000-8000-000000000001"/></PlainTextSelection>
            </TextSource></Sources>
            <Notes><Note guid="a07e0001-0000-4000-8000-000000000001" name="n"><PlainTextContent>Why cake</PlainTextContent></Note>
            <Note guid="a07e0002-0000-4000-8000-000000000002" name="m"><PlainTextContent>About the interview</PlainTextContent></Note></Notes>
            <Links><Link guid="11111111-0000-4000-8000-000000000001" originGUID="a07e0002-0000-4000-8000-000000000002" targetGUID="5005ce01-0000-4000-8000-000000000001"/></Links>
            </Project>
            """
        }
        // "cake" starts after 4 + 5 (family: three people, two joiners) + 5 + 2 (flag) + 1 = 17 code points;
        // in UTF-16 each emoji and regional indicator counts twice: 4 + 8 + 5 + 4 + 1 = 22.
        let codePoints = try Fixtures.qdpx(
            qde(17, 21, origin: "Tool"), sources: [("Sources/5005ce01-0000-4000-8000-000000000001.txt", text)],
            in: folder, name: "points.qdpx")
        let units = try Fixtures.qdpx(
            qde(22, 26, origin: "NVivo 14 for Windows"),
            sources: [("sources/5005ce01-0000-4000-8000-000000000001.txt", text)],
            in: folder, name: "units.qdpx")
        for (path, unit) in [(codePoints, "code points"), (units, "UTF-16 units")] {
            let refi = try RefiImport(path: path)
            #expect(refi.report.positions == unit)
            let project = try Project.inMemory(codebook: CodebookFile(name: "e", codes: []))
            try project.store(refi.bundle)
            let codings = try project.codings()
            #expect(codings.map(\.text) == ["cake", "cake"])
            #expect(Set(codings.map(\.code)) == ["Food/Cake-Bakes", "Place"])
            #expect(codings.allSatisfy { $0.coder == "Alice" && $0.memo == "Why cake" && $0.caseName == "P1" })
            #expect(try project.codebook().code(path: "Food")?.codable == false)
            #expect(try project.codebook().code(path: "Food")?.color == "#ff8800")
            #expect(try project.cases()[0].attributes == [CaseAttribute(key: "Age", value: .integer(42))])
            #expect(try project.memos(on: .document("interview")).map(\.text) == ["About the interview"])
            #expect(try project.document(named: "interview").text == "Tea 👩‍👩‍👧 and 🇬🇧 cake.\nMore café.")
        }
    }

    @Test(
        "every sample written by NVivo, MAXQDA, ATLAS.ti and by hand imports",
        .enabled(if: Fixtures.hasSamples, "needs ../shared/refi/samples beside the repository, or $INTERTWINE_SHARED"))
    func samples() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.samples.path).filter {
            $0.hasSuffix(".qdpx")
        }.sorted()
        #expect(files.count >= 9, "samples in \(Fixtures.samples.path)")
        for file in files {
            let refi = try RefiImport(path: Fixtures.samples.appendingPathComponent(file).path)
            let project = try Project.inMemory(codebook: CodebookFile(name: "e", codes: []))
            try project.store(refi.bundle)
            #expect(try project.codebook().codes.count == refi.report.codes, "\(file)")
            if file.hasPrefix("maxqda") { #expect(refi.report.codes == 307 && refi.report.sources == 10) }
            if file.hasPrefix("nvivo") { #expect(refi.report.codes == 262) }
        }
        let emoji = try RefiImport(path: Fixtures.samples.appendingPathComponent("tiny_emoji.qdpx").path)
        let utf16 = try RefiImport(path: Fixtures.samples.appendingPathComponent("tiny_emoji_utf16.qdpx").path)
        #expect(emoji.bundle.codings == utf16.bundle.codings)
        let two = try RefiImport(path: Fixtures.samples.appendingPathComponent("tiny_2codings_1sel.qdpx").path)
        #expect(Set(two.bundle.codings.map(\.range)).count == 1 && two.bundle.codings.count == 2)
    }

    @Test(
        "codebooks (.qdc) from ATLAS.ti, Taguette and the specification import; ours validate by the same reader",
        .enabled(if: Fixtures.hasSamples, "needs ../shared/refi/samples beside the repository, or $INTERTWINE_SHARED"))
    func codebooks() throws {
        for file in try FileManager.default.contentsOfDirectory(atPath: Fixtures.samples.path).filter({
            $0.hasSuffix(".qdc")
        }) {
            let codebook = try QdcImport.read(path: Fixtures.samples.appendingPathComponent(file).path)
            #expect(!codebook.codes.isEmpty, "\(file)")
            let project = try Project.inMemory(codebook: CodebookFile(name: "e", codes: []))
            try project.importCodebook(codebook)
            #expect(try project.codebook().codes.count == codebook.flattened().count)
        }
    }

    @Test("our codebook export (.qdc) reads back as the same codebook")
    func ownCodebook() throws {
        let folder = try Fixtures.folder()
        let path = folder.appendingPathComponent("ours.qdc").path
        try Data(try RefiExport.codebook(try Fixtures.demo()).utf8).write(to: URL(fileURLWithPath: path))
        let back = try QdcImport.read(path: path)
        #expect(back.flattened().map(\.path) == (try DemoProject.bundledCodebook().flattened().map(\.path)))
    }
}

@Suite("REFI-QDA safety: crafted files give a clear error and change nothing")
struct RefiSafetyTests {
    static let minimal = """
        <?xml version="1.0" encoding="utf-8"?>
        <Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><TextSource guid="5005ce01-0000-4000-8000-000000000001" name="s" plainTextPath="internal://5005ce01-0000-4000-8000-000000000001.txt"/></Sources></Project>
        """

    func refused(_ path: String, _ check: (String) -> Bool) throws {
        let project = try Fixtures.demo()
        let before = try project.codings().count
        do {
            let refi = try RefiImport(path: path)
            try project.store(refi.bundle)
            Issue.record("accepted \(path)")
        } catch {
            #expect(check("\(error)"), "\(error)")
        }
        #expect(try project.codings().count == before)
        #expect(try project.documents().count == 3)
    }

    @Test("zip slip: entries with .. or absolute paths")
    func zipSlip() throws {
        let folder = try Fixtures.folder()
        for evil in ["../evil.txt", "/etc/evil.txt", "sources/../../evil.txt"] {
            let path = try Fixtures.zip(
                [("project.qde", Data(Self.minimal.utf8)), (evil, Data("x".utf8))], in: folder,
                name: "slip\(evil.count).qdpx")
            try refused(path) { $0.contains("zip slip") && $0.contains(evil) }
        }
    }

    @Test("zip bombs: more unpacked bytes than the limit, counted while unpacking")
    func zipBomb() throws {
        let folder = try Fixtures.folder()
        let path = try Fixtures.zip(
            [("project.qde", Data(Self.minimal.utf8)), ("sources/big.txt", Data(count: 4 << 20))], in: folder)
        #expect(throws: ExchangeError.self) { try SafeArchive(path: path, maximumBytes: 1 << 20) }
        do {
            _ = try SafeArchive(path: path, maximumBytes: 1 << 20)
        } catch {
            #expect("\(error)".contains("unpacks to more than 1 MiB"))
        }
        #expect(try SafeArchive(path: path).files.count == 2)
    }

    @Test("an entry claiming more bytes than the archive holds is refused at once (found by fuzzing: it hung)")
    func forgedSizes() throws {
        let folder = try Fixtures.folder()
        let path = try Fixtures.zip([("project.qde", Data(Self.minimal.utf8))], in: folder)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // Compressed size fields: local header at +18, central directory header at +20.
        for (signature, offset) in [([0x50, 0x4B, 0x03, 0x04] as [UInt8], 18), ([0x50, 0x4B, 0x01, 0x02], 20)] {
            guard let at = (0..<(bytes.count - 4)).first(where: { Array(bytes[$0..<$0 + 4]) == signature }) else {
                continue
            }
            for k in 0..<4 { bytes[at + offset + k] = k == 3 ? 0x7F : 0xFF }
        }
        let forged = folder.appendingPathComponent("forged.qdpx")
        try Data(bytes).write(to: forged)
        let started = Date()
        try refused(forged.path) { $0.contains("truncated or damaged") || $0.contains("not a zip") }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test(
        "an entry whose directory states a wrong unpacked size still comes back whole, or is refused by its CRC",
        arguments: [UInt32(10), 0x7FFF_FFFF])
    func forgedUnpackedSize(_ declared: UInt32) throws {
        let folder = try Fixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 % 251) })
        let path = try Fixtures.zip([("project.qde", Data(Self.minimal.utf8)), ("sources/big.txt", big)], in: folder)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // Uncompressed size of the second entry in the central directory (+24 of its header).
        let headers = (0..<(bytes.count - 4)).filter { bytes[$0..<$0 + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]) }
        for k in 0..<4 { bytes[headers[1] + 24 + k] = UInt8(truncatingIfNeeded: declared >> (8 * UInt32(k))) }
        let forged = folder.appendingPathComponent("sized.qdpx")
        try Data(bytes).write(to: forged)
        #expect(try SafeArchive(path: forged.path).files["sources/big.txt"] == big)
        // The same entry with one byte of its CRC changed is refused.
        bytes[headers[1] + 16] ^= 0xFF
        try Data(bytes).write(to: forged)
        try refused(forged.path) { $0.contains("truncated or damaged") }
    }

    @Test("two sources sharing one text file both get its text")
    func sharedTextFile() throws {
        let folder = try Fixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let qde = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project name="p" xmlns="urn:QDA-XML:project:1.0">
            <CodeBook><Codes><Code guid="c0de0001-0000-4000-8000-000000000001" name="Place" isCodable="true"/></Codes></CodeBook>
            <Sources>
            <TextSource guid="5005ce01-0000-4000-8000-000000000001" name="first" plainTextPath="internal://shared.txt">
            <PlainTextSelection guid="5e1e0001-0000-4000-8000-000000000001" startPosition="0" endPosition="5">
            <Coding guid="c0d10001-0000-4000-8000-000000000001"><CodeRef targetGUID="c0de0001-0000-4000-8000-000000000001"/></Coding>
            </PlainTextSelection></TextSource>
            <TextSource guid="5005ce02-0000-4000-8000-000000000002" name="second" plainTextPath="internal://shared.txt">
            <PlainTextSelection guid="5e1e0002-0000-4000-8000-000000000002" startPosition="7" endPosition="11">
            <Coding guid="c0d10002-0000-4000-8000-000000000002"><CodeRef targetGUID="c0de0001-0000-4000-8000-000000000001"/></Coding>
            </PlainTextSelection></TextSource>
            </Sources></Project>
            """
        let path = try Fixtures.qdpx(qde, sources: [("sources/shared.txt", "Owner\r\nmill town")], in: folder)
        let project = try Project.inMemory(codebook: CodebookFile(name: "e", codes: []))
        try project.store(try RefiImport(path: path).bundle)
        #expect(try project.document(named: "first").text == "Owner\nmill town")
        #expect(try project.document(named: "second").text == "Owner\nmill town")
        #expect(try project.codings().map(\.text).sorted() == ["Owner", "mill"])
    }

    @Test("corrupt deflate data is refused at once (a fuzzing input that made the zip library spin forever)")
    func corruptDeflate() throws {
        let path = Fixtures.root.appendingPathComponent("Tests/Fuzz/qdpx/regression-hang-corrupt-deflate.qdpx").path
        let started = Date()
        try refused(path) { $0.contains("truncated or damaged") }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test(
        "DTDs, entity declarations and malformed XML; not a zip; missing parts; dangling references; positions out of range"
    )
    func badXML() throws {
        let folder = try Fixtures.folder()
        let bomb =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<Project name=\"&lol2;\"/>"
        try refused(try Fixtures.qdpx(bomb, in: folder, name: "bomb.qdpx")) {
            $0.contains("project.qde:2") && $0.contains("DTD")
        }
        let external =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Project name=\"&x;\"/>"
        try refused(try Fixtures.qdpx(external, in: folder, name: "xxe.qdpx")) { $0.contains("DTD") }
        try refused(
            try Fixtures.qdpx(
                "<?xml version=\"1.0\"?>\n<Project name=\"x\">\n<Users>\n</Project>", in: folder, name: "broken.qdpx")
        ) {
            // The line the parser stopped on: </Project> closes while <Users> is open.
            $0.contains("project.qde:4:") && $0.contains("not well-formed")
        }
        let notZip = folder.appendingPathComponent("plain.qdpx")
        try Data("hello".utf8).write(to: notZip)
        try refused(notZip.path) { $0.contains("not a zip archive") }
        try refused(try Fixtures.zip([("other.txt", Data("x".utf8))], in: folder, name: "empty.qdpx")) {
            $0.contains("project.qde is missing")
        }
        let dangling = Self.minimal.replacingOccurrences(
            of: "/></Sources>",
            with:
                "><PlainTextSelection guid=\"5e1e0001-0000-4000-8000-000000000001\" startPosition=\"0\" endPosition=\"2\"><Coding guid=\"c0d10001-0000-4000-8000-000000000001\"><CodeRef targetGUID=\"c0de0009-0000-4000-8000-000000000009\"/></Coding></PlainTextSelection></TextSource></Sources>"
        )
        try refused(
            try Fixtures.qdpx(
                dangling, sources: [("sources/5005ce01-0000-4000-8000-000000000001.txt", "hello")], in: folder,
                name: "dangling.qdpx")
        ) {
            $0.contains("refers to a code that is not in the codebook")
        }
        let outside = dangling.replacingOccurrences(of: "endPosition=\"2\"", with: "endPosition=\"99\"")
        try refused(
            try Fixtures.qdpx(
                outside, sources: [("sources/5005ce01-0000-4000-8000-000000000001.txt", "hello")], in: folder,
                name: "outside.qdpx")
        ) {
            $0.contains("outside its text of 5 characters")
        }
    }
}

/// What other programs read from our `.qdpx`, and what they write that we must read.
@Suite("REFI-QDA as other programs read it")
struct RefiInteropTests {
    /// The demo with a memo of every kind and an integer attribute.
    static func project() throws -> Project {
        let project = try Fixtures.demo()
        try project.addMemo(on: .project, text: "Who teaches these firms?", coder: "ana")
        try project.setDocumentMemo("rsl", coder: "ben", to: "Ask about the college.")
        try project.setCaseAttributes("RSL", [CaseAttribute(key: "employees", value: .integer(42))])
        return project
    }

    static func attributes(_ tag: String, _ qde: String) -> [[String: String]] {
        var result: [[String: String]] = []
        var rest = Substring(qde)
        while let start = rest.range(of: "<\(tag) ") {
            let end = rest[start.upperBound...].firstIndex(of: ">")!
            let text = rest[start.upperBound..<end]
            var values: [String: String] = [:]
            for part in text.split(separator: "\" ") {
                let pair = part.split(separator: "=", maxSplits: 1)
                if pair.count == 2 {
                    values[String(pair[0])] = String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\"/ "))
                }
            }
            result.append(values)
            rest = rest[end...]
        }
        return result
    }

    @Test("every selection carries its coder and time as its coding does")
    func selectionCoder() throws {
        let qde = try RefiExport.project(try Self.project(), name: "x").qde
        let selections = Self.attributes("PlainTextSelection", qde), codings = Self.attributes("Coding", qde)
        #expect(selections.count == codings.count && selections.count > 80)
        for (selection, coding) in zip(selections, codings) {
            #expect(selection["creatingUser"] != nil && selection["creatingUser"] == coding["creatingUser"])
            #expect(selection["creationDateTime"] != nil && selection["creationDateTime"] == coding["creationDateTime"])
        }
    }

    @Test(
        "a coding's memo is its selection's Description (no note besides); a document's its source's; the project's the project's"
    )
    func memoPlaces() throws {
        let project = try Self.project()
        let qde = try RefiExport.project(project, name: "x").qde
        let memo = try #require(project.codings(includeText: false).first { $0.memo != nil }?.memo)
        // Written inside the selection, before its coding, as the schema orders it.
        #expect(qde.contains("<Description>\(memo)</Description>\n<Coding "))
        #expect(!qde.contains("<PlainTextContent>\(memo)"), "the coding memo is not a note too")
        #expect(
            qde.contains("plainTextPath=\"internal://")
                && qde.contains("<Description>Ask about the college.</Description>\n<PlainTextSelection"))
        #expect(
            qde.contains("</Sources>\n<Description>Who teaches these firms?</Description>\n</Project>"),
            "the project's Description, after its parts")
        #expect(!qde.contains("<PlainTextContent>Who teaches these firms?"))
        #expect(qde.contains("typeOfVariable=\"Integer\"") && qde.contains("<IntegerValue>42</IntegerValue>"))
        #expect(Self.attributes("SourceRef", qde).count == 3, "each case keeps its sources")
    }

    @Test(
        "import reads a memo wherever it is: selection and source Description, notes with and without NoteRef, the project Description; and counts them"
    )
    func memoEverywhere() throws {
        let folder = try Fixtures.folder()
        let qde = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="t" creatingUserGUID="a1a1a1a1-0000-4000-8000-000000000001">
            <Users><User guid="a1a1a1a1-0000-4000-8000-000000000001" name="Alice"/><User guid="b2b2b2b2-0000-4000-8000-000000000002" name="Bob"/></Users>
            <CodeBook><Codes><Code guid="c0de0001-0000-4000-8000-000000000001" name="Food" isCodable="true"/></Codes></CodeBook>
            <Sources>
            <TextSource guid="5005ce01-0000-4000-8000-000000000001" name="interview1" plainTextPath="internal://5005ce01-0000-4000-8000-000000000001.txt" creatingUser="b2b2b2b2-0000-4000-8000-000000000002">
            <Description>Recorded in the bakery.</Description>
            <PlainTextSelection guid="5e1e0001-0000-4000-8000-000000000001" name="bread" startPosition="6" endPosition="11" creatingUser="a1a1a1a1-0000-4000-8000-000000000001">
            <Description>Bread as identity.</Description>
            <Coding guid="c0d10001-0000-4000-8000-000000000001"><CodeRef targetGUID="c0de0001-0000-4000-8000-000000000001"/></Coding>
            <NoteRef targetGUID="a07e0001-0000-4000-8000-000000000001"/>
            </PlainTextSelection>
            <PlainTextSelection guid="5e1e0002-0000-4000-8000-000000000002" name="bread" startPosition="6" endPosition="11" creatingUser="b2b2b2b2-0000-4000-8000-000000000002">
            <Coding guid="c0d10002-0000-4000-8000-000000000002"><CodeRef targetGUID="c0de0001-0000-4000-8000-000000000001"/></Coding>
            </PlainTextSelection>
            </TextSource></Sources>
            <Notes>
            <Note guid="a07e0001-0000-4000-8000-000000000001" name="n1" creatingUser="a1a1a1a1-0000-4000-8000-000000000001"><PlainTextContent>Bread as identity.</PlainTextContent></Note>
            <Note guid="a07e0002-0000-4000-8000-000000000002" name="Journal" creatingUser="b2b2b2b2-0000-4000-8000-000000000002"><PlainTextContent>Day one: two bakeries.</PlainTextContent></Note>
            </Notes>
            <Description>A study of bakeries.</Description>
            </Project>
            """
        let path = try Fixtures.qdpx(
            qde, sources: [("sources/5005ce01-0000-4000-8000-000000000001.txt", "Fresh bread daily.")], in: folder)
        let refi = try RefiImport(path: path)
        // Two coders' codings of the same span with the same code are two codings, each with its coder.
        #expect(refi.bundle.codings.map(\.coder).sorted() == ["Alice", "Bob"])
        #expect(
            refi.bundle.codings.first { $0.coder == "Alice" }?.memo == "Bread as identity.",
            "Description and note with the same text: one memo")
        #expect(refi.report.memos == 4) // the coding's, the source's, the journal note, the project's
        #expect(refi.report.skipped.contains { $0.contains("1 note attached to nothing intertwine keeps") })
        let project = try Project.create(
            at: folder.appendingPathComponent("t.db").path, codebook: CodebookFile(name: "empty", codes: []))
        try project.store(refi.bundle)
        #expect(
            try project.memos(on: .document("interview1")).map { "\($0.coder ?? "-"): \($0.text)" } == [
                "Bob: Recorded in the bakery."
            ])
        #expect(Set(try project.memos(on: .project).map(\.text)) == ["Day one: two bakeries.", "A study of bakeries."])
        #expect(try project.codings(includeText: false).count == 2)
    }

    @Test("the round trip keeps every coder, coding, memo and attribute type")
    func roundTrip() throws {
        let folder = try Fixtures.folder()
        let original = try Self.project()
        let path = folder.appendingPathComponent("rt.qdpx").path
        try RefiExport.writeProject(original, to: path)
        let copy = try Project.create(
            at: folder.appendingPathComponent("copy.db").path, codebook: CodebookFile(name: "empty", codes: []))
        let refi = try RefiImport(path: path)
        try copy.store(refi.bundle)
        func codings(_ p: Project) throws -> [String] {
            try p.codings(includeText: false).map {
                "\($0.document)|\($0.start)|\($0.end)|\($0.code)|\($0.coder)|\($0.memo ?? "")"
            }.sorted()
        }
        #expect(try codings(copy) == codings(original))
        #expect(try copy.coders().sorted() == original.coders().sorted())
        #expect(try copy.memos(on: .project).map(\.text) == original.memos(on: .project).map(\.text))
        #expect(try copy.memos(on: .document("rsl")).map(\.text) == ["Ask about the college."])
        #expect(
            try copy.cases().first { $0.name == "RSL" }?.attributes.first { $0.key == "employees" }?.value
                == .integer(42))
        let memos = try original.codings(includeText: false).filter { $0.memo != nil }.count + 2
        #expect(refi.report.memos == memos)
    }
}
