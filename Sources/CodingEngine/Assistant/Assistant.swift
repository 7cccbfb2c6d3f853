/// An AI assistant as the project knows it: one more coder, named `assistant:NAME`, whose
/// codings are proposals a person accepts or rejects. The prefix keeps an assistant's
/// codings apart from every person's in agreement, review and exports.
public enum Assistant {
    /// What begins every assistant's coder name.
    public static let prefix = "assistant:"

    /// The coder name of the assistant called `name` (`claude` → `assistant:claude`;
    /// a name that has the prefix already is kept).
    public static func coderName(_ name: String) -> String {
        let trimmed = Name.trimmed(name)
        return trimmed.hasPrefix(prefix) ? trimmed : prefix + trimmed
    }

    /// Whether `coder` names an assistant rather than a person.
    public static func isAssistant(_ coder: String) -> Bool {
        Name.trimmed(coder).hasPrefix(prefix)
    }
}
