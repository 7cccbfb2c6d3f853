@testable import CodingEngine
import Foundation
import Testing
import TestSupport

@Suite("Recordings: named in front matter, found on disk, the stretch of a turn")
struct RecordingFileTests {
    @Test("media: in the front matter is a document property, not a case attribute")
    func frontMatter() throws {
        let (front, _) = try FrontMatter.split(
            "---\ncase: Firm\nmedia: interviews/brw.m4a\nsector: retail\n---\nOwner: hi\n", path: "t.txt")
        #expect(front?.documentProperties == [CaseAttribute(key: "media", value: .text("interviews/brw.m4a"))])
        #expect(front?.caseAttributes.map(\.key) == ["sector"])
        #expect(Recording.named(in: front?.documentProperties ?? []) == "interviews/brw.m4a")
    }

    @Test("a recording is found beside the transcript, then the project, then here; an absolute path as it is")
    func locate() throws {
        let root = try Support.temporaryFolder("intertwine-locate")
        let transcripts = root.appendingPathComponent("transcripts"), projects = root.appendingPathComponent("projects")
        for folder in [transcripts, projects] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try Data([1]).write(to: projects.appendingPathComponent("a.mp3"))
        let transcript = transcripts.appendingPathComponent("a.txt").path,
            project = projects.appendingPathComponent("s.db").path
        #expect(
            try Recording.locate("a.mp3", transcript: transcript, project: project)
                == projects.appendingPathComponent("a.mp3").path)
        try Data([1]).write(to: transcripts.appendingPathComponent("a.mp3"))
        #expect(
            try Recording.locate("a.mp3", transcript: transcript, project: project)
                == transcripts.appendingPathComponent("a.mp3").path)
        #expect(
            try Recording.locate(transcripts.appendingPathComponent("a.mp3").path, transcript: nil, project: nil)
                == transcripts.appendingPathComponent("a.mp3").path)
        #expect(
            throws: Recording.Problem.notFound(name: "b.mp3", looked: [transcripts.path, projects.path, root.path])
        ) {
            try Recording.locate("b.mp3", transcript: transcript, project: project, currentFolder: root.path)
        }
        // A folder whose name holds # (not an archive's entry): the recording beside the transcript is found.
        let hashed = root.appendingPathComponent("wave #2")
        try FileManager.default.createDirectory(at: hashed, withIntermediateDirectories: true)
        try Data([1]).write(to: hashed.appendingPathComponent("h.txt"))
        try Data([1]).write(to: hashed.appendingPathComponent("h.mp3"))
        #expect(
            try Recording.locate("h.mp3", transcript: hashed.appendingPathComponent("h.txt").path, project: nil)
                == hashed.appendingPathComponent("h.mp3").path)
        #expect(
            Recording.containerPath(root.appendingPathComponent("study.qdpx").path + "#sources/x.txt")
                == root.appendingPathComponent("study.qdpx").path)
        // The file beside a subtitle file with its name.
        #expect(Recording.sibling(of: transcripts.appendingPathComponent("a.vtt").path) == "a.mp3")
        #expect(Recording.sibling(of: transcripts.appendingPathComponent("c.vtt").path) == nil)
    }

    @Test("a turn plays from its time to its end time, else to the next time given, else to the end")
    func stretch() throws {
        func turn(_ i: Int, _ start: Double?, _ end: Double? = nil) -> Turn {
            Turn(
                index: i, speaker: "A", start: i * 10, speechStart: i * 10 + 3, end: i * 10 + 9, startTime: start,
                endTime: end)
        }
        let turns = [turn(1, 5, 8.5), turn(2, 9), turn(3, nil), turn(4, 70), turn(5, 80)]
        #expect(try Recording.stretch(of: 0, in: turns) == (5, 8.5))
        #expect(try Recording.stretch(of: 1, in: turns) == (9, 70))
        #expect(try Recording.stretch(of: 4, in: turns) == (80, nil))
        #expect(throws: Recording.Problem.noTime(turn: 3)) { try Recording.stretch(of: 2, in: turns) }
    }
}
