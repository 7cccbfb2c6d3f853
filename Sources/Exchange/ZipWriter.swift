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
        let archive = Deflating()
        for entry in entries { archive.add(entry.name, [UInt8](entry.data)) }
        return try archive.finish(dated: date)
    }

    /// An archive whose entries are deflated on the other cores as they are added,
    /// while the caller goes on making the next (an export reads its sources and
    /// builds `project.qde` as the sources are deflated).
    final class Deflating: @unchecked Sendable {
        private struct Entry {
            var name: String
            var size = 0
            var pieces: [Int] = []
            var complete = false
        }
        private var entries: [Entry] = []
        private var deflated: [[UInt8]] = []
        private var crcs: [UInt32] = []
        private var sizes: [Int] = []
        private var failed: String?
        private let lock = NSLock()
        private let group = DispatchGroup()
        /// Bytes added and not yet deflated.
        private var pending = 0
        /// Shown from `finish` on: the bytes still being deflated then.
        private var progress: WorkProgress?

        init() {}

        /// Reserves the next place in the archive for an entry named `name`, to be given
        /// its bytes later with `fill` (`project.qde` first, made last).
        func reserve(_ name: String) -> Int {
            lock.lock()
            defer { lock.unlock() }
            entries.append(Entry(name: name))
            return entries.count - 1
        }

        /// Adds an entry and starts deflating it.
        func add(_ name: String, _ data: [UInt8]) {
            fill(reserve(name), data)
        }

        /// Gives the entry at `place` its (last) bytes and starts deflating them, a
        /// piece on each free core.
        func fill(_ place: Int, _ data: [UInt8]) {
            deflate(data, into: place, final: true)
        }

        /// Gives the entry at `place` more of its bytes, to be followed by more
        /// (`fill` gives the last): a document deflated while it is being written.
        func append(_ place: Int, _ data: [UInt8]) {
            deflate(data, into: place, final: false)
        }

        private func deflate(_ data: [UInt8], into place: Int, final: Bool) {
            let bytes = Shared(data)
            let starts = Array(stride(from: 0, to: max(1, data.count), by: pieceSize))
            lock.lock()
            let first = deflated.count
            deflated += Array(repeating: [], count: starts.count)
            crcs += Array(repeating: 0, count: starts.count)
            sizes += starts.map { min(data.count, $0 + pieceSize) - $0 }
            entries[place].size += data.count
            entries[place].pieces += Array(first..<first + starts.count)
            entries[place].complete = final
            if entries[place].size >= Int(UInt32.max) { failed = entries[place].name }
            pending += data.count
            lock.unlock()
            for (n, start) in starts.enumerated() {
                let range = start..<min(data.count, start + pieceSize)
                let last = final && range.upperBound == data.count
                DispatchQueue.global().async(group: group) { [self] in
                    let outcome = bytes.value.withUnsafeBytes { raw in
                        ZipWriter.deflate(UnsafeRawBufferPointer(rebasing: raw[range]), final: last)
                    }
                    lock.lock()
                    if let outcome {
                        deflated[first + n] = outcome.bytes; crcs[first + n] = outcome.crc
                    } else {
                        failed = failed ?? "zlib"
                    }
                    pending -= range.count
                    let shown = progress
                    lock.unlock()
                    shown?.advance(by: range.count)
                }
            }
        }

        /// Waits for every piece and writes the archive, each entry dated `date`.
        func finish(dated date: Date) throws -> [UInt8] {
            lock.lock()
            progress = WorkProgress("compressing the project", total: pending)
            lock.unlock()
            group.wait()
            lock.lock()
            defer { lock.unlock() }
            if let failed {
                throw failed == "zlib" ? Problem.deflate("zlib could not deflate") : Problem.tooLarge(failed)
            }
            let (time, day) = dosDate(date)
            var out: [UInt8] = []
            out.reserveCapacity(deflated.reduce(0) { $0 + $1.count } + entries.count * 128)
            var central: [UInt8] = []
            for entry in entries {
                guard entry.complete else { throw Problem.deflate("\(entry.name) was never given its last bytes") }
                var crc: UInt32 = 0
                var compressed = 0
                for (n, piece) in entry.pieces.enumerated() {
                    crc =
                        n == 0
                        ? crcs[piece] : UInt32(crc32_combine(uLong(crc), uLong(crcs[piece]), off_t(sizes[piece])))
                    compressed += deflated[piece].count
                }
                guard out.count < Int(UInt32.max), compressed < Int(UInt32.max) else {
                    throw Problem.tooLarge(entry.name)
                }
                let name = Array(entry.name.utf8)
                let offset = UInt32(out.count)
                // Local file header.
                append32(&out, 0x0403_4B50); append16(&out, 20); append16(&out, 0x0800); append16(&out, 8)
                append16(&out, time); append16(&out, day); append32(&out, crc)
                append32(&out, UInt32(compressed)); append32(&out, UInt32(entry.size))
                append16(&out, UInt16(name.count)); append16(&out, 0); out += name
                for piece in entry.pieces { out += deflated[piece] }
                // Its central directory record: made by Unix, a regular file with mode 644.
                append32(&central, 0x0201_4B50); append16(&central, 0x0314); append16(&central, 20);
                append16(&central, 0x0800)
                append16(&central, 8); append16(&central, time); append16(&central, day); append32(&central, crc)
                append32(&central, UInt32(compressed)); append32(&central, UInt32(entry.size))
                append16(&central, UInt16(name.count)); append16(&central, 0); append16(&central, 0)
                append16(&central, 0); append16(&central, 0); append32(&central, UInt32(0o100644) << 16);
                append32(&central, offset)
                central += name
            }
            guard out.count + central.count < Int(UInt32.max), entries.count < 0xFFFF else {
                throw Problem.tooLarge("the archive")
            }
            let directoryOffset = UInt32(out.count)
            out += central
            append32(&out, 0x0605_4B50); append16(&out, 0); append16(&out, 0)
            append16(&out, UInt16(entries.count)); append16(&out, UInt16(entries.count))
            append32(&out, UInt32(central.count)); append32(&out, directoryOffset); append16(&out, 0)
            return out
        }
    }

    /// Bytes read by every piece's thread.
    private final class Shared: @unchecked Sendable {
        let value: [UInt8]
        init(_ value: [UInt8]) { self.value = value }
    }

    /// One piece deflated (ended with a sync flush, or finished when `final`) and its CRC-32.
    fileprivate static func deflate(_ input: UnsafeRawBufferPointer, final: Bool) -> (bytes: [UInt8], crc: UInt32)? {
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
    fileprivate static func dosDate(_ date: Date) -> (time: UInt16, day: UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = max(1980, min(2107, c.year ?? 1980))
        let time = UInt16((c.hour ?? 0) << 11 | (c.minute ?? 0) << 5 | (c.second ?? 0) / 2)
        let day = UInt16((year - 1980) << 9 | (c.month ?? 1) << 5 | (c.day ?? 1))
        return (time, day)
    }

    fileprivate static func append16(_ out: inout [UInt8], _ value: UInt16) {
        out.append(UInt8(value & 0xFF)); out.append(UInt8(value >> 8))
    }

    fileprivate static func append32(_ out: inout [UInt8], _ value: UInt32) {
        append16(&out, UInt16(value & 0xFFFF)); append16(&out, UInt16(value >> 16))
    }
}
