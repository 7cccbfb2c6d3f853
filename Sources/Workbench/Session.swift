import CodingEngine
import Foundation

/// A running workbench without a terminal: the state, the store, and the loop that
/// feeds keys to the reducer and carries out its effects. The ncurses front end and
/// the tests both drive a `Session`.
public final class Session {
    public private(set) var state: State
    let store: any WorkbenchStore
    /// Starts the recordings' player on a file from `start` to `end` seconds, without
    /// waiting for it. The workbench never starts a process itself: the executable
    /// gives it mpv found on its `PATH`, tests their own; without one, P says there is
    /// no player.
    public var play: Playing = Session.noPlayer
    /// How a recording is played: the file, and the stretch in seconds.
    public typealias Playing = (_ file: String, _ start: Double, _ end: Double?) throws(Recording.Problem) -> Void
    /// Whether other coders' writes arrive as they are made (a team project): the
    /// terminal then looks for them several times a second.
    public var isLive: Bool { state.server != nil }
    /// Called after every write (the terminal front end keeps rolling backups with it).
    public var afterWrite: (() -> Void)?
    private var seenVersion: Int?
    /// Projects with more codings than this open at once and read the coder's share of
    /// each document and counts per code on another thread; smaller ones before the
    /// first frame.
    public let countsInBackgroundAbove: Int
    private let background = BackgroundCounts()
    /// Writes this session has seen (its own, and other coders' while counts are
    /// read on another thread): counts read across one are read again.
    private var writes = 0

    public init(
        store: any WorkbenchStore, coder: String, projectName: String, width: Int, height: Int, colors: Bool = true,
        colorCount: Int = 256, countsInBackgroundAbove: Int = 100_000
    ) {
        self.store = store
        self.countsInBackgroundAbove = countsInBackgroundAbove
        state = State(width: width, height: height, coder: coder, projectName: projectName)
        state.colors = colors
        state.colorCount = colors ? colorCount : 0
        seenVersion = try? store.dataVersion()
        state.server = store.serverConnected()
        dispatch(.resize(width: width, height: height))
        perform(.loadProject)
    }

    /// Feeds one action through the reducer and carries out what it asks.
    public func dispatch(_ action: Action) {
        let effects = Reducer.reduce(&state, action)
        for effect in effects { perform(effect) }
    }

    /// Presses keys in order.
    public func press(_ keys: [Key]) {
        for key in keys { dispatch(.key(key)) }
    }

    /// Presses the keys of a script such as `"t1"` or `"c<Enter>"` (see `Key.script`).
    public func type(_ script: String) { press(Key.script(script)) }

    /// The screen as it would be drawn now.
    public func render() -> ScreenBuffer { WorkbenchView.render(state) }

    /// What `play` does until the executable gives the session a player.
    public static func noPlayer(file: String, start: Double, end: Double?) throws(Recording.Problem) {
        throw Recording.Problem.noPlayer
    }

    // MARK: Effects

