/// Times of speech (seconds from the start of a recording) as people read them.
public enum ClockTime {
    /// The longest recording a time may point into: 1,000 hours. Subtitle files with
    /// later (or negative, or non-numeric) times are refused at import.
    public static let limit: Double = 1000 * 3600

    /// Whether `seconds` is a time a recording can have.
    public static func isValid(_ seconds: Double) -> Bool {
        seconds.isFinite && seconds >= 0 && seconds < limit
    }

    /// `h:mm:ss`, or `m:ss` under an hour when `short`; "?" for a time no recording
    /// has (a value stored by an older intertwine), never a crash.
    public static func text(_ seconds: Double, short: Bool = false) -> String {
        guard isValid(seconds) else { return "?" }
        let total = Int(seconds.rounded(.down))
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if short, h == 0 { return "\(m):\(two(s))" }
        return "\(h):\(two(m)):\(two(s))"
    }
}
