import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one way intertwine writes a file: exports, backups and new projects.
///
/// The target is checked first: a folder, a device, a FIFO, a symbolic link, any
/// SQLite database (a project, a backup) and a database's `-wal`, `-shm` or
/// `-journal` are refused, and an existing regular file is replaced only when the
/// researcher asked (`--force`). The file is then written under a hidden temporary
/// name beside the target, synced, and renamed into place when complete, so a kill
/// at any moment leaves either the old file or the whole new one under the final
/// name. Leftovers of a killed run are removed the next time the same target is
/// written.
public enum OutputFile {
    /// Refuses `path` as a target unless it is a new file name in an existing folder,
    /// or (with `replacing`) an existing regular file that is not a database.
    public static func check(_ path: String, replacing: Bool) throws {
        guard !path.isEmpty, !PathName.fileName(path).isEmpty else {
            throw EngineError.outputRefused(path: path, reason: "an empty file name")
        }
        guard !path.hasSuffix("/"), PathName.fileName(path) != ".", PathName.fileName(path) != ".." else {
            throw EngineError.outputRefused(path: path, reason: "it names a folder; name a file")
        }
        let folder = PathName.folderOrCurrent(path)
        guard case .folder = FileKind.of(folder) else { throw EngineError.fileMissing(path: folder) }
        for suffix in ["-wal", "-shm", "-journal"] where path.hasSuffix(suffix) {
            let database = String(path.dropLast(suffix.count))
            if FileKind.isSQLiteDatabase(database) {
                throw EngineError.outputRefused(path: path, reason: "it belongs to the SQLite database \(database)")
            }
        }
        switch FileKind.of(path, followingLinks: false) {
        case .missing:
            return
        case .folder:
            throw EngineError.outputRefused(path: path, reason: "it is a folder; name a file inside it")
        case .symbolicLink:
            throw EngineError.outputRefused(path: path, reason: "it is a symbolic link; name the file itself")
        case .special(let what):
            throw EngineError.outputRefused(path: path, reason: "it is \(what), not a regular file")
        case .regular:
            if FileKind.isSQLiteDatabase(path) {
                throw EngineError.outputRefused(
                    path: path,
                    reason: "it is a SQLite database (a project or a backup), which intertwine never writes over")
            }
            if !replacing { throw EngineError.outputExists(path: path) }
        }
    }

    /// Writes `bytes` to `path` through a temporary file.
    public static func write(_ bytes: some Collection<UInt8>, to path: String, replacing: Bool) throws {
        try write(to: path, replacing: replacing) { temporary in
            try writeNew(Array(bytes), to: temporary, reportingAs: path)
        }
    }

    /// Checks `path`, lets `body` write the file at the temporary path it is given,
    /// then moves it into place. Nothing is left under either name when `body` or the
    /// move fails.
    public static func write(to path: String, replacing: Bool, _ body: (String) throws -> Void) throws {
        removeLeftovers(of: path)
        try check(path, replacing: replacing)
        let temporary = temporaryPath(for: path)
        removeWithSidecars(temporary)
        do {
            try body(temporary)
            guard case .regular = FileKind.of(temporary, followingLinks: false) else {
                throw EngineError.cannotWrite(path: path, reason: "the file was not written")
            }
            try sync(temporary, reportingAs: path)
            try place(temporary, at: path, replacing: replacing)
            syncFolder(of: path)
        } catch {
            removeWithSidecars(temporary)
            throw error
        }
    }

    /// Replaces the project file at `path` (a file synced with its team project) with
    /// the one `body` writes at the temporary path it is given, in one rename. The
    /// project's journal files are removed after: their contents were folded into the
    /// file (`Project.checkpoint`) before it was read. Nothing changes when `body` fails.
    public static func replaceProject(at path: String, _ body: (String) throws -> Void) throws {
        guard case .regular = FileKind.of(path, followingLinks: false), FileKind.isSQLiteDatabase(path) else {
            throw EngineError.projectMissing(path: path)
        }
        removeLeftovers(of: path)
        let temporary = temporaryPath(for: path)
        removeWithSidecars(temporary)
        do {
            try body(temporary)
            // The project keeps who may read it (a file of interviews may be private).
            var status = stat()
            if stat(path, &status) == 0 { chmod(temporary, status.st_mode & 0o7777) }
            try sync(temporary, reportingAs: path)
            guard rename(temporary, path) == 0 else { throw failure(errno, path) }
            for suffix in ["-wal", "-shm", "-journal"] { unlink(path + suffix) }
            syncFolder(of: path)
        } catch {
            removeWithSidecars(temporary)
            throw error
        }
    }

