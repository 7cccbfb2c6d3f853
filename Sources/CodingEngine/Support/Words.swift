/// Counts in words: "1 passage", "3 passages", "1 document in 1 case".
public enum Words {
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
    }

    /// Names joined as a sentence does: "ana", "ana and ben", "ana, ben and cleo".
    public static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }

    /// `n` with its thousands grouped by commas: 200,000.
    public static func thousands(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    /// How many words `text` holds: runs of characters between white space.
    public static func inText(_ text: String) -> Int { WordCount.words(in: text.unicodeScalars) }
}
