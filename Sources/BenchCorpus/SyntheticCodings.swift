import CodingEngine

/// Reproducible codings over an imported synthetic corpus.
public enum SyntheticCodings {
    /// `count` random codings: random documents, codable codes and coders (ana, ben,
    /// cai, or `coders`), passages of a sentence or two inside one turn; none given twice.
    public static func make(
        _ project: Project, documents: [DocumentInfo], count: Int, coders: [String] = ["ana", "ben", "cai"]
    ) throws -> [NewCoding] {
        var generator = SplitMix64(seed: 1999)
        let codes = try project.codebook().codes.filter(\.codable).map(\.path)
        var turns: [String: [Turn]] = [:]
        for info in documents {
            turns[info.name] = try project.document(named: info.name).turns.filter { $0.speech.length > 10 }
        }
        var seen = Set<String>()
        var result: [NewCoding] = []
        while result.count < count {
            let document = documents[generator.next(upTo: documents.count)]
            guard let candidates = turns[document.name], !candidates.isEmpty else { continue }
            let turn = candidates[generator.next(upTo: candidates.count)]
            let start = turn.speechStart + generator.next(upTo: max(1, turn.speech.length - 10))
            let end = min(turn.end, start + 10 + generator.next(upTo: 400))
            let coding = NewCoding(
                document: document.name, range: TextRange(start, end),
                code: codes[generator.next(upTo: codes.count)], coder: coders[generator.next(upTo: coders.count)])
            if seen.insert("\(coding.document)|\(start)|\(end)|\(coding.code)|\(coding.coder)").inserted {
                result.append(coding)
            }
        }
        return result
    }
}
