import CodingEngine
import Foundation

/// A source's text as another program counted it, and the way from its positions to
/// the offsets of intertwine's stored text (BOM removed, CRLF and CR turned into LF).
///
/// Kept small, because the texts read ahead are held until their sources are stored: the
/// stored text (the original's UTF-8 bytes are kept beside it only when it had CRs),
/// where CRs were dropped and where scalars take two UTF-16 units (both usually
/// empty), and the byte offset of every 64th scalar. A position
/// is moved by a binary search, not by a table with an entry per character.
final class SourceText {
    /// The stored text.
    let stored: String
    /// The original text after one byte-order mark, as UTF-8, when it differs from
    /// the stored text's (it had CRs); otherwise the stored text's bytes are it.
    private let original: [UInt8]?
    /// How many scalars the original has.
    let count: Int
    /// Original scalar offsets of the CRs of CRLFs that storing dropped, ascending.
    private let dropped: [Int]
    /// Original scalar offsets of the scalars past U+FFFF (two UTF-16 units), ascending.
    private let astral: [Int]
    /// Byte offset of scalar `n × checkpointStride`.
    private let checkpoints: [Int]
    private static let checkpointStride = 64

    /// The text of a source's valid UTF-8 `data` (checked by the caller).
    init(utf8 data: Data) {
        // One mark is not text (the program counted after it); a second one is.
        (stored, dropped) = StoredText.normalized(data, byteOrderMarks: .one)
        let hasCR = data.withUnsafeBytes { raw in raw.baseAddress.map { memchr($0, 0x0D, raw.count) != nil } ?? false }
        if hasCR {
            var bytes = [UInt8](data)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            original = bytes
        } else {
            original = nil
        }
        (count, astral, checkpoints) = Self.withBytes(original, stored) { bytes in
            var count = 0
            var astral: [Int] = []
            var checkpoints: [Int] = []
            checkpoints.reserveCapacity(bytes.count / Self.checkpointStride + 1)
            for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
                if count % Self.checkpointStride == 0 { checkpoints.append(offset) }
                if byte >= 0xF0 { astral.append(count) }
                count += 1
            }
            return (count, astral, checkpoints)
        }
    }

    /// Runs `body` over the original's UTF-8 bytes: `original`, or the stored text's.
    private static func withBytes<R>(_ original: [UInt8]?, _ stored: String, _ body: (UnsafeBufferPointer<UInt8>) -> R)
        -> R
    {
        if let original { return original.withUnsafeBufferPointer(body) }
        if let result = stored.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(stored.utf8).withUnsafeBufferPointer(body)
    }

    /// How many elements of the ascending `list` are less than `value`.
    private static func countBelow(_ value: Int, in list: [Int]) -> Int {
        var (low, high) = (0, list.count)
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The original scalar offset of a position, or nil when outside the text. A
    /// UTF-16 position between the two units of one scalar counts as after it.
    private func scalar(_ position: Int, utf16: Bool) -> Int? {
        guard position >= 0, position <= count + (utf16 ? astral.count : 0) else { return nil }
        guard utf16, !astral.isEmpty else { return position }
        // The k-th such scalar (from 0) ends its second unit at unit A[k] + k + 1;
        // each one whose second unit lies before the position shifts it by one.
        var (low, high) = (0, astral.count)
        while low < high {
            let middle = (low + high) / 2
            if astral[middle] + middle + 1 < position { low = middle + 1 } else { high = middle }
        }
        return position - low
    }

    /// The stored offset of an original position counted in code points or UTF-16
    /// units; nil when outside the text.
    func offset(_ position: Int, utf16: Bool) -> Int? {
        guard let scalar = scalar(position, utf16: utf16) else { return nil }
        return dropped.isEmpty ? scalar : scalar - Self.countBelow(scalar, in: dropped)
    }

    /// The byte offset of original scalar `n` (0...count) in `bytes`.
    private func byteOffset(_ n: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard n < count else { return bytes.count }
        var offset = checkpoints[n / Self.checkpointStride]
        for _ in 0..<(n % Self.checkpointStride) {
            offset += 1
            while bytes[offset] & 0xC0 == 0x80 { offset += 1 }
        }
        return offset
    }

    /// The original text between two positions, for checking which unit a file used.
    func text(_ start: Int, _ end: Int, utf16: Bool) -> String? {
        guard let s = scalar(start, utf16: utf16), let e = scalar(end, utf16: utf16), s <= e else { return nil }
        return Self.withBytes(original, stored) { bytes in
            String(
                decoding: UnsafeBufferPointer(rebasing: bytes[byteOffset(s, in: bytes)..<byteOffset(e, in: bytes)]),
                as: UTF8.self)
        }
    }
}
