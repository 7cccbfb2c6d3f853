import CodingEngine
import Foundation

/// Every transcript format `intertwine import` reads: plain text and Markdown (with
/// front matter), Word (`.docx`), WebVTT and SubRip subtitles.
public enum TranscriptFormats {
    public static let extensions: Set<String> = Transcript.extensions.union(["docx", "vtt", "srt"])

    /// Reads the transcript at `path`; the case is `caseName`, else the folder's name
    /// (plain text and Markdown can name it in front matter).
    @Sendable
    public static func read(path: String, caseName: String?) throws -> Transcript {
        let url = URL(fileURLWithPath: path)
        let ending = url.pathExtension.lowercased()
        guard ["docx", "vtt", "srt"].contains(ending) else {
            return try Transcript.read(path: path, caseName: caseName)
        }
        let name = url.deletingPathExtension().lastPathComponent
        let folder = url.deletingLastPathComponent().lastPathComponent
        guard let caseName = caseName ?? (folder.isEmpty || folder == "/" ? nil : folder) else {
            throw EngineError.noCase(path: path)
        }
        switch ending {
        case "docx": return try DocxReader.read(path: path, name: name, caseName: caseName)
        default:
            // A subtitle file's recording is the file of the same name beside it.
            var transcript = try SubtitleReader.read(path: path, name: name, caseName: caseName)
            if let media = Recording.sibling(of: path) {
                transcript.frontMatter.documentProperties.append(
                    CaseAttribute(key: Recording.property, value: .text(media)))
            }
            return transcript
        }
    }

    /// A file's bytes, with the engine's errors for missing or unreadable files.
    static func bytes(_ path: String) throws -> [UInt8] { try FileKind.contents(path) }
}
