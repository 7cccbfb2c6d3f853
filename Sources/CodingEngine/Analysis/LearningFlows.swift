/// Learning flows per case: the 4I/5I process codes in transcript order, and the
/// transitions between consecutive ones. A step up the ladder (intuiting →
/// interpreting → integrating → institutionalising → intertwining) is feed-forward,
/// a step down is feedback; a repeat is neither.
public enum LearningFlows {
    /// The ladder's codes by name, in order; the codebook's codes with these names
    /// (anywhere in the tree) form the ladder.
    public static let ladderNames = ["Intuiting", "Interpreting", "Integrating", "Institutionalising", "Intertwining"]

    /// One coded process in a case's sequence.
    public struct Step: Equatable, Sendable {
        public var code: String
        /// Position on the ladder, from 0 (intuiting).
        public var level: Int
        public var document: String
        public var range: TextRange
        /// Where the step starts along the case's documents laid end to end.
        public var position: Int
    }

    public struct CaseFlow: Equatable, Sendable {
        public var caseName: String
        public var coder: String
        public var steps: [Step]
        /// Transitions between consecutive steps: "from → to" and how often.
        public var transitions: [(from: String, to: String, count: Int)]
        public var feedForward: Int
        public var feedback: Int
        public var repeats: Int
        /// Knowledge-source codes overlapping the institutionalising and intertwining
        /// passages, with how many such passages each overlaps.
        public var sources: [(code: String, passages: Int)]
        /// The case's characters, to place the steps along the interviews.
        public var length: Int

        public var transitionCount: Int { feedForward + feedback + repeats }
        public var feedForwardShare: Double? {
            transitionCount > 0 ? Double(feedForward) / Double(transitionCount) : nil
        }
        public var feedbackShare: Double? { transitionCount > 0 ? Double(feedback) / Double(transitionCount) : nil }

        public static func == (x: CaseFlow, y: CaseFlow) -> Bool {
            x.caseName == y.caseName && x.coder == y.coder && x.steps == y.steps && x.feedForward == y.feedForward
                && x.feedback == y.feedback && x.repeats == y.repeats
                && x.transitions.map { "\($0.from)>\($0.to)=\($0.count)" }
                    == y.transitions.map { "\($0.from)>\($0.to)=\($0.count)" }
                && x.sources.map { "\($0.code)=\($0.passages)" } == y.sources.map { "\($0.code)=\($0.passages)" }
        }
    }

    /// Flows per case and coder. `sources` names the knowledge-source folder.
    public static func compute(
        _ store: some CodingStore, coder: String? = nil, sources folder: String = "Knowledge source"
    ) throws -> [CaseFlow] {
        let input = try AnalysisInput(store, coder: coder)
        let ladder: [(code: Code, level: Int)] = ladderNames.enumerated().compactMap { level, name in
            input.codebook.codes.first { $0.codable && $0.name.lowercased() == name.lowercased() }.map { ($0, level) }
        }
        guard !ladder.isEmpty else {
            throw EngineError.unknownCode("Processes/Intuiting (no 4I/5I process codes in the codebook)")
        }
        let sourceCodes = (try? input.codes(in: folder)) ?? []
        let documentOrder = Dictionary(
            input.documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var flows: [CaseFlow] = []
        let cases = input.documents.reduce(into: [String]()) { if !$0.contains($1.caseName) { $0.append($1.caseName) } }
        for (coderID, coderName) in input.coders {
            for caseName in cases {
                let documents = input.documents.filter { $0.caseName == caseName }
                var steps: [(order: Int, step: Step)] = []
                var documentStart: [Int64: Int] = [:]
                var offset = 0
                for document in documents {
                    documentStart[document.id] = offset
                    offset += document.length
                }
                for (code, level) in ladder {
                    for document in documents {
                        for range in input.ranges[coderID]?[code.id]?[document.id] ?? [] {
                            steps.append(
                                (
                                    documentOrder[document.id] ?? 0,
                                    Step(
                                        code: code.path, level: level, document: document.name, range: range,
                                        position: (documentStart[document.id] ?? 0) + range.start)
                                ))
                        }
                    }
                }
                steps.sort {
                    ($0.order, $0.step.range.start, $0.step.level) < ($1.order, $1.step.range.start, $1.step.level)
                }
                let sequence = steps.map(\.step)
                guard !sequence.isEmpty else { continue }
                var counts: [String: Int] = [:], order: [String] = []
                var forward = 0, back = 0, same = 0
                for (x, y) in zip(sequence, sequence.dropFirst()) {
                    let key = "\(x.code)\u{1F}\(y.code)"
                    if counts[key] == nil { order.append(key) }
                    counts[key, default: 0] += 1
                    if y.level > x.level { forward += 1 } else if y.level < x.level { back += 1 } else { same += 1 }
                }
                // Knowledge sources in the institutionalising and intertwining passages.
                let upper = sequence.filter { $0.level >= 3 }
                var sourceCounts: [(String, Int)] = []
                for source in sourceCodes {
                    let n = upper.filter { step in
                        guard let document = documents.first(where: { $0.name == step.document }) else { return false }
                        return (input.ranges[coderID]?[source.id]?[document.id] ?? []).contains {
                            $0.overlaps(step.range)
                        }
                    }.count
                    if n > 0 { sourceCounts.append((source.path, n)) }
                }
                flows.append(
                    CaseFlow(
                        caseName: caseName, coder: coderName, steps: sequence,
                        transitions: order.map { key in
                            let parts = key.split(separator: "\u{1F}").map(String.init)
                            return (parts[0], parts[1], counts[key, default: 0])
                        },
                        feedForward: forward, feedback: back, repeats: same, sources: sourceCounts,
                        length: documents.reduce(0) { $0 + $1.length }))
            }
        }
        return flows
    }
}
