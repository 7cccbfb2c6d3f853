import CodingEngine
import Foundation

/// A REFI-QDA project read as a `BundleStream`: `project.qde` is parsed on a thread
/// of its own, the text files are read on another (`RefiText.Reading`), and each
/// source is handed over as its XML closes, so the caller stores one while the next
/// are still being parsed. `finish()` stops the reading and waits for its threads.
///
/// A file whose users, codebook or cases come after its sources (the schema orders
/// them before) cannot be read so: the stream throws `OutOfOrder`, and it is read
/// again `.whole`, parsed completely before anything is handed over.
final class RefiStream: BundleStream, @unchecked Sendable {
    enum Mode { case asItCloses, whole }
    /// The parts before the sources came after them.
    struct OutOfOrder: Error {}

    private enum Piece: Sendable {
        case opening(ProjectBundle)
        case document(Transcript?, [NewCoding])
        case closing(ProjectBundle, RefiImport.Report)
        case failed(Error)
    }
    /// A few sources read ahead at most.
    private let handoff = Handoff<Piece>(capacity: 8)
    private let finished = DispatchGroup()
    /// Codings handed over with a source that had no text, stored with the next document.
    private var carried: [NewCoding] = []
    private var closingPiece: ProjectBundle?
    /// What came in and what was skipped (complete once `closing()` has returned).
    private(set) var report = RefiImport.Report()
    let expectedDocuments: Int

    /// Opens the archive at `path` and starts reading it.
    init(path: String, mode: Mode) throws {
        var archive = try SafeArchive(path: path)
        guard let qdeName = archive.files.keys.first(where: { $0.lowercased().hasSuffix(".qde") && !$0.contains("/") })
        else {
            throw ExchangeError.missingPart(path: path, part: "project.qde")
        }
        // The text files are read on another thread while the document is parsed.
        let reading = RefiText.Reading(&archive)
        expectedDocuments = reading.count
        // The document is taken out of the archive, so that its memory goes once it is parsed.
        guard let document = archive.take(qdeName) else {
            throw ExchangeError.missingPart(path: path, part: "project.qde")
        }
        let qde = QDE(document)
        let reader = RefiReader(path: path, part: qdeName, archive: archive, reading: reading)
        let handoff = self.handoff
        finished.enter()
        let thread = Thread { [finished] in
            Self.read(qde, reader, mode: mode, into: handoff, path: path, part: qdeName)
            finished.leave()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The document's bytes, let go once parsed.
    private final class QDE: @unchecked Sendable {
        var data: Data?
        init(_ data: Data) { self.data = data }
    }

    /// Parses the document on the reading thread, handing over each piece.
    private static func read(
        _ qde: QDE, _ reader: RefiReader, mode: Mode, into handoff: Handoff<Piece>, path: String, part: String
    ) {
        do {
            let builder = RefiSelections()
            var failure: Error?
            var opened = false
            if mode == .asItCloses {
                builder.sourcesOpened = { root in
                    opened = true
                    do { return handoff.give(.opening(try reader.opening(root))) } catch {
                        failure = error; return false
                    }
                }
                builder.sourceClosed = { element, selections in
                    do {
                        guard let piece = try reader.source(element, selections) else { return true }
                        return handoff.give(.document(piece.transcript, piece.codings))
                    } catch { failure = error; return false }
                }
            }
            let root: XMLTree
            do {
                guard let data = qde.data else { throw ExchangeError.missingPart(path: path, part: part) }
                root = try builder.tree(of: data, part: part)
                qde.data = nil
            } catch let error as XMLTree.ParseError {
                if let failure { throw failure }
                if builder.outOfOrder { throw OutOfOrder() }
                if handoff.isClosed { return }
                throw ExchangeError.xml(path: path, error)
            }
            if !opened {
                guard handoff.give(.opening(try reader.opening(root))) else { return }
                for element in root.first("Sources")?.children ?? [] {
                    guard let piece = try reader.source(element, builder.selections(of: element)) else { continue }
                    guard handoff.give(.document(piece.transcript, piece.codings)) else { return }
                }
            }
            let closing = try reader.closing(root)
            _ = handoff.give(.closing(closing, reader.report))
        } catch {
            _ = handoff.give(.failed(error))
        }
    }

    /// The next piece; a failure on the reading thread is thrown here.
    private func take() throws -> Piece {
        guard let piece = handoff.take() else { throw CancellationError() }
        if case .failed(let error) = piece { throw error }
        return piece
    }

    func opening() throws -> ProjectBundle {
        guard case .opening(let bundle) = try take() else { throw CancellationError() }
        return bundle
    }

    func nextDocument() throws -> (transcript: Transcript, codings: [NewCoding])? {
        while true {
            switch try take() {
            case .document(let transcript?, let codings):
                defer { carried = [] }
                return (transcript, carried + codings)
            case .document(nil, let codings):
                carried += codings
            case .closing(let bundle, let report):
                closingPiece = bundle
                self.report = report
                return nil
            case .opening, .failed:
                throw CancellationError()
            }
        }
    }

    func closing() throws -> ProjectBundle {
        guard var bundle = closingPiece else { throw CancellationError() }
        bundle.codings = carried + bundle.codings
        carried = []
        return bundle
    }

    /// The whole project as one bundle.
    func collect() throws -> ProjectBundle {
        var bundle = try opening()
        while let (transcript, codings) = try nextDocument() {
            bundle.transcripts.append(transcript)
            bundle.codings += codings
        }
        let closing = try closing()
        bundle.codings += closing.codings
        (bundle.memos, bundle.history, bundle.queries, bundle.coders) = (
            closing.memos, closing.history, closing.queries, closing.coders
        )
        bundle.settlements = closing.settlements
        return bundle
    }

    /// Stops reading (when the caller stopped early) and waits for the reading thread.
    func finish() {
        handoff.close()
        finished.wait()
    }
}
