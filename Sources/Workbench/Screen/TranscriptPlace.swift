/// A screen the transcript opens with a key of its own (`f` frequencies, `K` the
/// codebook…): its key and help line join the transcript's table from here.
public protocol TranscriptPlace: Screen {
    /// The keys that open it from the transcript, and what they do, for the help.
    static var opening: Opening { get }

    /// Opens it as the workbench is now: the screen with its reads, or a message
    /// saying why it cannot open.
    static func open(_ app: State) -> Outcome
}

/// How a screen is opened from the transcript.
public struct Opening: Sendable {
    public var keys: [Key]
    public var help: String
    /// Whether it needs a document open (the codebook and frequencies do not).
    public var needsDocument: Bool

    public init(_ keys: [Key], _ help: String, needsDocument: Bool = true) {
        self.keys = keys
        self.help = help
        self.needsDocument = needsDocument
    }
}

extension TranscriptPlace {
    /// The command its keys run in the transcript.
    static var command: Command { .open(String(describing: Self.self)) }
}
