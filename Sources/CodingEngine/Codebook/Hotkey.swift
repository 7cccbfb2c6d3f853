/// A code's hotkey: one key that codes the selection in the workbench.
public enum Hotkey {
    /// The keys the workbench's transcript already uses (moving, selecting, the
    /// screens, `q` and `?`). A hotkey among them would never reach its code, so a
    /// codebook that gives one is refused. The workbench's tests check this list
    /// against its key table.
    public static let reserved: Set<Character> = Set("jkhlwb)(}{ gG][e/nNvtspc.x<>-+muoa#drfHMFKQSBPA:?q")

    /// Why `key` cannot be a hotkey, or nil when it can.
    public static func problem(_ key: String) -> String? {
        guard key.count == 1, key.unicodeScalars.count == 1, let scalar = key.unicodeScalars.first,
            !scalar.properties.isWhitespace, !VisibleText.isControl(scalar), scalar.value >= 0x21
        else {
            return "a hotkey is one printable character, e.g. \"1\""
        }
        if reserved.contains(Character(scalar)) {
            return "hotkey \"\(key)\" is a workbench key (see ? in the workbench); choose a digit or another key"
        }
        return nil
    }
}
