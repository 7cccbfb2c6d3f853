import CodingEngine
import Foundation

/// The times of a transcript's turns (from subtitles or timed labels) in a REFI-QDA
/// project: the standard has no place for them, so they travel as a text variable of
/// the source, `turn_times (intertwine)`: "1=1.000-4.500;2=5.000-72.250" (turn, start
/// and end in seconds, an end left out when not known). intertwine's import puts them
/// back on the turns; other programs show the variable as text.
public enum RefiTurnTimes {
    public static let variable = "turn_times (intertwine)"

    /// The turns' times, or nil when no turn has one.
    public static func encode(_ turns: [Turn]) -> String? {
        let timed = turns.compactMap { turn in turn.startTime.map { (turn, $0) } }
        guard !timed.isEmpty else { return nil }
        return timed.map { turn, start in
            "\(turn.index)=" + String(format: "%.3f", start) + (turn.endTime.map { String(format: "-%.3f", $0) } ?? "")
        }.joined(separator: ";")
    }

    /// Puts the times of `text` (as `encode` writes them) on the turns of the same
    /// number; anything that does not read as a time is left out.
    public static func apply(_ text: String, to turns: inout [Turn]) {
        for part in text.split(separator: ";") {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, let index = Int(pieces[0]),
                let turn = turns.firstIndex(where: { $0.index == index })
            else { continue }
            let bounds = pieces[1].split(separator: "-", maxSplits: 1).map { Double($0) }
            guard let start = bounds.first ?? nil, start.isFinite, start >= 0 else { continue }
            turns[turn].startTime = start
            if bounds.count == 2, let end = bounds[1], end.isFinite, end >= start { turns[turn].endTime = end }
        }
    }
}
