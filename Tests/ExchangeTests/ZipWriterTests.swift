@testable import Exchange
import Foundation
import Testing
import ZIPFoundation

/// The archives intertwine writes, read back by an independent zip library (which
/// checks every CRC-32): entries larger than one deflated piece, empty ones, names
/// outside ASCII.
@Suite struct ZipWriterTests {
    @Test func anotherLibraryReadsEveryEntryBackExactly() throws {
        var generator = SystemRandomNumberGenerator()
        // 9.5 MB of text-like bytes: three pieces deflated apart and joined.
        let words = ["learning ", "the ", "quality ", "audit ", "consultant ", "café ", "学习 ", "🙂 ", "\n"]
        var big = [UInt8]()
        while big.count < 9_500_000 { big += Array(words[Int.random(in: 0..<words.count, using: &generator)].utf8) }
        let entries: [(String, Data)] = [
            ("project.qde", Data(big)), ("sources/empty.txt", Data()),
            ("sources/Zoë.txt", Data("Interviewer: Café?\n".utf8)),
        ]
        let folder = try Fixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("t.qdpx")
        try RefiExport.archive(entries, dated: "2026-12-02T10:20:30Z").write(to: url)

        let archive = try Archive(url: url, accessMode: .read)
        #expect(Array(archive).map(\.path) == entries.map(\.0))
        for (name, data) in entries {
            let entry = try #require(archive[name])
            var read = Data()
            _ = try archive.extract(entry, skipCRC32: false) { read.append($0) }
            #expect(read == data, "\(name) came back different")
        }
        // The same entries give the same bytes.
        #expect(try RefiExport.archive(entries, dated: "2026-12-02T10:20:30Z") == (try Data(contentsOf: url)))
    }

    /// An export hands `project.qde` over in parts as it is made, and the sources
    /// between them: the entry comes back whole, in its reserved place.
    @Test func anEntryGivenInPartsComesBackWhole() throws {
        let parts: [[UInt8]] = [
            Array(repeating: UInt8(ascii: "a"), count: 3_000_000),
            Array("<Coding guid=\"x\"/>\n".utf8) + Array(repeating: UInt8(ascii: "b"), count: 5_000_000),
            Array("</Project>\n".utf8),
        ]
        let archive = ZipWriter.Deflating()
        let place = archive.reserve("project.qde")
        archive.add("sources/one.txt", Array("Owner: We learnt from the consultant.\n".utf8))
        archive.append(place, parts[0])
        archive.add("sources/two.txt", [])
        archive.append(place, parts[1])
        archive.fill(place, parts[2])
        let folder = try Fixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("parts.qdpx")
        try Data(try archive.finish(dated: Date(timeIntervalSince1970: 1_800_000_000))).write(to: url)

        let read = try Archive(url: url, accessMode: .read)
        #expect(Array(read).map(\.path) == ["project.qde", "sources/one.txt", "sources/two.txt"])
        var qde = Data()
        _ = try read.extract(try #require(read["project.qde"]), skipCRC32: false) { qde.append($0) }
        #expect(qde == Data(parts.flatMap { $0 }))
    }

    @Test func anEntryNeverFilledIsAnErrorNotAnArchive() throws {
        let archive = ZipWriter.Deflating()
        _ = archive.reserve("project.qde")
        #expect(throws: (any Error).self) { try archive.finish(dated: Date()) }
    }
}
