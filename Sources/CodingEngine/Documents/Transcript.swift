import Foundation

/// A transcript file read, checked and parsed, ready to be stored.
///
/// Reading does everything that can fail (missing file, binary or non-UTF-8 bytes,
/// bad front matter, empty text) before the project is touched.
public struct Transcript: Equatable, Sendable {
    /// The document's name: the file name without its extension.
    public var name: String
    public var sourcePath: String
    /// The case: from front matter, else the `--case` given, else the folder's name.
    public var caseName: String
    public var frontMatter: FrontMatter
    /// The stored text (front matter removed).
    public var text: String
    public var sha256: String
    public var length: Int
    public var turns: [Turn]
    /// The document's GUID when the file gives one (a REFI-QDA source); else a new one.
    public var guid: String?

    public init(
        name: String, sourcePath: String, caseName: String, frontMatter: FrontMatter, text: String, sha256: String,
        length: Int, turns: [Turn]
    ) {
        self.name = Name.normalized(name)
        self.sourcePath = sourcePath
        self.caseName = Name.normalized(caseName)
        self.frontMatter = frontMatter
        self.text = text
        self.sha256 = sha256
        self.length = length
        self.turns = turns
    }

    /// The file endings read as transcripts.
    public static let extensions: Set<String> = ["txt", "md", "markdown"]

    /// Reads and parses the transcript at `path`.
    public static func read(path: String, caseName fallbackCase: String? = nil) throws -> Transcript {
        let url = URL(fileURLWithPath: path)
        guard Transcript.extensions.contains(url.pathExtension.lowercased()) else {
            throw EngineError.unsupportedFile(path: path)
        }
        let bytes = try FileKind.contents(path)
        let folderName = url.deletingLastPathComponent().lastPathComponent
        return try parse(
            bytes: bytes, path: path, name: url.deletingPathExtension().lastPathComponent,
            caseName: fallbackCase, folderName: folderName)
    }

    /// Parses a transcript from its bytes; `path` names it in errors.
    public static func parse(
        bytes: [UInt8], path: String, name: String, caseName fallbackCase: String?,
        folderName: String?, frontMatter readFrontMatter: Bool = true
    ) throws -> Transcript {
        let decoded = try StoredText.decodeFile(bytes, path: path)
        let (frontMatter, body) = readFrontMatter ? try FrontMatter.split(decoded, path: path) : (nil, decoded)
        return try make(
            body: body, frontMatter: frontMatter, path: path, name: name, caseName: fallbackCase, folderName: folderName
        )
    }

    /// A transcript of text that is already stored text (decoded, line ends
    /// normalized): a source of a REFI-QDA project. Nothing is removed from it.
    public static func parse(storedText text: String, path: String, name: String, caseName: String) throws -> Transcript
    {
        try make(body: text, frontMatter: nil, path: path, name: name, caseName: caseName, folderName: nil)
    }

    private static func make(
        body: String, frontMatter: FrontMatter?, path: String, name: String, caseName fallbackCase: String?,
        folderName: String?
    ) throws -> Transcript {
        guard body.unicodeScalars.contains(where: { !TurnFinder.isSpace($0) }) else {
            throw EngineError.emptyFile(path: path)
        }
        let caseName =
            frontMatter?.caseName ?? fallbackCase ?? folderName.flatMap { $0.isEmpty || $0 == "/" ? nil : $0 }
        guard let caseName else { throw EngineError.noCase(path: path) }
        let scalars = ScalarText(body)
        return Transcript(
            name: name, sourcePath: path, caseName: caseName, frontMatter: frontMatter ?? FrontMatter(),
            text: body, sha256: StoredText.sha256(body), length: scalars.length,
            turns: TurnFinder.turns(in: scalars))
    }

    /// The transcript files named by `paths`: files as given, folders searched
    /// (with their subfolders) for `.txt` and `.md` files, in name order.
    public static func files(in paths: [String], extensions: Set<String> = Transcript.extensions) throws -> [String] {
        var result: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw EngineError.fileMissing(path: path)
            }
            guard isFolder.boolValue else {
                result.append(path)
                continue
            }
            var found: [String] = []
            try walk(
                path.hasSuffix("/") ? String(path.dropLast()) : path, extensions: extensions, into: &found, top: path)
            guard !found.isEmpty else { throw EngineError.noTranscripts(folder: path) }
            result.append(contentsOf: found.sorted())
        }
        return result
    }

    /// The regular files below `folder` with one of `extensions`, hidden names
    /// skipped, links neither followed nor listed (as the folder is walked with
    /// `lstat`, one call per name: Foundation's enumerator with resource values took
    /// 50 ms for 600 files).
    private static func walk(_ folder: String, extensions: Set<String>, into found: inout [String], top: String) throws
    {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            guard folder == top || folder + "/" == top else { return }
            throw EngineError.fileUnreadable(path: top, reason: "cannot list the folder")
        }
        for name in names where !name.hasPrefix(".") {
            let path = folder + "/" + name
            switch FileKind.of(path, followingLinks: false) {
            case .folder: try walk(path, extensions: extensions, into: &found, top: top)
            case .regular:
                if let dot = name.lastIndex(of: "."), extensions.contains(name[name.index(after: dot)...].lowercased())
                {
                    found.append(path)
                }
            default: break
            }
        }
    }
}
