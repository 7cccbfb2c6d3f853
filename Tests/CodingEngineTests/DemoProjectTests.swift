import CodingEngine
import Foundation
import Testing
import TestSupport

@Suite("The bundled demo")
struct DemoProjectTests {
    @Test("the bundled transcripts and codings are the files in transcripts/")
    func bundledMatchesRepository() throws {
        for path in DemoProject.transcriptPaths + [DemoProject.codingsPath] {
            let onDisk = try String(contentsOf: Support.root.appendingPathComponent(path), encoding: .utf8)
            #expect(BundledFiles.contents[path] == onDisk, "\(path) changed: run scripts/bundle-resources")
        }
    }

    @Test("every project made from a bundled codebook gives each code the same GUID, so a merge matches a renamed code")
    func stableCodeGUIDs() throws {
        let folder = try Support.temporaryFolder()
        let first = try Project.create(
            at: folder.appendingPathComponent("a.db").path, codebook: DemoProject.bundledCodebook())
        let second = try Project.create(
            at: folder.appendingPathComponent("b.db").path, codebook: DemoProject.bundledCodebook())
        let guids = try first.codebook().codes.map(\.guid)
        #expect(
            guids == (try second.codebook().codes.map(\.guid)) && Set(guids).count == guids.count && !guids.contains("")
        )
        #expect(
            try Project.create(
                at: folder.appendingPathComponent("c.db").path, codebook: DemoProject.bundledCodebook("4i")
            ).codebook()
                .codes.first { $0.path == "Processes/Intuiting" }?.guid != guids[1])
        // ben renames a code in his copy; merged, his codings land on the lead's code of the same GUID.
        let transcript = try Support.write("A: we just knew something was wrong", "K/d.txt", in: folder)
        try first.importTranscripts([transcript])
        try second.importTranscripts([transcript])
        try second.renameCode("Processes/Intuiting", to: "Sensing", by: "ben")
        try second.addCodings(document: "d", ranges: [TextRange(3, 10)], code: "Processes/Sensing", coder: "ben")
        let secondPath = try #require(second.path)
        try second.close()
        let report = try first.merge(from: secondPath)
        #expect(report.codesAdded.isEmpty && report.codingsAdded == 1)
        #expect(try first.codings(CodingFilter(coders: ["ben"])).map(\.code) == ["Processes/Intuiting"])
    }

    @Test("three cases with the paper's attributes, interviews of 1,500 to 3,000 words with speaker turns")
    func interviews() throws {
        let project = try Support.project()
        try DemoProject.populate(project)
        let cases = try project.cases()
        #expect(cases.map(\.name) == ["BRW", "DMF", "RSL"])
        let learning = Dictionary(
            uniqueKeysWithValues: cases.map { c in (c.name, c.attributes.first { $0.key == "learning_type" }?.value) })
        #expect(learning == ["BRW": .text("Normative"), "RSL": .text("Mimetic"), "DMF": .text("Coercive")])
        for c in cases {
            let keys = Set(c.attributes.map(\.key))
            #expect(
                keys.isSuperset(of: [
                    "turnover", "age", "employees", "products", "sector", "customers", "learning_type",
                ]), "\(c.name)")
        }
        for info in try project.documents() {
            let words = try project.document(named: info.name).text.split(whereSeparator: \.isWhitespace).count
            #expect((1500...3000).contains(words), "\(info.name) has \(words) words")
            #expect(info.speakers.first == "Interviewer")
            #expect(info.speakers.count >= 2)
            #expect(info.turnCount > 30)
        }
        #expect(
            try project.documents().first { $0.name == "dmf" }?.speakers == [
                "Interviewer", "Martin Francis", "Gareth Williams",
            ])
    }

    @Test("at least 60 codings by ana and ben, every quote placed, with disagreements in boundaries and in codes")
    func codings() throws {
        let project = try Support.project()
        try DemoProject.populate(project)
        let codings = try project.codings()
        #expect(codings.count >= 60)
        #expect(Set(codings.map(\.coder)) == ["ana", "ben"])
        #expect(Set(codings.map(\.document)) == ["brw", "rsl", "dmf"])
        let anchored = try AnchoredCodings.parse(BundledFiles.contents[DemoProject.codingsPath]!, file: "demo")
        #expect(Set(codings.map(\.text)) == Set(anchored.entries.map(\.quote)))
        let ana = codings.filter { $0.coder == "ana" }, ben = codings.filter { $0.coder == "ben" }
        // Same code, overlapping but different boundaries.
        let boundary = ana.contains { a in
            ben.contains { b in
                a.document == b.document && a.code == b.code && a.range.overlaps(b.range) && a.range != b.range
            }
        }
        // Same passage, different code.
        let choice = ana.contains { a in
            ben.contains { b in a.document == b.document && a.range == b.range && a.code != b.code }
        }
        // Passages only one coder coded with a code.
        let onlyOne = ana.contains { a in
            !ben.contains { b in a.document == b.document && a.code == b.code && a.range.overlaps(b.range) }
        }
        #expect(boundary && choice && onlyOne)
    }

    @Test("a quote is placed by its only or its Nth occurrence, and refused when ambiguous or absent")
    func anchors() {
        let text = ScalarText("we learnt, 🇬🇧 we learnt again")
        #expect(AnchoredCodings.locate("we learnt", in: text) == nil)
        #expect(AnchoredCodings.locate("we learnt", in: text, occurrence: 2) == TextRange(14, 23))
        #expect(AnchoredCodings.locate("again", in: text) == TextRange(24, 29))
        #expect(AnchoredCodings.locate("absent", in: text) == nil)
    }

    @Test("openOrCreate builds the demo file once and reopens it afterwards")
    func openOrCreate() throws {
        let folder = try Support.temporaryFolder()
        let path = folder.appendingPathComponent("data/intertwine/demo.db").path
        let first = try DemoProject.openOrCreate(at: path)
        #expect(first.created)
        #expect(try first.project.codings().count >= 60)
        let second = try DemoProject.openOrCreate(at: path)
        #expect(!second.created)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent).filter {
                $0.contains("partial")
            }.isEmpty)
        #expect(DemoProject.defaultPath(environment: ["XDG_DATA_HOME": "/x"]) == "/x/intertwine/demo.db")
        #expect(DemoProject.defaultPath(environment: ["HOME": "/home/r"]) == "/home/r/.local/share/intertwine/demo.db")
    }
}
