import Foundation

/// The recording of an interview: the audio or video file a document names, found on
/// disk and played from a turn's time in an external player.
///
/// A document names it with `media: interview.m4a` in its front matter, or, for a
/// subtitle file (`.vtt`, `.srt`), by the recording of the same name beside it; it
/// is kept as the document property `media`, as written. A name that is not an
/// absolute path is looked for beside the transcript it was imported from, then beside
/// the project file, then in the current folder.
public enum Recording {
    /// The document property that names the recording.
    public static let property = "media"

    /// File endings of recordings, audio and video.
    public static let extensions = [
        "m4a", "mp3", "wav", "ogg", "opus", "flac", "aac", "wma", "mp4", "m4v", "mov", "mkv", "webm", "avi",
    ]

    /// The player the workbench starts: mpv, found on `PATH` (see `Player`).
    public static let player = "mpv"

    /// The recording beside the subtitle file at `path` with its name (the file name
    /// alone), if there is one.
    public static func sibling(of path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension()
        for ending in extensions {
            for candidate in [ending, ending.uppercased()] {
                let file = stem.appendingPathExtension(candidate)
                if isFile(file.path) { return file.lastPathComponent }
            }
        }
        return nil
    }

    /// The recording a document names, as written, from its properties.
    public static func named(in properties: [CaseAttribute]) -> String? {
        properties.first { $0.key == property }.map { $0.value.description }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Why a recording cannot be played, in words for the status bar and the terminal.
    public enum Problem: Error, Equatable, Sendable {
        case noRecording(document: String)
        case noTime(turn: Int)
        case notFound(name: String, looked: [String])
        case noPlayer
        case playerFailed(String)

        public var description: String {
            switch self {
            case .noRecording(let document):
                return "\(document) names no recording (add `media: FILE` to its front matter)"
            case .noTime(let turn):
                return "turn \(turn) has no time (times come from subtitles and [h:mm:ss] stamps)"
            case .notFound(let name, let looked):
                return "the recording \(name) is not there (looked in \(looked.joined(separator: ", ")))"
            case .noPlayer:
                return "no player: install mpv (apt install mpv)"
            case .playerFailed(let reason):
                return "mpv did not start: \(reason)"
            }
        }
    }

    /// The file the recording `name` is, looked for as the type says.
    public static func locate(
        _ name: String, transcript sourcePath: String?, project projectPath: String?,
        currentFolder: String = FileManager.default.currentDirectoryPath
    ) throws(Problem) -> String {
        if name.hasPrefix("/") {
            guard isFile(name) else { throw Problem.notFound(name: name, looked: [name]) }
            return name
        }
        var folders: [String] = []
        for path in [sourcePath.map(containerPath), projectPath].compactMap({ $0 }) {
            let folder = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: currentFolder, isDirectory: true))
                .deletingLastPathComponent().standardizedFileURL.path
            if !folders.contains(folder) { folders.append(folder) }
        }
        if !folders.contains(currentFolder) { folders.append(currentFolder) }
        for folder in folders {
            let file = URL(fileURLWithPath: folder, isDirectory: true).appendingPathComponent(name).path
            if isFile(file) { return file }
        }
        throw Problem.notFound(name: name, looked: folders)
    }

    /// The file a transcript's source path names: the path itself when it is a file (a
    /// folder may hold `#`), else the archive before its last `#` (`study.qdpx#sources/x.txt`).
    static func containerPath(_ sourcePath: String) -> String {
        guard !isFile(sourcePath), let mark = sourcePath.lastIndex(of: "#") else { return sourcePath }
        return String(sourcePath[..<mark])
    }

    private static func isFile(_ path: String) -> Bool {
        if case .regular = FileKind.of(path) { return true }
        return false
    }

    /// The stretch of the recording turn `index` of `turns` is: from its start time to
    /// its end time, else to the next turn's start time, else to the end.
    public static func stretch(of index: Int, in turns: [Turn]) throws(Problem) -> (start: Double, end: Double?) {
        let turn = turns[index]
        guard let start = turn.startTime, ClockTime.isValid(start) else { throw Problem.noTime(turn: turn.index) }
        let next = turns[(index + 1)...].lazy.compactMap(\.startTime).first { $0 > start }
        let end = turn.endTime.flatMap { $0 > start && ClockTime.isValid($0) ? $0 : nil } ?? next
        return (start, end)
    }
}
