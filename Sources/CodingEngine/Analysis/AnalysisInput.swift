/// Codings gathered for an analysis: per coder, code and document, the coder's
/// ranges unioned (a coder's overlapping codings of one code count once).
struct AnalysisInput {
    let codebook: Codebook
    let documents: [DocumentInfo]
    let coderNames: [Int64: String]
    /// coder → code → document → unioned ranges.
    var ranges: [Int64: [Int64: [Int64: [TextRange]]]] = [:]

    init(_ store: some CodingStore, coder: String? = nil) throws {
        codebook = try store.codebook()
        documents = try store.documents()
        coderNames = try store.coderNames()
        if let coder, !coderNames.values.contains(coder) {
            throw EngineError.unknownCoder(coder, known: coderNames.values.sorted())
        }
        var raw: [Int64: [Int64: [Int64: [TextRange]]]] = [:]
        for span in try store.codingSpans(coder: coder) {
            raw[span.coderID, default: [:]][span.codeID, default: [:]][span.documentID, default: []].append(
                TextRange(span.start, span.end))
        }
        for (coder, codes) in raw {
            for (code, documents) in codes {
                for (document, list) in documents {
                    ranges[coder, default: [:]][code, default: [:]][document] = TextRange.union(list)
                }
            }
        }
    }

    /// Coders in name order.
    var coders: [(id: Int64, name: String)] {
        ranges.keys.map { ($0, coderNames[$0] ?? "?") }.sorted { $0.name < $1.name }
    }

    /// A coder's ranges of a code and every code below it, per document, unioned.
    func ranges(coder: Int64, code: Code) -> [Int64: [TextRange]] {
        var result: [Int64: [TextRange]] = [:]
        for member in codebook.subtree(of: code.id) {
            for (document, list) in ranges[coder]?[member.id] ?? [:] { result[document, default: []] += list }
        }
        return result.mapValues(TextRange.union)
    }

    /// The codable codes of a folder (all codable codes below it), in codebook order.
    func codes(in folder: String) throws -> [Code] {
        guard let root = codebook.code(path: folder) else { throw EngineError.unknownCode(folder) }
        let members = codebook.subtree(of: root.id).filter { $0.id != root.id || root.codable }
        return members.filter(\.codable)
    }
}
