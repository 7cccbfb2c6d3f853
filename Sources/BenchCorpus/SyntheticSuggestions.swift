import CodingEngine

/// Reproducible pending suggestions over an imported synthetic corpus, for timing the
/// workbench with a review queue a researcher could plausibly leave waiting.
public enum SyntheticSuggestions {
    /// `count` pending proposals of `assistant:suggest`, spread evenly over the first
    /// `documents` documents (the first is where the workbench opens), each a passage
    /// of up to 400 characters with a random codable code, confidence and reason.
    public static func add(_ project: Project, count: Int, documents: Int = 10) throws -> Int {
        var generator = SplitMix64(seed: 2026)
        let codes = try project.codebook().codes.filter(\.codable).map(\.path)
        let chosen = try project.documents().prefix(documents)
        var items: [ProposedCoding] = []
        for index in 0..<count {
            let document = chosen[chosen.startIndex + index % chosen.count]
            let start = generator.next(upTo: max(1, document.length - 420))
            items.append(
                ProposedCoding(
                    document: document.name, start: start, end: start + 20 + generator.next(upTo: 380),
                    code: codes[generator.next(upTo: codes.count)],
                    reason: "because: audit, supplier, quality",
                    confidence: Double(generator.next(upTo: 1000)) / 1000))
        }
        let source = ProposalSource(
            assistant: "suggest", requestedBy: "ana", client: "intertwine suggest", clientVersion: "1",
            model: "synthetic suggestions for the benchmark", requestSHA256: String(repeating: "0", count: 64))
        return try project.propose(items, from: source).written.count
    }
}
