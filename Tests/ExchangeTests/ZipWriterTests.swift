import Exchange
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
        let entries: [(String, Data)] = [("project.qde", Data(big)), ("sources/empty.txt", Data()),
                                         ("sources/Zoë.txt", Data("Interviewer: Café?\n".utf8))]
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
}
