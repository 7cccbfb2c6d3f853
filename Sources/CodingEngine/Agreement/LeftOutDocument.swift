/// A document an agreement comparison left out because one of the coders has not
/// coded it: every coding of the other coder there would count as a disagreement,
/// though the first never opened it. A coder has coded a document once they coded
/// anything in it (any code) or marked it done.
public struct LeftOutDocument: Equatable, Sendable {
    public var document: String
    /// The compared coders who have neither coded it nor marked it done.
    public var notCodedBy: [String]
    /// How many coders were compared.
    public var coders: Int

    public init(document: String, notCodedBy: [String], coders: Int) {
        self.document = document
        self.notCodedBy = notCodedBy
        self.coders = coders
    }

    /// Why it was left out, in a few words.
    public var reason: String {
        if notCodedBy.count == coders { return coders == 2 ? "neither coder coded it" : "no coder coded it" }
        return Words.list(notCodedBy) + " coded nothing in it and did not mark it done"
    }

    /// The documents every coder coded, and the rest with why.
    static func compared(
        _ documents: [DocumentInfo], spans: [CodingSpan], coders: [String], ids: [Int64],
        _ store: some CodingStore
    ) throws -> (kept: [DocumentInfo], leftOut: [LeftOutDocument]) {
        var coded = Array(repeating: Set<Int64>(), count: ids.count)
        let index = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for span in spans { if let coder = index[span.coderID] { coded[coder].insert(span.documentID) } }
        let done = try coders.map { try store.documentsDone(coder: $0) }
        var kept: [DocumentInfo] = [], leftOut: [LeftOutDocument] = []
        for document in documents {
            let missing = coders.indices.filter {
                !coded[$0].contains(document.id) && !done[$0].contains(document.name)
            }
            if missing.isEmpty {
                kept.append(document)
            } else {
                leftOut.append(
                    LeftOutDocument(
                        document: document.name, notCodedBy: missing.map { coders[$0] }, coders: coders.count))
            }
        }
        return (kept, leftOut)
    }

    /// The documents left out in a sentence, or nil when none was: for `agree`,
    /// `disagreements`, `consensus` and the workbench.
    public static func summary(_ leftOut: [LeftOutDocument], flag: String = "--all-documents") -> String? {
        guard !leftOut.isEmpty else { return nil }
        let named = leftOut.prefix(4).map { "\($0.document) (\($0.reason))" }.joined(separator: "; ")
        let more = leftOut.count > 4 ? "; and \(leftOut.count - 4) more" : ""
        return "Left out \(Words.count(leftOut.count, "document")) a coder has not coded: \(named)\(more)"
            + (flag.isEmpty ? "" : "; \(flag) compares them too")
    }
}
