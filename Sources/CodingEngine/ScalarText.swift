/// A document's stored text with constant-time access by Unicode-scalar offset.
///
/// Codings, turns and sentences are ranges of scalar offsets; this is how they are
/// turned back into text without walking the string from its start each time.
public struct ScalarText: Sendable, Equatable {
    /// The scalars of the text, one per offset.
    public let scalars: [Unicode.Scalar]

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// The number of scalars: the end of the last valid range.
    public var length: Int { scalars.count }

    /// The text of `[start, end)`, clamped to the document.
    public func slice(_ start: Int, _ end: Int) -> String {
        let lower = max(0, min(start, scalars.count))
        let upper = max(lower, min(end, scalars.count))
        // Encode the scalars straight into the new string's UTF-8 storage.
        return String(unsafeUninitializedCapacity: (upper - lower) * 4) { buffer in
            var n = 0
            for scalar in scalars[lower..<upper] {
                let v = scalar.value
                if v < 0x80 {
                    buffer[n] = UInt8(v); n += 1
                } else if v < 0x800 {
                    buffer[n] = UInt8(0xC0 | (v >> 6)); buffer[n + 1] = UInt8(0x80 | (v & 0x3F)); n += 2
                } else if v < 0x10000 {
                    buffer[n] = UInt8(0xE0 | (v >> 12)); buffer[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[n + 2] = UInt8(0x80 | (v & 0x3F)); n += 3
                } else {
                    buffer[n] = UInt8(0xF0 | (v >> 18)); buffer[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    buffer[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); buffer[n + 3] = UInt8(0x80 | (v & 0x3F)); n += 4
                }
            }
            return n
        }
    }

    public subscript(offset: Int) -> Unicode.Scalar { scalars[offset] }
}