    func perform(_ effect: Effect) {
        // Every read below is looked at by whoever is coding now: with blind coding on,
        // the engine's one visibility rule decides what of others' work they see.
        store.viewer = state.coder
        do {
            switch effect {
            case .refreshIfChanged:
                collectCounts()
                let connected = store.serverConnected()
                if connected != state.server { dispatch(.serverChanged(connected: connected)) }
                // Without the server there is nothing new to read; what is shown stays.
                if connected == false { return }
                let version = try store.dataVersion()
                guard version != seenVersion else { return }
                seenVersion = version
                // Blind coding may have been turned on or off, or a document marked done, elsewhere.
                dispatch(.blindLoaded(on: try store.blindCoding(), done: try store.documentsDone(coder: state.coder)))
                let codings =
                    try state.document.map {
                        try store.codings(CodingFilter(documents: [$0.name], viewer: state.coder), includeText: false)
                    } ?? []
                // While counts are read on another thread, they are read again there.
                let (documents, counts) =
                    state.countsPending ? (state.documents, state.projectCounts) : try documentEntries()
                if state.countsPending { writes += 1 }
                dispatch(
                    .refreshed(
                        codings: codings, documents: documents, codebook: try store.codebook(), counts: counts,
                        coders: try store.coderNames().values.sorted()))
            case .loadProject:
                let inBackground = try store.codingCountEstimate() > countsInBackgroundAbove
                let (documents, counts) =
                    inBackground
                    ? (
                        try store.documentSizes().map {
                            DocumentEntry(name: $0.name, caseName: $0.caseName, length: $0.length, codedShare: 0)
                        }, [:]
                    )
                    : try documentEntries()
                dispatch(.blindLoaded(on: try store.blindCoding(), done: try store.documentsDone(coder: state.coder)))
                dispatch(
                    .projectLoaded(
                        documents: documents, codebook: try store.codebook(), counts: counts,
                        coders: try store.coderNames().values.sorted(), position: try store.position(of: state.coder)))
                if inBackground { readCountsInBackground() }
            case .openDocument(let name):
                dispatch(.documentLoaded(try openDocument(name)))
            case .write(let edit, let intent):
                writes += 1
                switch edit {
                case .added(let codings): try store.addCodings(codings, skipExisting: false)
                case .removed(let codings): try store.removeCodings(codings)
                case .moved(let from, let to): try store.moveCoding(from, to: to.range)
                case .memo(let coding, _, let to): try store.setMemo(of: coding, to: to)
                case .documentMemo(let document, let coder, _, let to):
                    try store.setDocumentMemo(document, coder: coder, to: to)
                case .settled(let settlement): try store.record(settlement)
                case .unsettled(let settlement): try store.remove(settlement)
                case .why(let settlement, _, let to): try store.setWhy(of: settlement, to: to)
                case .proposal(let step): try store.decide([step.decision], as: state.coder)
                case .change(let change, let undone):
                    try store.undo(change, by: state.coder, reverse: undone)
                    afterWrite?()
                    try changed(edit, intent)
                    return
                }
                afterWrite?()
                try written(edit, intent)
            case .perform(let operation):
                writes += 1
                let change = try store.perform(operation, by: state.coder)
                afterWrite?()
                try changed(.change(change, undone: false), .record)
            case .load(let load):
                let data = try load.read(
                    ScreenReader(store: store, coder: state.coder, consensus: state.consensusCoder))
                dispatch(.loaded(ScreenAnswer(screen: load.screen, data: data)))
            case .loadPseudonyms:
                dispatch(.pseudonymsLoaded(try store.pseudonyms()))
            case .markDone(let document):
                try store.markDone(document: document, coder: state.coder, done: true)
                dispatch(.blindLoaded(on: try store.blindCoding(), done: try store.documentsDone(coder: state.coder)))
                dispatch(.documentLoaded(try openDocument(document, cursor: state.cursor)))
                dispatch(.told(state.blind ? "\(document) is done: others' codings now show" : "\(document) is done"))
            case .playRecording(let name, let transcript, let start, let end):
                do throws(Recording.Problem) {
                    let file = try Recording.locate(name, transcript: transcript, project: store.path)
                    try play(file, start, end)
                    let until = end.map { " to " + ClockTime.text($0) } ?? ""
                    dispatch(.told("playing \(name) from \(ClockTime.text(start))\(until) in mpv"))
                } catch {
                    dispatch(.failed(error.description))
                }
            case .rememberPosition(let coder, let document, let offset):
                try store.setPosition(of: coder, to: Project.Position(document: document, offset: offset))
            case .buildConsensus(let comparison):
                let report = try store.buildConsensus(
                    Project.ConsensusOptions(comparison, consensus: state.consensusCoder), writing: true)
                afterWrite?()
                if report.writtenCodings.isEmpty {
                    dispatch(
                        .failed("nothing new to write: every stretch both coded alike is in the consensus already"))
                } else {
                    try written(.added(report.writtenCodings), .record)
                }
            case .saveCellSummary(let caseName, let code, let text):
                try store.setCellSummary(case: caseName, code: code, to: text, coder: state.coder)
                afterWrite?()
                let cell = "\(caseName) × \(code.split(separator: "/").last.map(String.init) ?? code)"
                dispatch(.told("summary of \(cell) " + (text == nil ? "removed" : "saved")))
            case .codeSearchHits(let hits, let unit, let code):
                let codings = try store.codings(for: hits, unit: unit, code: code, coder: state.coder)
                guard !codings.isEmpty else {
                    dispatch(.failed("every one of those passages is coded with \(code) by \(state.coder) already"))
                    return
                }
                try store.addCodings(codings, skipExisting: false)
                afterWrite?()
                try written(.added(codings), .record)
                dispatch(
                    .told(
                        "coded \(Words.count(codings.count, "passage")) in \(Words.count(Set(codings.map(\.document)).count, "document")) with \(code) (u undoes)"
                    ))
            }
        } catch let error as any ResearcherError {
            dispatch(.failed(error.workbenchDescription))
        } catch {
            dispatch(.failed("\(error)"))
        }
    }

    /// After a change to the codebook, a case or a document: the documents and counts
    /// read again, the open document followed by its id (renamed, moved) or closed
    /// (removed), then the edit told to the reducer.
    private func changed(_ edit: State.Edit, _ intent: Effect.Intent) throws {
        let (documents, counts) = try documentEntries()
        if let open = state.document {
            let infos = try store.documentSizes()
            if let now = infos.first(where: { $0.id == open.id }) {
                if now.name != open.name || now.caseName != open.caseName {
                    dispatch(
                        .refreshed(
                            codings: open.codings, documents: documents, codebook: try store.codebook(), counts: counts,
                            coders: state.coders))
                    let cursor = state.cursor
                    dispatch(.documentLoaded(try openDocument(now.name, cursor: cursor)))
                }
            } else {
                dispatch(
                    .refreshed(
                        codings: [], documents: documents, codebook: try store.codebook(), counts: counts,
                        coders: state.coders))
                dispatch(.documentGone)
            }
        }
        try written(edit, intent, codebookChanged: true, documents: documents, counts: counts)
    }

