/// Records moved one way by a sync: per kind, how many were added, changed and removed.
public struct SyncMoves: Equatable, Sendable {
    public var added: [SyncPoint.Kind: Int] = [:]
    public var changed: [SyncPoint.Kind: Int] = [:]
    public var removed: [SyncPoint.Kind: Int] = [:]

    public init() {}

    /// The records that differ between `before` and `after`, kind by kind.
    init(from before: [SyncPoint.Kind: [String: String]], to after: [SyncPoint.Kind: [String: String]]) {
        for kind in SyncPoint.Kind.allCases {
            let old = before[kind] ?? [:], new = after[kind] ?? [:]
            for (key, print) in new {
                if let was = old[key] {
                    if was != print { changed[kind, default: 0] += 1 }
                } else {
                    added[kind, default: 0] += 1
                }
            }
            for key in old.keys where new[key] == nil { removed[kind, default: 0] += 1 }
        }
    }

    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }

    /// In words, kind by kind: "3 codings added, 1 changed; 1 memo added"; "nothing".
    public var sentence: String {
        let parts = SyncPoint.Kind.allCases.compactMap { kind -> String? in
            let counts = [
                ("added", added[kind] ?? 0), ("changed", changed[kind] ?? 0), ("removed", removed[kind] ?? 0),
            ]
            .filter { $0.1 > 0 }
            guard let first = counts.first else { return nil }
            let head = "\(first.1) \(first.1 == 1 ? kind.singular : kind.plural) \(first.0)"
            return ([head] + counts.dropFirst().map { "\($0.1) \($0.0)" }).joined(separator: ", ")
        }
        return parts.isEmpty ? "nothing" : parts.joined(separator: "; ")
    }
}

/// What a sync of a file project with its team project did.
public struct SyncReport: Equatable, Sendable {
    /// From the file to the server.
    public var up = SyncMoves()
    /// From the server to the file.
    public var down = SyncMoves()
    /// Records changed on both sides since the last sync: the server's version kept, and
    /// what the file had, in words (a code's version kept as a memo on it, a memo's
    /// text added beside the server's).
    public var bothChanged: [String] = []

    public init() {}
}
