/// One coder's work as a methods section reports it: how many codings in how many
/// documents, how many made blind (while the coder could see no other coder's
/// codings of the document), and how many accepted from an AI assistant. `blind`
/// prints it per coder; the methods report quotes it.
public struct CoderWork: Equatable, Sendable {
    public var coder: String
    public var documents: Int
    public var codings: Int
    /// Codings made blind; made while the coder could see another coder's codings of
    /// the document; and those made before the project recorded it.
    public var blind: Int
    public var seeingOthers: Int
    public var unknown: Int
    /// Codings accepted from an AI assistant's proposals.
    public var accepted: Int

    /// The work of each of `coders` (names as given; matched without regard to case),
    /// from the codings the project lets its viewer see.
    public static func compute(_ store: some CodingStore, coders: [String]) throws -> [CoderWork] {
        try compute(store, coders: coders, names: try store.coderNames(), spans: try store.codingSpans(coder: nil))
    }

    static func compute(_ store: some CodingStore, coders: [String], names: [Int64: String], spans: [CodingSpan])
        throws -> [CoderWork]
    {
        let independence = try store.independence()
        let assistance = try store.assistance()
        let byCoder = Dictionary(grouping: spans) { names[$0.coderID]?.lowercased() ?? "" }
        return coders.map { coder in
            let own = byCoder[coder.lowercased()] ?? []
            var work = CoderWork(
                coder: coder, documents: Set(own.map(\.documentID)).count, codings: own.count, blind: 0,
                seeingOthers: 0, unknown: 0, accepted: 0)
            for span in own {
                switch independence[span] {
                case true?: work.blind += 1
                case false?: work.seeingOthers += 1
                case nil: work.unknown += 1
                }
                if assistance[span] != nil { work.accepted += 1 }
            }
            return work
        }
    }
}
