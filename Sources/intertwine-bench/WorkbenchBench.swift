import CodingEngine
import Foundation
import BenchCorpus
import Workbench

/// Workbench speed, headless: opening a large transcript, and the time from a key
/// press to a rendered frame (reducer, effects and view), as the terminal would draw it.
enum WorkbenchBench {
    struct Figures {
        var transcriptBytes: Int
        var codings: Int
        var openSeconds: Double
        var keystrokes: Int
        var medianFrameSeconds: Double
        var p99FrameSeconds: Double
    }

    static func run(folder: URL, bytes: Int = 1_000_000, codings codingCount: Int = 5_000) throws -> Figures {
        // One long interview of about `bytes` bytes.
        var corpus = SyntheticCorpus(interviews: 1, wordsPerInterview: bytes / 6)
        let corpusFolder = folder.appendingPathComponent("workbench-corpus")
        let written = try corpus.write(to: corpusFolder)
        let path = folder.appendingPathComponent("workbench.db").path
        let project = try Project.create(at: path, codebook: DemoProject.bundledCodebook())
        try project.importTranscripts([corpusFolder.path])
        let documents = try project.documents()
        let codings = try SyntheticCodings.make(project, documents: documents, count: codingCount)
        try project.addCodings(codings)
        try project.close()

        let measured = try measure(projectAt: path)
        return Figures(
            transcriptBytes: written, codings: codings.count, openSeconds: measured.openSeconds,
            keystrokes: measured.keystrokes,
            medianFrameSeconds: measured.medianFrameSeconds, p99FrameSeconds: measured.p99FrameSeconds)
    }

    /// The workbench on the project file at `path`, headless: opening it at its first
    /// document (the project, its codebook, the document's text and codings, the first
    /// frame), then a reading and coding session's keys, each to its rendered frame.
    static func measure(projectAt path: String, coder: String = "ana") throws -> (
        openSeconds: Double, countsSeconds: Double, keystrokes: Int,
        medianFrameSeconds: Double, p99FrameSeconds: Double
    ) {
        var opened: Session?
        let openTime = try Bench.time {
            let project = try Project.open(at: path)
            let session = Session(
                store: project, coder: coder, projectName: URL(fileURLWithPath: path).lastPathComponent, width: 120,
                height: 40)
            _ = session.render()
            opened = session
        }
        guard let session = opened else { throw CocoaError(.featureUnsupported) }
        // A large project's counts come after its first frame, read on another thread.
        let countsTime =
            openTime
            + Bench.time {
                session.waitForCounts()
                _ = session.render()
            }
        // A reading and coding session: move, select, code, undo, jump between passages.
        let script =
            String(repeating: "jjjjwwwwbb)}(]][", count: 20) + String(repeating: "<PgDn>}t1u", count: 15)
            + String(repeating: "kkkk{{<PgUp>", count: 10) + "G" + String(repeating: "k", count: 30) + "g"
        let frames = keyToFrame(session, script)
        return (openTime, countsTime, frames.keys, frames.median, frames.p99)
    }

    /// The review screen on a project with pending proposals: `A`'s frame, then a script
    /// of skips, accepts and undos, each key to its frame.
    static func measureReview(projectAt path: String, coder: String = "ana") throws -> (
        openSeconds: Double, keystrokes: Int, medianFrameSeconds: Double, p99FrameSeconds: Double
    ) {
        let project = try Project.open(at: path)
        let session = Session(store: project, coder: coder, projectName: "review", width: 120, height: 40)
        _ = session.render()
        let open = Bench.time {
            session.dispatch(.key(Key.script("A")[0]))
            _ = session.render()
        }
        let frames = keyToFrame(session, String(repeating: "ssssyupss", count: 20))
        return (open, frames.keys, frames.median, frames.p99)
    }

    /// Each key of a script dispatched and its frame rendered: how many, the median and
    /// the 99th percentile.
    static func keyToFrame(_ session: Session, _ script: String) -> (keys: Int, median: Double, p99: Double) {
        var frames: [Double] = []
        for key in Key.script(script) {
            frames.append(
                Bench.time {
                    session.dispatch(.key(key))
                    _ = session.render()
                })
        }
        frames.sort()
        return (frames.count, frames[frames.count / 2], frames[min(frames.count - 1, Int(Double(frames.count) * 0.99))])
    }
}
