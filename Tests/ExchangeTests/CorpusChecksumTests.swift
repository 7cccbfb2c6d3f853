import BenchCorpus
import CodingEngine
import Crypto
import Exchange
import Foundation
import Testing

/// The stored texts, turns and codings of a seeded benchmark corpus, as checksums
/// committed before the import and exchange paths were made fast: every
/// optimisation must keep them byte-identical.
@Suite struct CorpusChecksumTests {
    /// What was stored, one SHA-256 per kind of record.
    struct Checksums: Equatable, CustomStringConvertible {
        var texts: String
        var turns: String
        var codings: String
        var cases: String
        var description: String { "texts \(texts)\nturns \(turns)\ncodings \(codings)\ncases \(cases)" }
    }

    /// Committed on 2026-12-02, before the speed work of issue 15.
    static let committed = Checksums(
        texts: "d9819105f20886a1a25f3c08953636558bc3858b94dcaed0477d2866e8c73225",
        turns: "9ebf849db6f56e0d9076134fd40231559a2eced705a45a15e850a8fec34692db",
        codings: "5fde97e3d3b48cc50ae124c80f18fdaff9493a5026b61b07d6b9d80a9960547a",
        cases: "35c8fdce2c1aa9f4956f1ae499aaeacbdc8118f255e74337682dd94df1a2cada")

    /// Files beside the corpus that exercise the rules of stored text: CRLF and CR
    /// line ends, byte-order marks, front matter closed by `...`, no front matter.
    static let edgeFiles: [(String, [UInt8])] = [
        (
            "edge/crlf.txt",
            Array("---\r\ncase: edge\r\nemployees: 7\r\n---\r\nInterviewer: Café?\r\nOwner: Oui, 学习 🙂.\r\n".utf8)
        ),
        (
            "edge/bom.txt",
            [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("Interviewer: Twice marked.\nOwner: Yes.\n".utf8)
        ),
        ("edge/cr.md", Array("---\rcase: edge\r...\rInterviewer: Old Mac\rOwner: line ends\r".utf8)),
        ("edge/plain.txt", Array("No turns here, just e\u{301}te and 👩‍👩‍👧 text.\n\n\nAnd a second paragraph.".utf8)),
    ]

    @Test func importAndRoundTripKeepTheCommittedChecksums() throws {
        let folder = try Fixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpusFolder = folder.appendingPathComponent("corpus")
        var corpus = SyntheticCorpus(interviews: 40, wordsPerInterview: 2_000)
        _ = try corpus.write(to: corpusFolder)
        for (name, bytes) in Self.edgeFiles {
            let url = corpusFolder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let project = try Project.create(
            at: folder.appendingPathComponent("corpus.db").path, codebook: DemoProject.bundledCodebook())
        try project.importTranscripts([corpusFolder.path])
        let documents = try project.documents().filter { $0.caseName != "edge" }
        try project.addCodings(try SyntheticCodings.make(project, documents: documents, count: 3_000))
        let imported = try Self.checksums(project)
        #expect(imported == Self.committed, "stored records changed:\n\(imported)")

        let qdpx = folder.appendingPathComponent("corpus.qdpx").path
        _ = try RefiExport.writeProject(project, to: qdpx)
        let copy = try Project.create(
            at: folder.appendingPathComponent("copy.db").path, codebook: CodebookFile(name: "e", codes: []))
        _ = try RefiImport.store(qdpx, into: copy)
        let roundTrip = try Self.checksums(copy)
        #expect(roundTrip.texts == imported.texts)
        #expect(roundTrip.turns == imported.turns)
        #expect(roundTrip.codings == imported.codings)
    }

    /// One SHA-256 per kind of record, over fields in a fixed order (GUIDs and times,
    /// which are new on every import, left out).
    static func checksums(_ project: Project) throws -> Checksums {
        var texts = SHA256(), turns = SHA256(), codings = SHA256(), cases = SHA256()
        func add(_ hash: inout SHA256, _ fields: [String]) {
            hash.update(data: Array((fields.joined(separator: "\u{1F}") + "\u{1E}").utf8))
        }
        for info in try project.documents().sorted(by: { $0.name < $1.name }) {
            let document = try project.document(named: info.name)
            add(&texts, [info.name, info.caseName, String(info.length), info.sha256, document.text])
            for turn in document.turns {
                add(
                    &turns,
                    [
                        info.name, String(turn.index), turn.speaker ?? "-", String(turn.start),
                        String(turn.speechStart), String(turn.end),
                        turn.startTime.map { String($0) } ?? "-", turn.endTime.map { String($0) } ?? "-",
                    ])
            }
        }
        let listed = try project.codings(CodingFilter(), includeText: true)
            .sorted {
                ($0.document, $0.start, $0.end, $0.code, $0.coder) < ($1.document, $1.start, $1.end, $1.code, $1.coder)
            }
        for coding in listed {
            add(
                &codings,
                [coding.document, String(coding.start), String(coding.end), coding.code, coding.coder, coding.text])
        }
        for info in try project.cases().sorted(by: { $0.name < $1.name }) {
            add(&cases, [info.name] + info.attributes.flatMap { [$0.key, $0.value.typeName, $0.value.description] })
        }
        func hex(_ hash: SHA256) -> String { hash.finalize().map { String(format: "%02x", $0) }.joined() }
        return Checksums(texts: hex(texts), turns: hex(turns), codings: hex(codings), cases: hex(cases))
    }
}