    /// The hidden name beside `path` that a write in progress uses.
    public static func temporaryPath(for path: String) -> String {
        PathName.joined(
            PathName.folder(path), ".\(temporaryStem(PathName.fileName(path))).intertwine-\(getpid()).partial")
    }

    /// The part of the hidden name that stands for `name`: the name itself, or, when the
    /// hidden name would pass the 255 bytes a file name may have (a legal 249-byte
    /// name), its start cut at a character and a hash of the whole name.
    static func temporaryStem(_ name: String) -> String {
        let room = 255 - ".intertwine-\(Int32.max).partial".utf8.count - 1
        guard name.utf8.count > room else { return name }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01b3 }
        let mark = "~" + String(hash, radix: 16)
        var start = ""
        for character in name {
            guard start.utf8.count + String(character).utf8.count + mark.utf8.count <= room else { break }
            start.append(character)
        }
        return start + mark
    }

    /// Removes temporary files of earlier runs for `path` whose process has ended.
    public static func removeLeftovers(of path: String) {
        let folder = PathName.folderOrCurrent(path)
        let name = PathName.fileName(path)
        let prefix = ".\(temporaryStem(name)).intertwine-"
        let oldPrefix = "\(name).partial-" // the name intertwine 0.1 used
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries {
            let pidText: Substring
            if entry.hasPrefix(prefix), let dot = entry.dropFirst(prefix.count).firstIndex(of: ".") {
                pidText = entry[entry.index(entry.startIndex, offsetBy: prefix.count)..<dot]
            } else if entry.hasPrefix(oldPrefix) {
                pidText = entry.dropFirst(oldPrefix.count).prefix { $0.isNumber }
            } else {
                continue
            }
            guard let pid = Int32(pidText), pid != getpid(), !processIsRunning(pid) else { continue }
            try? FileManager.default.removeItem(atPath: PathName.joined(PathName.folder(path), entry))
        }
    }

    static func processIsRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    static func removeWithSidecars(_ path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    /// Creates `path` (which must not exist) holding `bytes`, synced to disk.
    static func writeNew(_ bytes: [UInt8], to path: String, reportingAs target: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(errno, target) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                // Safe: the loop runs only while bytes remain, so the buffer has an address.
                systemWrite(descriptor, buffer.baseAddress! + written, min(buffer.count - written, 1 << 20))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw failure(errno, target)
            }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw failure(errno, target) }
    }

    static func sync(_ path: String, reportingAs target: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(errno, target) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure(errno, target) }
    }

    static func syncFolder(of path: String) {
        let descriptor = open(PathName.folderOrCurrent(path), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// Moves the finished temporary file to `path`: atomically replacing it when
    /// `replacing`, else only if nothing appeared there meanwhile.
    static func place(_ temporary: String, at path: String, replacing: Bool) throws {
        if replacing {
            try check(path, replacing: true)
            guard rename(temporary, path) == 0 else { throw failure(errno, path) }
            return
        }
        if link(temporary, path) == 0 {
            unlink(temporary)
            return
        }
        let problem = errno
        if problem == EEXIST { throw EngineError.outputExists(path: path) }
        // A file system without hard links: check, then rename.
        guard problem == EPERM || problem == ENOTSUP || problem == EXDEV || problem == EMLINK else {
            throw failure(problem, path)
        }
        guard FileKind.of(path, followingLinks: false) == .missing else { throw EngineError.outputExists(path: path) }
        guard rename(temporary, path) == 0 else { throw failure(errno, path) }
    }

    /// The researcher's error when a library (the zip writer) failed to write `path`
    /// without saying why: `errno` if it still tells, else a full disk if the folder
    /// has less than a megabyte left, else a write that failed.
    public static func libraryFailure(_ path: String) -> EngineError {
        let code = errno
        if code == ENOSPC || code == EDQUOT || code == EFBIG { return .diskFull(path: path) }
        var info = statvfs()
        if statvfs(PathName.folderOrCurrent(path), &info) == 0, UInt64(info.f_bavail) * UInt64(info.f_frsize) < 1 << 20
        {
            return .diskFull(path: path)
        }
        return .cannotWrite(path: path, reason: code == 0 ? "the write failed" : String(cString: strerror(code)))
    }

    /// The researcher's error for a failed system call on `path`.
    static func failure(_ code: Int32, _ path: String) -> EngineError {
        switch code {
        case ENOSPC, EDQUOT, EFBIG: return .diskFull(path: path)
        case EACCES, EPERM, EROFS: return .projectReadOnly(path: path)
        default: return .cannotWrite(path: path, reason: String(cString: strerror(code)))
        }
    }
}

/// `write(2)`, named apart from the methods called `write` here.
func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.write(descriptor, buffer, count)
    #else
        return Darwin.write(descriptor, buffer, count)
    #endif
}
