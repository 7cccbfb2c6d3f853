/// One coding an assistant proposes: a passage of a document (by offsets, by the text
/// it quotes, or both), a code of the codebook, and why.
public struct ProposedCoding: Equatable, Sendable {
    public var document: String
    /// Unicode scalar offsets of the stored text, end-exclusive; both or neither.
    public var start: Int?
    public var end: Int?
    /// The passage's text as the assistant read it: checked against the offsets, or
    /// located in the document when they are missing or wrong.
    public var quote: String?
    /// The code's path in the codebook.
    public var code: String
    /// The assistant's reason, kept with the coding.
    public var reason: String
    /// The assistant's confidence, from 0 to 1.
    public var confidence: Double
    /// `code` is a code the assistant proposes for the codebook, not one of it: kept as
    /// the assistant's memo on the project for the researcher, never made.
    public var newCode = false

    public init(
        document: String, start: Int? = nil, end: Int? = nil, quote: String? = nil, code: String, reason: String,
        confidence: Double, newCode: Bool = false
    ) {
        self.document = Name.normalized(document)
        self.start = start
        self.end = end
        self.quote = quote
        self.code = Name.normalized(code)
        self.reason = reason
        self.confidence = confidence
        self.newCode = newCode
    }
}

/// Where proposals come from: the assistant (its coder name), the person running it,
/// the client and model the assistant said it is, and the request that carried them.
public struct ProposalSource: Equatable, Sendable {
    /// The assistant's coder name, `assistant:NAME`.
    public var assistant: String
    /// The person who ran the assistant on the project.
    public var requestedBy: String
    public var client: String
    public var clientVersion: String
    /// The model, when the client says which.
    public var model: String?
    /// SHA-256 (hex) of the request's arguments as received.
    public var requestSHA256: String

    public init(
        assistant: String, requestedBy: String, client: String, clientVersion: String, model: String?,
        requestSHA256: String
    ) {
        self.assistant = Assistant.coderName(assistant)
        self.requestedBy = Name.trimmed(requestedBy)
        self.client = client
        self.clientVersion = clientVersion
        self.model = model.map(Name.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        self.requestSHA256 = requestSHA256
    }
}

/// What became of a request's proposals: those written, and those refused with a
/// problem the assistant can act on, each by its place in the request (from 0).
public struct ProposalOutcome: Equatable, Sendable {
    public struct Written: Equatable, Sendable {
        public var index: Int
        public var proposal: Proposal
        /// How the passage was found when not as given (located by its quote).
        public var note: String?
    }

    public struct Refused: Equatable, Sendable {
        public var index: Int
        public var problem: String
    }

    /// A new code proposed: kept as the assistant's memo on the project (`memo`, its id).
    public struct NewCode: Equatable, Sendable {
        public var index: Int
        public var code: String
        public var memo: Int64
    }

    public var written: [Written] = []
    public var refused: [Refused] = []
    public var newCodes: [NewCode] = []
}
