/// Per-case (or per-document, or per-coder) code frequencies: how often each code
/// was applied, in how many documents, how many characters it covers and what share
/// of the text that is.
///
/// Counts are per coder, never summed across coders. A coder's overlapping ranges
/// of one code are counted once. A code with codes below it aggregates them (its own
/// codings and theirs, their ranges unioned) and is marked `aggregate`.
public enum CodeFrequencies {
    /// What the rows are grouped by.
    public enum Grouping: String, CaseIterable, Sendable {
        case `case`, document, coder
    }

    /// One cell of the frequency table.
    public struct Row: Equatable, Sendable {
        /// The case, document or coder the row belongs to.
        public var group: String
        /// The case of a document row (nil for other groupings).
        public var caseName: String?
        /// The code's path.
        public var code: String
        public var coder: String
        /// Codings of this code (and, for an aggregate, of the codes below it).
        public var codings: Int
        /// Documents containing the code.
        public var documents: Int
        /// Characters (Unicode scalars) coded, a coder's overlaps counted once.
        public var characters: Int
        /// `characters` divided by the characters of the group's documents.
        public var coverage: Double
        /// True when the row includes the codes below this one.
        public var aggregate: Bool
    }

    private struct CellKey: Hashable { var group: String; var code: Int64; var coder: Int64 }
    private struct RangeKey: Hashable { var document: Int64; var code: Int64; var coder: Int64 }

    /// The frequency table of `store`, rows in group, code (tree order), coder order.
    /// Every code appears for every coder who coded in the group, with zeros where
    /// the coder did not use it.
    public static func compute(_ store: some CodingStore, by grouping: Grouping, coder: String? = nil) throws -> [Row] {
        let documents = try store.documents()
        let codebook = try store.codebook()
        let coderNames = try store.coderNames()
        let spans = try store.codingSpans(coder: coder)

        // Groups: their names, their documents' characters.
        var documentGroup: [Int64: String] = [:]
        var documentCase: [Int64: String] = [:]
        var groupLength: [String: Int] = [:]
        var groupOrder: [String] = []
        let totalLength = documents.reduce(0) { $0 + $1.length }
        for document in documents {
            documentCase[document.id] = document.caseName
            switch grouping {
            case .case: documentGroup[document.id] = document.caseName
            case .document: documentGroup[document.id] = document.name
            case .coder: break
            }
            if grouping != .coder, let group = documentGroup[document.id] {
                if groupLength[group] == nil { groupOrder.append(group) }
                groupLength[group, default: 0] += document.length
            }
        }
        if grouping == .coder {
            groupOrder = Set(spans.map(\.coderID)).compactMap { coderNames[$0] }.sorted()
            for name in groupOrder { groupLength[name] = totalLength }
        }

        // Each coding counts for its code and every code above it.
        var lineage: [Int64: [Int64]] = [:]
        for code in codebook.codes { lineage[code.id] = [code.id] + codebook.ancestors(of: code.id) }

        var codings: [CellKey: Int] = [:]
        var ranges: [RangeKey: [TextRange]] = [:]
        var codersInGroup: [String: Set<Int64>] = [:]
        for span in spans {
            let group = grouping == .coder ? (coderNames[span.coderID] ?? "?") : (documentGroup[span.documentID] ?? "?")
            codersInGroup[group, default: []].insert(span.coderID)
            for code in lineage[span.codeID] ?? [span.codeID] {
                codings[CellKey(group: group, code: code, coder: span.coderID), default: 0] += 1
                ranges[RangeKey(document: span.documentID, code: code, coder: span.coderID), default: []]
                    .append(TextRange(span.start, span.end))
            }
        }
        var characters: [CellKey: Int] = [:]
        var documentCount: [CellKey: Int] = [:]
        for (key, list) in ranges {
            let group = grouping == .coder ? (coderNames[key.coder] ?? "?") : (documentGroup[key.document] ?? "?")
            let cell = CellKey(group: group, code: key.code, coder: key.coder)
            characters[cell, default: 0] += TextRange.coveredLength(list)
            documentCount[cell, default: 0] += 1
        }

        let caseOfDocument = Dictionary(documents.map { ($0.name, $0.caseName) }, uniquingKeysWith: { a, _ in a })
        var rows: [Row] = []
        for group in groupOrder {
            let coderIDs = (codersInGroup[group] ?? []).sorted { (coderNames[$0] ?? "") < (coderNames[$1] ?? "") }
            let length = groupLength[group] ?? 0
            for code in codebook.codes {
                for coderID in coderIDs {
                    let cell = CellKey(group: group, code: code.id, coder: coderID)
                    let chars = characters[cell] ?? 0
                    rows.append(Row(group: group,
                                    caseName: grouping == .document ? caseOfDocument[group] : nil,
                                    code: code.path, coder: coderNames[coderID] ?? "?",
                                    codings: codings[cell] ?? 0, documents: documentCount[cell] ?? 0,
                                    characters: chars, coverage: length > 0 ? Double(chars) / Double(length) : 0,
                                    aggregate: codebook.hasChildren(code.id)))
                }
            }
        }
        return rows
    }
}
