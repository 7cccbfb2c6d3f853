import Foundation
import GRDB

/// The one rule for what a coder may see of other coders' work while blind coding is
/// on: their own codings and memos, and other coders' only in the documents they have
/// marked done. Every read of codings in the engine applies it (the codings listed,
/// the spans that queries, searches, frequencies, the case matrix, co-occurrence,
/// flows and exports count, the memos), for whoever the project is being looked at by
/// (`Project.viewer`, or a `CodingFilter`'s viewer).
struct Visibility: Equatable {
    /// The viewer's coder id (-1 when they have coded nothing yet: nothing is theirs).
    let viewerID: Int64
    /// The documents the viewer has marked done.
    let done: Set<Int64>

    /// The rule for `viewer` now, or nil when they may see everything (blind coding
    /// off, or nobody named).
    static func current(_ db: Database, viewer: String?) throws -> Visibility? {
        guard let viewer, try Project.blindCoding(db) else { return nil }
        let id = try Project.storedCoderID(db, named: viewer) ?? -1
        let done = try Int64.fetchAll(
            db, sql: "SELECT document_id FROM documents_done WHERE coder_id = ?", arguments: [id])
        return Visibility(viewerID: id, done: Set(done))
    }

    /// Whether a record of `coderID` (nil: of no coder) in `documentID` may be seen.
    func allows(coderID: Int64?, documentID: Int64?) -> Bool {
        coderID == nil || coderID == viewerID || documentID.map(done.contains) == true
    }

    /// The rule as an SQL condition on the columns named (ids written in: no arguments).
    func clause(coder: String, document: String) -> String {
        let doneList = done.sorted().map(String.init).joined(separator: ",")
        return doneList.isEmpty
            ? "(\(coder) = \(viewerID))" : "(\(coder) = \(viewerID) OR \(document) IN (\(doneList)))"
    }
}
