import Foundation
import GRDB

/// Checks an assistant's proposed codings against the project inside the write that
/// stores them: each gets its passage, or a problem said so that a model can act on it.
struct ProposalChecker {
    /// A proposal's passage, or why it is refused.
    enum Verdict: Equatable {
        case passage(TextRange, note: String?)
        /// A new code proposed for this passage (never made).
        case newCode(TextRange, text: String)
        case refused(String)
    }

    let codebook: Codebook
    private let db: Database
    private let assistantID: Int64?
    private let blind: Bool
    /// Documents by name: id and text as scalars, read once per request.
    private var documents: [String: (id: Int64, text: [Unicode.Scalar])] = [:]
    /// Documents the assistant marked done.
    private let done: Set<Int64>

    init(_ db: Database, assistant: String) throws {
        self.db = db
        codebook = try Project.loadCodebook(db)
        assistantID = try Project.storedCoderID(db, named: assistant)
        blind = try Project.blindCoding(db)
        done = Set(
            try Int64.fetchAll(
                db, sql: "SELECT document_id FROM documents_done WHERE coder_id = ?", arguments: [assistantID ?? -1]))
    }

    mutating func check(_ item: ProposedCoding) throws -> Verdict {
        guard let document = try document(item.document) else {
            return .refused("no document named \"\(item.document)\"; list_documents gives the names")
        }
        if item.newCode { return try proposedCode(item, in: document.text) }
        guard let code = codebook.code(path: item.code) ?? codebook.code(storedPath: item.code) else {
            return .refused(
                "no code \"\(item.code)\" in the codebook; use a code list_codebook gives, or, to propose a new code for the researcher to consider, send this proposal again with new_code: true (it is never made by you)"
            )
        }
        guard code.codable else {
            let children = codebook.children(of: code.id).filter(\.codable).map(\.path)
            return .refused(
                "\"\(code.path)\" is a folder, not a code; use one of its codes: \(children.isEmpty ? "(none)" : children.joined(separator: ", "))"
            )
        }
        guard !item.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return .refused("give a reason: the researcher reads it when deciding")
        }
        guard item.confidence.isFinite, (0...1).contains(item.confidence) else {
            return .refused("confidence must be a number from 0 to 1")
        }
        if blind, done.contains(document.id) {
            return .refused(
                "blind coding is on and \(item.document) is marked done for this assistant: it has seen the other coders' codings, so its proposals would not be independent"
            )
        }
        let verdict = passage(item, in: document.text)
        guard case .passage(let range, _) = verdict else { return verdict }
        if let rejected = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT p.decided_by, p.decided_at, p.why, k.start, k."end" FROM proposals p
                    JOIN codings k ON k.id = p.coding_id
                    WHERE k.document_id = ? AND k.code_id = ? AND p.status = 'rejected' AND k.start < ? AND k."end" > ?
                    LIMIT 1
                    """), arguments: [document.id, code.id, range.end, range.start])
        {
            let why = (rejected["why"] as String?).map { ": \"\($0)\"" } ?? ""
            return .refused(
                "\(rejected["decided_by"] as String? ?? "the researcher") rejected \(code.path) for \(rejected["start"] as Int)–\(rejected["end"] as Int) of this passage\(why); do not propose it again"
            )
        }
        return verdict
    }

    /// A new code proposed for a passage: checked like a coding (but for a code that is
    /// not in the codebook), kept as a memo's text.
    private func proposedCode(_ item: ProposedCoding, in text: [Unicode.Scalar]) throws -> Verdict {
        let path = Codebook.normalizedPath(item.code)
        guard !path.isEmpty,
            !path.split(separator: "/").contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty })
        else { return .refused("a new code needs a path: Folder/Name, or a name") }
        if codebook.code(path: path) != nil {
            return .refused("\"\(path)\" is in the codebook already: propose it as a coding, without new_code")
        }
        guard !item.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return .refused("give a reason: why the codebook needs this code")
        }
        guard item.confidence.isFinite, (0...1).contains(item.confidence) else {
            return .refused("confidence must be a number from 0 to 1")
        }
        let found = passage(item, in: text)
        guard case .passage(let range, _) = found else { return found }
        let quoted = String(String.UnicodeScalarView(text[range.start..<min(range.end, range.start + 400)]))
        return .newCode(
            range,
            text:
                "Proposed new code \"\(path)\" (confidence \(item.confidence)) for \(item.document) \(range.start)–\(range.end): \(item.reason)\n\n\"\(quoted)\"\n\nNot made: add it to the codebook if the study needs it."
        )
    }

    /// The passage an item names: its offsets when they hold its quote (or it has none),
    /// else where its quote is found once.
    private func passage(_ item: ProposedCoding, in text: [Unicode.Scalar]) -> Verdict {
        let quote = item.quote.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        var given: TextRange?
        switch (item.start, item.end) {
        case (let start?, let end?):
            guard start >= 0, end <= text.count, start < end else {
                let what = start >= end ? "empty (end must be after start)" : "outside the document (0–\(text.count))"
                if quote == nil { return .refused("\(start)–\(end) is \(what)") }
                break
            }
            given = TextRange(start, end)
        case (nil, nil): break
        default:
            if quote == nil { return .refused("give both start and end, or the quoted text") }
        }
        guard let quote else {
            guard let given else { return .refused("give start and end, or the quoted text, or both") }
            return .passage(given, note: nil)
        }
        if let given, QuotedPassage.quotes(quote, text, at: given) { return .passage(given, note: nil) }
        let found = QuotedPassage.occurrences(of: quote, in: text)
        let at = given.map { "not at \($0.start)–\($0.end) and " } ?? ""
        switch found.count {
        case 0:
            return .refused("the quoted text is \(at)not in the document; quote it exactly, or give start and end")
        case 1:
            let note = given.map { "the quote was not at \($0.start)–\($0.end): coded where it is" }
            return .passage(found[0], note: note ?? "located by its quote")
        default:
            let places = found.map { "\($0.start)–\($0.end)" }.joined(separator: ", ")
            return .refused(
                "the quoted text is \(at)found \(found.count == 5 ? "5 or more" : String(found.count)) times (\(places)); give start and end of the one you mean"
            )
        }
    }

    private mutating func document(_ name: String) throws -> (id: Int64, text: [Unicode.Scalar])? {
        if let known = documents[name] { return known }
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT id, text FROM documents WHERE name = ?", arguments: [name])
        else { return nil }
        let document = (id: row["id"] as Int64, text: Array((row["text"] as String).unicodeScalars))
        documents[name] = document
        return document
    }
}
