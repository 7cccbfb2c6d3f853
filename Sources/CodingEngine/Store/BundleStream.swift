/// A bundle that comes in pieces, so that storing can begin while the later pieces
/// are still being read (a REFI-QDA import stores each source as soon as its XML
/// closes): first the codebook, coders and cases; then document by document, each
/// with its codings; then what may refer to any of them (memos, history, saved
/// queries, and codings that could not come with their document).
/// `Project.store(streaming:)` stores it in one transaction.
public protocol BundleStream {
    /// About how many documents will come (for progress only).
    var expectedDocuments: Int { get }
    /// Codes, coders and cases, stored before any document.
    mutating func opening() throws -> ProjectBundle
    /// The next document and its codings, or nil after the last.
    mutating func nextDocument() throws -> (transcript: Transcript, codings: [NewCoding])?
    /// What comes after the last document: memos, history, saved queries, codings.
    mutating func closing() throws -> ProjectBundle
}

/// A whole bundle given as a stream: its documents one by one, its codings after them.
struct WholeBundle: BundleStream {
    private var bundle: ProjectBundle
    private var next = 0

    init(_ bundle: ProjectBundle) { self.bundle = bundle }

    var expectedDocuments: Int { bundle.transcripts.count }

    mutating func opening() -> ProjectBundle {
        var opening = ProjectBundle()
        (opening.codes, opening.coders, opening.cases) = (bundle.codes, bundle.coders, bundle.cases)
        return opening
    }

    mutating func nextDocument() -> (transcript: Transcript, codings: [NewCoding])? {
        guard next < bundle.transcripts.count else { return nil }
        defer { next += 1 }
        return (bundle.transcripts[next], [])
    }

    mutating func closing() -> ProjectBundle {
        var closing = bundle
        (closing.codes, closing.coders, closing.cases, closing.transcripts) = ([], [], [], [])
        return closing
    }
}
