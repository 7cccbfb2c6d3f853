/// Whether a REFI-QDA file's positions count code points or UTF-16 units, decided
/// as its sources are read: the selections that name their text (the first
/// `RefiSelections.namedPerSource` of each source) vote for the unit under which
/// that text is where they say; once 200 have voted, or after the last source, the
/// majority wins, and a tie falls to the origin (NVivo for Windows counts UTF-16).
struct PositionVote {
    private var codePoints = 0
    private var utf16 = 0
    /// Votes after which later sources are not asked.
    static let enough = 200

    /// Whether enough selections have voted for later sources not to matter.
    var decided: Bool { codePoints + utf16 >= Self.enough }

    /// The votes of one source's selections.
    mutating func add(_ selections: [RefiSelections.Selection], _ text: SourceText) {
        guard !decided else { return }
        for selection in selections.prefix(RefiSelections.namedPerSource) {
            guard let name = selection.name, !name.isEmpty,
                let start = selection.start.flatMap({ Int($0) }), let end = selection.end.flatMap({ Int($0) })
            else { continue }
            let asPoints = text.text(start, end, utf16: false) == name
            let asUnits = text.text(start, end, utf16: true) == name
            if asPoints && !asUnits { codePoints += 1 }
            if asUnits && !asPoints { utf16 += 1 }
        }
    }

    /// True when positions count UTF-16 units; `origin` is the file's `origin` attribute.
    func verdict(origin: String) -> Bool {
        if codePoints != utf16 { return utf16 > codePoints }
        let lower = origin.lowercased()
        return lower.contains("nvivo") && !lower.contains("mac")
    }
}
