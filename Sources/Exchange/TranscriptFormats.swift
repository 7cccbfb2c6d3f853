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
        guard ["docx", "vtt", "srt"].contains(ending) else { return try Transcript.read(path: path, caseName: caseName) }
        let name = url.deletingPathExtension().lastPathComponent
        let folder = url.deletingLastPathComponent().lastPathComponent
        guard let caseName = caseName ?? (folder.isEmpty || folder == "/" ? nil : folder) else { throw EngineError.noCase(path: path) }
        switch ending {
        case "docx": return try DocxReader.read(path: path, name: name, caseName: caseName)
        default: return try SubtitleReader.read(path: path, name: name, caseName: caseName)
        }
    }

    /// A file's bytes, with the engine's errors for missing or unreadable files.
    static func bytes(_ path: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else { throw EngineError.fileMissing(path: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EngineError.fileUnreadable(path: path, reason: "permission denied")
        }
        return [UInt8](data)
    }
}

/// Word documents: the text of each paragraph of the body, in order; speaker labels
/// are found as in plain text. Tables and pictures are skipped.
public enum DocxReader {
    public static func read(path: String, name: String, caseName: String) throws -> Transcript {
        guard FileManager.default.fileExists(atPath: path) else { throw EngineError.fileMissing(path: path) }
        let archive = try SafeArchive(path: path)
        guard let xml = archive.file("word/document.xml") else { throw ExchangeError.missingPart(path: path, part: "word/document.xml") }
        let root: XMLTree
        do {
            root = try XMLTree.parse(xml, part: "word/document.xml")
        } catch let error as XMLTree.ParseError {
            throw ExchangeError.xml(path: path, error)
        }
        let paragraphs = (root.first("body")?.children ?? []).filter { $0.name == "p" }.map(text)
        let body = paragraphs.joined(separator: "\n\n")
        return try Transcript.parse(bytes: Array(body.utf8), path: path, name: name, caseName: caseName, folderName: nil, frontMatter: false)
    }

    /// A paragraph's text: its runs' `t` elements, tabs and line breaks.
    static func text(_ element: XMLTree) -> String {
        var out = ""
        for child in element.children {
            switch child.name {
            case "t": out += child.text
            case "tab": out += "\t"
            case "br", "cr": out += "\n"
            case "drawing", "pict", "object": continue
            default: out += text(child)
            }
        }
        return out
    }
}
