/// A document's stored text with constant-time access by Unicode-scalar offset.
///
/// Codings, turns and sentences are ranges of scalar offsets; this is how they are
/// turned back into text without walking the string from its start each time.
public struct ScalarText: Sendable, Equatable {
    /// The scalars of the text, one per offset.
    public let scalars: [Unicode.Scalar]

    public init(_ text: String) {
        var text = text
        // Decoded from the string's UTF-8 (valid, as every String's is) in two quick
        // passes, not through the generic scalar view (which counted, then copied).
        scalars = text.withUTF8 { utf8 in
            var count = 0
            for byte in utf8 where byte & 0xC0 != 0x80 { count += 1 }
            return [Unicode.Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
                var i = 0, n = 0
                while i < utf8.count {
                    let byte = utf8[i]
                    if byte < 0x80 {
                        buffer[n] = Unicode.Scalar(byte)
                        n += 1
                        i += 1
                        continue
                    }
                    let lead = UInt32(byte)
                    let value: UInt32
                    if lead < 0xE0 {
                        value = (lead & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F); i += 2
                    } else if lead < 0xF0 {
                        value = (lead & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F);
                        i += 3
                    } else {
                        value =
                            (lead & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6
                            | UInt32(utf8[i + 3] & 0x3F);
                        i += 4
                    }
                    // A String's UTF-8 is valid, so every value is a scalar.
                    buffer[n] = Unicode.Scalar(value) ?? "\u{FFFD}"
                    n += 1
                }
                initialized = n
            }
        }
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
