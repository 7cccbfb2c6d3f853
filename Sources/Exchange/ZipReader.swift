import CInflate
import Foundation

/// A zip reader for untrusted archives: it parses the central directory itself,
/// checks that every entry lies inside the file, inflates with zlib while counting
/// the bytes it produces, and refuses truncated or corrupt data instead of waiting
/// for bytes that never come. Stored and deflated entries; no zip64.
struct ZipReader {
    struct Entry {
        var name: String
        var method: UInt16
        var compressedSize: Int
        var uncompressedSize: Int
        var crc: UInt32
        var dataOffset: Int
        var isFolder: Bool { name.hasSuffix("/") }
    }

    enum Problem: Error {
        case notAZip
        case truncated(String)
        case corrupt(String)
        case unsupported(String)
        case tooLarge
    }

    let bytes: [UInt8]
    let entries: [Entry]

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        entries = try Self.directory(bytes)
    }

    private static func u16(_ b: [UInt8], _ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ at: Int) -> Int { u16(b, at) | u16(b, at + 2) << 16 }

    /// The central directory's entries, each checked to lie inside the file.
    private static func directory(_ b: [UInt8]) throws -> [Entry] {
        guard b.count >= 22 else { throw Problem.notAZip }
        var end = -1
        var i = b.count - 22
        let lowest = max(0, b.count - 22 - 65_535)
        while i >= lowest {
            if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 0x05, b[i + 3] == 0x06 { end = i; break }
            i -= 1
        }
        guard end >= 0 else { throw Problem.notAZip }
        let count = u16(b, end + 10), size = u32(b, end + 12), offset = u32(b, end + 16)
        guard count != 0xFFFF, size != 0xFFFF_FFFF, offset != 0xFFFF_FFFF else {
            throw Problem.unsupported("zip64 archives")
        }
        guard offset + size <= end else { throw Problem.truncated("central directory") }
        var entries: [Entry] = []
        var p = offset
        for _ in 0..<count {
            guard p + 46 <= end, b[p] == 0x50, b[p + 1] == 0x4B, b[p + 2] == 0x01, b[p + 3] == 0x02 else {
                throw Problem.corrupt("central directory")
            }
            let nameLength = u16(b, p + 28), extra = u16(b, p + 30), comment = u16(b, p + 32)
            guard p + 46 + nameLength <= end else { throw Problem.corrupt("central directory") }
            let name = String(decoding: b[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            let local = u32(b, p + 42)
            guard local + 30 <= b.count, b[local] == 0x50, b[local + 1] == 0x4B, b[local + 2] == 0x03,
                b[local + 3] == 0x04
            else {
                throw Problem.truncated(name)
            }
            let data = local + 30 + u16(b, local + 26) + u16(b, local + 28)
            let compressed = u32(b, p + 20)
            guard data + compressed <= b.count else { throw Problem.truncated(name) }
            entries.append(
                Entry(
                    name: name, method: UInt16(u16(b, p + 10)), compressedSize: compressed,
                    uncompressedSize: u32(b, p + 24), crc: UInt32(u32(b, p + 16)), dataOffset: data))
            p += 46 + nameLength + extra + comment
        }
        return entries
    }

    /// An entry's contents; `budget` is how many more bytes may be produced.
    func contents(_ entry: Entry, budget: inout UInt64) throws -> Data {
        let output: Data = try bytes.withUnsafeBufferPointer { all in
            let input = UnsafeBufferPointer(rebasing: all[entry.dataOffset..<(entry.dataOffset + entry.compressedSize)])
            switch entry.method {
            case 0:
                guard UInt64(input.count) <= budget else { throw Problem.tooLarge }
                return Data(buffer: input)
            case 8:
                return try inflate(input, name: entry.name, declared: entry.uncompressedSize, budget: budget)
            default:
                throw Problem.unsupported("compression method \(entry.method) in \(entry.name)")
            }
        }
        budget -= UInt64(output.count)
        let crc = output.withUnsafeBytes { UInt32(crc32(0, $0.bindMemory(to: UInt8.self).baseAddress, uInt($0.count))) }
        guard crc == entry.crc else { throw Problem.corrupt(entry.name) }
        return output
    }

    /// Inflates into one buffer of the size the directory declares (not trusted: no
    /// more than 64 times the input, nor than the budget; grown when the data holds
    /// more, and cut to what it held).
    private func inflate(_ input: UnsafeBufferPointer<UInt8>, name: String, declared: Int, budget: UInt64) throws
        -> Data
    {
        var stream = z_stream()
        guard it_inflate_init_raw(&stream) == Z_OK else { throw Problem.corrupt(name) }
        defer { inflateEnd(&stream) }
        // Deflate expands at most about 1032 to 1; text about 3 to 10. A declared size
        // past 64 to 1 is believed only as the data bears it out.
        let plausible = min(
            UInt64(declared), UInt64(input.count) * 1032 + 64, UInt64(input.count) * 64 + 65_536, budget)
        var output = Data(count: Int(plausible) + 1)
        var produced = 0
        var result: Int32 = Z_OK
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = uInt(input.count)
        repeat {
            if produced == output.count {
                guard UInt64(produced) < budget else { throw Problem.tooLarge }
                output.count = Int(min(UInt64(output.count) * 2, budget + 1))
            }
            let room = output.count - produced
            result = output.withUnsafeMutableBytes { raw in
                // Safe: the output was grown above when full, so it has room and an address.
                stream.next_out = raw.bindMemory(to: UInt8.self).baseAddress! + produced
                stream.avail_out = uInt(min(room, Int(UInt32.max)))
                return CInflate.inflate(&stream, Z_NO_FLUSH)
            }
            guard result == Z_OK || result == Z_STREAM_END else { throw Problem.corrupt(name) }
            produced += min(room, Int(UInt32.max)) - Int(stream.avail_out)
            guard UInt64(produced) <= budget else { throw Problem.tooLarge }
            // No more input and room left over: the stream was cut short.
            if result == Z_OK, stream.avail_in == 0, stream.avail_out > 0 { throw Problem.truncated(name) }
        } while result != Z_STREAM_END
        output.count = produced
        return output
    }
}
