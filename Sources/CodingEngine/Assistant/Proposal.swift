import GRDB

/// A coding an assistant proposed, with where it came from and what the researcher
/// decided: the shape `proposals`, the review and the exports read.
public struct Proposal: Equatable, Sendable {
    /// What the researcher decided.
    public enum Status: String, Sendable, CaseIterable {
        case pending, accepted, rejected
    }

    /// The proposal's id: its coding's.
    public var id: Int64
    public var guid: String
    public var document: String
    public var range: TextRange
    public var code: String
    /// The assistant's coder name, `assistant:NAME`.
    public var assistant: String
    /// The passage's text.
    public var text: String
    public var requestedBy: String
    public var client: String
    public var clientVersion: String
    public var model: String?
    public var reason: String
    public var confidence: Double
    public var requestSHA256: String
    public var proposedAt: String
    public var status: Status
    public var decidedBy: String?
    public var decidedAt: String?
    public var why: String?
    /// The person's coding made on acceptance, while it is there.
    public var acceptedAs: Int64?

    /// The client and model, as a methods text names them ("Claude Desktop 1.2 (claude-sonnet-4)").
    /// The confidence as the review and the listing show it ("93%").
    public var confidenceText: String { "\(Int((confidence * 100).rounded()))%" }

    public var madeWith: String {
        let client = clientVersion.isEmpty ? self.client : "\(self.client) \(clientVersion)"
        return model.map { "\(client) (\($0))" } ?? client
    }

    /// The columns `init(row:)` reads, from `proposals p`, `codings k`, `documents d`,
    /// `coders c` and `codes` by id (the path is the codebook's).
    static let selection = """
        SELECT p.*, k.guid, k.start, k."end", k.code_id, k.document_id, d.name AS document, c.name AS assistant
        FROM proposals p JOIN codings k ON k.id = p.coding_id JOIN documents d ON d.id = k.document_id
        JOIN coders c ON c.id = k.coder_id
        """

    /// A proposal from its row, its passage taken from its document's text (read once
    /// per document by the caller, not once per row: a text is long).
    init(row: Row, codebook: Codebook, text source: ScalarText) {
        id = row["coding_id"]
        guid = row["guid"] ?? ""
        document = row["document"]
        range = TextRange(row["start"], row["end"])
        code = codebook.code(id: row["code_id"])?.path ?? "#\(row["code_id"] as Int64)"
        assistant = row["assistant"]
        text = source.slice(min(range.start, source.length), min(range.end, source.length))
        requestedBy = row["requested_by"]
        client = row["client"]
        clientVersion = row["client_version"]
        model = row["model"]
        reason = row["reason"]
        confidence = row["confidence"]
        requestSHA256 = row["request_sha256"]
        proposedAt = row["proposed_at"]
        status = Status(rawValue: row["status"]) ?? .pending
        decidedBy = row["decided_by"]
        decidedAt = row["decided_at"]
        why = row["why"]
        acceptedAs = row["accepted_as"]
    }
}
