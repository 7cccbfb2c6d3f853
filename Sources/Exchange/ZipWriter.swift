import CInflate
import CodingEngine
import Foundation

/// Writes a zip archive (deflated entries, no zip64) with zlib, every part of every
/// entry deflated on all cores: an entry is cut into pieces of `pieceSize` bytes,
/// each deflated on its own and ended with a sync flush, which joined make one valid
/// deflate stream (the way pigz works); CRC-32s are zlib's, joined with
/// `crc32_combine`. The same entries and date give the same bytes.
enum ZipWriter {
    /// How much of an entry one core deflates at a time.
    static let pieceSize = 4 << 20
    /// zlib's compression level: 4 keeps a `.qdpx` within a few per cent of the
    /// default level's size in well under half its time.
    static let level: Int32 = 4

    /// Why an archive could not be made.
    enum Problem: Error { case tooLarge(String), deflate(String) }

    /// The archive of `entries`, each dated `date` (local time fields, as zip keeps them).
    static func archive(_ entries: [(name: String, data: Data)], dated date: Date) throws -> [UInt8] {
        let progress = WorkProgress("compressing the project", total: entries.reduce(0) { $0 + $1.data.count })
        for entry in entries where entry.data.count >= Int(UInt32.max) { throw Problem.tooLarge(entry.name) }
        // Every piece of every entry, deflated concurrently.
        let pieces: [(entry: Int, range: Range<Int>)] = entries.enumerated().flatMap { index, entry in
            stride(from: 0, to: max(1, entry.data.count), by: pieceSize).map { start in
                (index, start..<min(entry.data.count, start + pieceSize))
            }
        }
        final class Results: @unchecked Sendable {
            var deflated: [[UInt8]]
            var crcs: [UInt32]
            var failed = false
            let lock = NSLock()
            init(_ n: Int) { deflated = Array(repeating: [], count: n); crcs = Array(repeating: 0, count: n) }
        }
        let results = Results(pieces.count)
        DispatchQueue.concurrentPerform(iterations: pieces.count) { i in
            let (entry, range) = pieces[i]
            let last = range.upperBound == entries[entry].data.count
            let outcome = entries[entry].data.withUnsafeBytes { raw in
                deflate(UnsafeRawBufferPointer(rebasing: raw[range]), final: last)
            }
            results.lock.lock()
            if let outcome { results.deflated[i] = outcome.bytes; results.crcs[i] = outcome.crc } else { results.failed = true }
            results.lock.unlock()
            progress.advance(by: range.count)
        }
        if results.failed { throw Problem.deflate("zlib could not deflate") }

        let (time, day) = dosDate(date)
        var out: [UInt8] = []
        out.reserveCapacity(results.deflated.reduce(0) { $0 + $1.count } + entries.count * 128)
        var central: [UInt8] = []
        var piece = 0
        for (index, entry) in entries.enumerated() {
            var crc: UInt32 = 0
            var compressed = 0
            let first = piece
            while piece < pieces.count, pieces[piece].entry == index {
                let length = pieces[piece].range.count
                crc = first == piece ? results.crcs[piece] : UInt32(crc32_combine(uLong(crc), uLong(results.crcs[piece]), off_t(length)))
                compressed += results.deflated[piece].count
                piece += 1
            }
            guard out.count < Int(UInt32.max), compressed < Int(UInt32.max) else { throw Problem.tooLarge(entry.name) }
            let name = Array(entry.name.utf8)
            let offset = UInt32(out.count)
            // Local file header.
            append32(&out, 0x0403_4B50); append16(&out, 20); append16(&out, 0x0800); append16(&out, 8)
            append16(&out, time); append16(&out, day); append32(&out, crc)
            append32(&out, UInt32(compressed)); append32(&out, UInt32(entry.data.count))
            append16(&out, UInt16(name.count)); append16(&out, 0); out += name
            for n in first..<piece { out += results.deflated[n] }
            // Its central directory record: made by Unix, a regular file with mode 644.
            append32(&central, 0x0201_4B50); append16(&central, 0x0314); append16(&central, 20); append16(&central, 0x0800)
            append16(&central, 8); append16(&central, time); append16(&central, day); append32(&central, crc)
            append32(&central, UInt32(compressed)); append32(&central, UInt32(entry.data.count))
            append16(&central, UInt16(name.count)); append16(&central, 0); append16(&central, 0)
            append16(&central, 0); append16(&central, 0); append32(&central, UInt32(0o100644) << 16); append32(&central, offset)
            central += name
        }
        guard out.count + central.count < Int(UInt32.max), entries.count < 0xFFFF else { throw Problem.tooLarge("the archive") }
        let directoryOffset = UInt32(out.count)
        out += central
        append32(&out, 0x0605_4B50); append16(&out, 0); append16(&out, 0)
        append16(&out, UInt16(entries.count)); append16(&out, UInt16(entries.count))
        append32(&out, UInt32(central.count)); append32(&out, directoryOffset); append16(&out, 0)
        return out
    }

    /// One piece deflated (ended with a sync flush, or finished when `final`) and its CRC-32.
    private static func deflate(_ input: UnsafeRawBufferPointer, final: Bool) -> (bytes: [UInt8], crc: UInt32)? {
        var stream = z_stream()
        guard it_deflate_init_raw(&stream, level) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count))) + 16
        var output = [UInt8](repeating: 0, count: bound)
        let base = input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
        let code: Int32 = output.withUnsafeMutableBufferPointer { out in
            stream.next_in = base
            stream.avail_in = uInt(input.count)
            stream.next_out = out.baseAddress
            stream.avail_out = uInt(out.count)
            return CInflate.deflate(&stream, final ? Z_FINISH : Z_SYNC_FLUSH)
        }
        guard code == (final ? Z_STREAM_END : Z_OK), stream.avail_in == 0 else { return nil }
        output.removeLast(Int(stream.avail_out))
        let crc = UInt32(crc32(0, base, uInt(input.count)))
        return (output, crc)
    }

    /// Zip's time and date fields (two-second steps, years from 1980), in UTC.
    private static func dosDate(_ date: Date) -> (time: UInt16, day: UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = max(1980, min(2107, c.year ?? 1980))
        let time = UInt16((c.hour ?? 0) << 11 | (c.minute ?? 0) << 5 | (c.second ?? 0) / 2)
        let day = UInt16((year - 1980) << 9 | (c.month ?? 1) << 5 | (c.day ?? 1))
        return (time, day)
    }

    private static func append16(_ out: inout [UInt8], _ value: UInt16) {
        out.append(UInt8(value & 0xFF)); out.append(UInt8(value >> 8))
    }

    private static func append32(_ out: inout [UInt8], _ value: UInt32) {
        append16(&out, UInt16(value & 0xFFFF)); append16(&out, UInt16(value >> 16))
    }
}
