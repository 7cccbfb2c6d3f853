/// File paths taken apart as plain strings.
///
/// Foundation's `NSString` path methods crash on some inputs on Linux (a
/// one-character relative path in `deletingLastPathComponent`), so every path the
/// researcher types goes through these instead.
public enum PathName {
    /// The folder part of `path` ("" for a bare file name, "/" for a file at the root).
    public static func folder(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        let folder = String(trimmed[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// The folder part of `path`, or "." for a bare file name: a path to open or list.
    public static func folderOrCurrent(_ path: String) -> String {
        let folder = folder(path)
        return folder.isEmpty ? "." : folder
    }

    /// The last component of `path` (the file's name).
    public static func fileName(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// The file's name without its extension (`brw.txt` → `brw`; `.hidden` stays).
    public static func baseName(_ path: String) -> String {
        let name = fileName(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// `path` without the extension of its last component.
    public static func deletingExtension(_ path: String) -> String {
        let folder = folder(path)
        let base = baseName(path)
        if folder.isEmpty { return base }
        return folder == "/" ? "/" + base : folder + "/" + base
    }

    /// `name` inside `folder` ("" meaning the current folder).
    public static func joined(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    private static func trimmingTrailingSlashes(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        return String(trimmed)
    }
}
