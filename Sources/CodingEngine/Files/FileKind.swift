import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What is at a path, from `stat`: intertwine reads and writes regular files only,
/// so that a FIFO never blocks it, a device is never replaced and a folder is never
/// deleted.
public enum FileKind: Equatable, Sendable {
    case missing
    case regular(size: Int64)
    case folder
    case symbolicLink
    /// A FIFO, device or socket, with its name for messages.
    case special(String)

    /// What `path` is; symbolic links are followed unless `followingLinks` is false.
    public static func of(_ path: String, followingLinks: Bool = true) -> FileKind {
        var info = stat()
        let result = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard result == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular(size: Int64(info.st_size))
        case S_IFDIR: return .folder
        case S_IFLNK: return .symbolicLink
        case S_IFIFO: return .special("a FIFO")
        case S_IFCHR: return .special("a character device")
        case S_IFBLK: return .special("a block device")
        case S_IFSOCK: return .special("a socket")
        default: return .special("not a regular file")
        }
    }

    /// The device and inode of the file at `path` (links followed), to tell whether
    /// two paths name one file.
    public static func identity(_ path: String) -> (device: UInt64, inode: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    /// Whether two paths name the same file (through links, `..` or hard links).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        guard let x = identity(a), let y = identity(b) else { return false }
        return x == y
    }

    /// Checks that `path` is a regular file that can be read, else throws the
    /// researcher's error (missing, a folder, a FIFO or device).
    public static func requireReadableFile(_ path: String) throws {
        switch of(path) {
        case .missing: throw EngineError.fileMissing(path: path)
        case .folder: throw EngineError.fileUnreadable(path: path, reason: "it is a folder; name a file")
        case .special(let what):
            throw EngineError.fileUnreadable(path: path, reason: "it is \(what), not a regular file")
        case .regular, .symbolicLink:
            guard access(path, R_OK) == 0 else {
                throw EngineError.fileUnreadable(path: path, reason: "permission denied")
            }
        }
    }

    /// Reads a whole regular file, with the researcher's errors.
    public static func contents(_ path: String) throws -> [UInt8] {
        try requireReadableFile(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EngineError.fileUnreadable(path: path, reason: "permission denied")
        }
        return [UInt8](data)
    }

    /// Whether the file at `path` starts with SQLite's header.
    public static func isSQLiteDatabase(_ path: String) -> Bool {
        guard case .regular = of(path), let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        return header.count == 16 && header.starts(with: Array("SQLite format 3".utf8) + [0])
    }
}
