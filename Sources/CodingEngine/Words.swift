/// Counts in words: "1 passage", "3 passages", "1 document in 1 case".
public enum Words {
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
    }
}