    /// Tells the reducer what was written, with the open document's codings reloaded
    /// and its share and the code counts updated from them (not recounted over the
    /// whole project).
    private func written(
        _ edit: State.Edit, _ intent: Effect.Intent, codebookChanged: Bool = false,
        documents fresh: [DocumentEntry]? = nil, counts freshCounts: [Int64: Int]? = nil
    ) throws {
        let codebook = codebookChanged ? try store.codebook() : state.codebook
        var fresh = fresh, freshCounts = freshCounts
        // Codings of documents not open (a project-wide search coded): count afresh.
        if fresh == nil, edit.codings.contains(where: { $0.document != state.document?.name }) {
            (fresh, freshCounts) = try documentEntries()
        }
        var documents = fresh ?? state.documents
        var counts = freshCounts ?? state.projectCounts
        var codings: [Coding] = []
        var memo: String?
        if let document = state.document {
            codings = try store.codings(
                CodingFilter(documents: [document.name], viewer: state.coder), includeText: false)
            memo = try store.documentMemo(document.name, coder: state.coder)
            let mine = codings.filter { $0.coder == state.coder }
            if freshCounts == nil {
                for coding in document.codings where coding.coder == state.coder {
                    if let id = codebook.code(path: coding.code)?.id { counts[id, default: 0] -= 1 }
                }
                for coding in mine {
                    if let id = codebook.code(path: coding.code)?.id { counts[id, default: 0] += 1 }
                }
            }
            if let index = documents.firstIndex(where: { $0.name == document.name }) {
                let coded = TextRange.coveredLength(mine.map(\.range))
                documents[index].codedShare =
                    document.text.length > 0 ? Double(coded) / Double(document.text.length) : 0
            }
        }
        dispatch(
            .written(
                edit: edit, intent: intent, codings: codings, memo: memo, documents: documents,
                codebook: codebook, counts: counts))
    }

    private func openDocument(_ name: String, cursor: Int? = nil) throws -> OpenDocument {
        if let cursor { dispatch(.keepCursor(cursor)) }
        let document = try store.document(named: name)
        let title = document.info.properties.first { $0.key == "title" }?.value.description
        let interviewer = document.info.properties.first { $0.key == "interviewer" }?.value.description
        var open = OpenDocument(
            name: document.name, caseName: document.info.caseName, title: title,
            text: ScalarText(document.text), turns: document.turns,
            codings: try store.codings(CodingFilter(documents: [name], viewer: state.coder), includeText: false),
            memo: try store.documentMemo(name, coder: state.coder), interviewer: interviewer)
        open.id = document.info.id
        open.recording = Recording.named(in: document.info.properties)
        open.sourcePath = document.info.sourcePath
        return open
    }

    /// Whether the coder's counts are being read on another thread (the terminal then
    /// looks for them often, not once a second).
    public var isReadingCounts: Bool { state.countsPending }

    /// Blocks until counts being read on another thread are read, then takes them in
    /// (for tests and the benchmark; the terminal takes them on its ticks).
    public func waitForCounts() {
        while state.countsPending {
            background.wait()
            collectCounts()
        }
    }

    private func readCountsInBackground() {
        state.countsPending = true
        let (store, coder, writes) = (self.store, state.coder, self.writes)
        background.start(tag: writes) { try Self.documentEntries(store, coder: coder) }
    }

    /// Counts read on another thread, once there; read again when a write came between.
    private func collectCounts() {
        guard state.countsPending, let (tag, result) = background.take() else { return }
        guard tag == writes else { return readCountsInBackground() }
        switch result {
        case .success(let (documents, counts)): dispatch(.countsLoaded(documents: documents, counts: counts))
        case .failure(let error):
            state.countsPending = false
            dispatch(.failed("\(error)"))
        }
    }

    /// Documents with the share of each the current coder has coded, and the
    /// coder's codings per code in the project.
    private func documentEntries() throws -> ([DocumentEntry], [Int64: Int]) {
        try Self.documentEntries(store, coder: state.coder)
    }

    private static func documentEntries(_ store: any WorkbenchStore, coder: String) throws -> (
        [DocumentEntry], [Int64: Int]
    ) {
        let spans = try store.codingSpans(coder: coder)
        var byDocument: [Int64: [TextRange]] = [:]
        var counts: [Int64: Int] = [:]
        for span in spans {
            byDocument[span.documentID, default: []].append(TextRange(span.start, span.end))
            counts[span.codeID, default: 0] += 1
        }
        // Names, cases and lengths from their covering index (no turns, speakers or text).
        return (
            try store.documentSizes().map { info in
                let coded = TextRange.coveredLength(byDocument[info.id] ?? [])
                return DocumentEntry(
                    name: info.name, caseName: info.caseName, length: info.length,
                    codedShare: info.length > 0 ? Double(coded) / Double(info.length) : 0)
            }, counts
        )
    }
}
