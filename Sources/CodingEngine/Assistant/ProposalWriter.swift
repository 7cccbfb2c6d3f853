import GRDB

/// The one place the `proposals` table is written: a proposal's provenance as its
/// coding is written, and the researcher's decisions on it.
enum ProposalWriter {
    /// Records that the coding `codingID` was proposed by `source` for `item`.
    static func insert(_ db: Database, codingID: Int64, item: ProposedCoding, source: ProposalSource, at: String)
        throws
    {
        try db.execute(
            sql: """
                INSERT INTO proposals (coding_id, requested_by, client, client_version, model, reason, confidence,
                    request_sha256, proposed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                codingID, source.requestedBy, source.client, source.clientVersion, source.model, item.reason,
                item.confidence, source.requestSHA256, at,
            ])
    }

    /// Sets a proposal's decision (`pending` clears who, when, why and the coding made).
    static func decide(
        _ db: Database, id: Int64, status: Proposal.Status, by who: String?, at: String?, why: String?,
        acceptedAs: Int64?
    ) throws {
        try db.execute(
            sql: """
                UPDATE proposals SET status = ?, decided_by = ?, decided_at = ?, why = ?, accepted_as = ?
                WHERE coding_id = ?
                """, arguments: [status.rawValue, who, at, why, acceptedAs, id])
    }
}
