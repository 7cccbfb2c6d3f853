/// One document's codings as a listing writes them: the codings (their `text`
/// empty), the document's stored text, and where each coding's passage lies in that
/// text's UTF-8, so a passage can be copied out as bytes.
public struct DocumentCodings {
    public var text: String
    public var codings: [Coding]
    /// Where each coding's passage lies in `text.utf8`, in the order of `codings`.
    public var byteRanges: [Range<Int>]

    /// Where each of `ranges` (scalar offsets, clamped to the text, in any order)
    /// lies in `bytes`, the text's UTF-8: one pass over the bytes, none for ASCII.
    public static func byteRanges(in bytes: UnsafeBufferPointer<UInt8>, _ ranges: [TextRange]) -> [Range<Int>] {
        if !bytes.contains(where: { $0 >= 0x80 }) {
            return ranges.map { range in
                let start = max(0, min(range.start, bytes.count))
                return start..<max(start, min(range.end, bytes.count))
            }
        }
        // The byte at which each scalar starts, and the end.
        var starts: [Int] = []
        starts.reserveCapacity(bytes.count + 1)
        for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 { starts.append(offset) }
        let length = starts.count
        starts.append(bytes.count)
        return ranges.map { range in
            let start = max(0, min(range.start, length))
            return starts[start]..<starts[max(start, min(range.end, length))]
        }
    }
}
