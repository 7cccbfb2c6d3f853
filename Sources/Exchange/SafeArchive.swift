import Foundation
import ZIPFoundation

/// The files of a zip archive read into memory, refusing what could harm: entries
/// that point outside the archive (`..`, absolute paths), too many entries, or more
/// unpacked bytes than a limit (counted while unpacking, not trusted from headers).
public struct SafeArchive {
    public static let maximumEntries = 100_000
    public static let maximumBytes: UInt64 = 2 << 30   // 2 GiB

    /// Entry path → contents; paths compared as written.
    public let files: [String: Data]

    public init(path: String, maximumBytes: UInt64 = SafeArchive.maximumBytes, maximumEntries: Int = SafeArchive.maximumEntries) throws {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw ExchangeError.notAZip(path: path)
        }
        let fileSize = UInt64((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        var files: [String: Data] = [:]
        var total: UInt64 = 0
        var count = 0
        for entry in archive {
            count += 1
            guard count <= maximumEntries else { throw ExchangeError.tooLarge(path: path, limit: "\(maximumEntries) entries") }
            let name = entry.path
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            guard !name.hasPrefix("/"), !name.hasPrefix("\\"), !name.contains("\\.."), !parts.contains(".."),
                  !(name.count > 1 && name.dropFirst().hasPrefix(":")) else {
                throw ExchangeError.unsafeEntry(path: path, entry: name)
            }
            guard entry.type == .file else { continue }
            // An entry claiming more bytes than the file holds is truncated or forged;
            // reading it would wait for data that never comes.
            guard entry.compressedSize <= fileSize else {
                throw ExchangeError.truncated(path: path, entry: name)
            }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    total += UInt64(chunk.count)
                    if total > maximumBytes { throw ExchangeError.tooLarge(path: path, limit: Self.describe(maximumBytes)) }
                    data.append(chunk)
                }
            } catch let error as ExchangeError {
                throw error
            } catch {
                throw ExchangeError.notAZip(path: path)
            }
            files[name] = data
        }
        self.files = files
    }

    /// The entry at `path`, matching the folder name without regard to case
    /// (`Sources/` or `sources/`).
    public func file(_ path: String) -> Data? {
        if let data = files[path] { return data }
        let lower = path.lowercased()
        return files.first { $0.key.lowercased() == lower }?.value
    }

    static func describe(_ bytes: UInt64) -> String {
        bytes >= 1 << 30 ? "\(bytes >> 30) GiB" : bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
