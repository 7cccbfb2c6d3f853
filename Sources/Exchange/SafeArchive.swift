import CodingEngine
import Foundation

/// The files of a zip archive read into memory, refusing what could harm: entries
/// that point outside the archive (`..`, absolute paths), too many entries, more
/// unpacked bytes than a limit (counted while unpacking, not trusted from headers),
/// and truncated or corrupt data (checked against each entry's CRC).
public struct SafeArchive {
    public static let maximumEntries = 100_000
    public static let maximumBytes: UInt64 = 2 << 30 // 2 GiB

    /// Entry path → contents; paths compared as written.
    public private(set) var files: [String: Data]

    /// Reads the archive at `path`: every entry's name is checked, and the entries
    /// `unpacking` accepts (all of them unless given) are unpacked within
    /// `maximumBytes` in all.
    public init(
        path: String, maximumBytes: UInt64 = SafeArchive.maximumBytes, maximumEntries: Int = SafeArchive.maximumEntries,
        unpacking wanted: ((String) -> Bool)? = nil
    ) throws {
        let bytes = try FileKind.contents(path)
        guard !bytes.isEmpty else { throw ExchangeError.emptyArchive(path: path) }
        let reader: ZipReader
        do {
            reader = try ZipReader(bytes)
        } catch ZipReader.Problem.truncated(let entry) {
            throw ExchangeError.truncated(path: path, entry: entry)
        } catch ZipReader.Problem.unsupported(let what) {
            throw ExchangeError.invalid(path: path, part: "archive", line: 0, problem: "\(what) are not supported")
        } catch {
            throw ExchangeError.notAZip(path: path)
        }
        guard reader.entries.count <= maximumEntries else {
            throw ExchangeError.tooLarge(path: path, limit: "\(maximumEntries) entries")
        }
        var wantedEntries: [ZipReader.Entry] = []
        for entry in reader.entries {
            let name = entry.name
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            guard !name.hasPrefix("/"), !name.hasPrefix("\\"), !name.contains("\\.."), !parts.contains(".."),
                !(name.count > 1 && name.dropFirst().hasPrefix(":"))
            else {
                throw ExchangeError.unsafeEntry(path: path, entry: name)
            }
            guard !entry.isFolder, wanted?(name) ?? true else { continue }
            wantedEntries.append(entry)
        }
        // Entries are inflated on all cores. Each may use what is left of the budget
        // when it starts, and takes what it used from it when done: together they can
        // never pass it by more than one entry per core.
        final class Shared: @unchecked Sendable {
            var budget: UInt64
            var results: [Result<Data, Error>?]
            let lock = NSLock()
            init(_ budget: UInt64, _ count: Int) { self.budget = budget; results = Array(repeating: nil, count: count) }
        }
        let shared = Shared(maximumBytes, wantedEntries.count)
        let toInflate = wantedEntries
        DispatchQueue.concurrentPerform(iterations: toInflate.count) { i in
            shared.lock.lock()
            var budget = shared.budget
            let exhausted = shared.results.contains { if case .failure = $0 { true } else { false } }
            shared.lock.unlock()
            guard !exhausted else { return }
            let start = budget
            let result = Result { try reader.contents(toInflate[i], budget: &budget) }
            shared.lock.lock()
            let used = start - budget
            if used > shared.budget {
                shared.results[i] = .failure(ZipReader.Problem.tooLarge)
            } else {
                shared.budget -= used
                shared.results[i] = result
            }
            shared.lock.unlock()
        }
        var files: [String: Data] = [:]
        for (entry, result) in zip(wantedEntries, shared.results) {
            do {
                // An entry not inflated because an earlier one failed: that one is thrown first.
                guard let result else { continue }
                files[entry.name] = try result.get()
            } catch ZipReader.Problem.tooLarge {
                throw ExchangeError.tooLarge(path: path, limit: Self.describe(maximumBytes))
            } catch ZipReader.Problem.unsupported(let what) {
                throw ExchangeError.invalid(path: path, part: entry.name, line: 0, problem: "\(what) is not supported")
            } catch {
                throw ExchangeError.truncated(path: path, entry: entry.name)
            }
        }
        self.files = files
    }

    /// The entry at `path`, matching the folder name without regard to case
    /// (`Sources/` or `sources/`).
    public func file(_ path: String) -> Data? {
        name(of: path).flatMap { files[$0] }
    }

    /// The entry at `path` as `file(_:)` finds it, taken out of the archive so that
    /// its memory goes as soon as the caller is done with it.
    public mutating func take(_ path: String) -> Data? {
        name(of: path).flatMap { files.removeValue(forKey: $0) }
    }

    /// The entry's name as written in the archive.
    func name(of path: String) -> String? { Self.entryName(path, in: files) }

    /// The key of `files` for the entry `path`: as written, else its folder's name
    /// (or any of it) matched without regard to case.
    static func entryName<T>(_ path: String, in files: [String: T]) -> String? {
        if files[path] != nil { return path }
        let lower = path.lowercased()
        return files.keys.first { $0.lowercased() == lower }
    }

    static func describe(_ bytes: UInt64) -> String {
        bytes >= 1 << 30 ? "\(bytes >> 30) GiB" : bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
