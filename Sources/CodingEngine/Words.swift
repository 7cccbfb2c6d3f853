/// Counts in words: "1 passage", "3 passages", "1 document in 1 case".
public enum Words {
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
    }

    /// How many words `text` holds: runs of characters between white space.
    public static func inText(_ text: String) -> Int {
        var count = 0, inWord = false
        for scalar in text.unicodeScalars {
            let space = scalar.properties.isWhitespace
            if !space, !inWord { count += 1 }
            inWord = !space
        }
        return count
    }
}
