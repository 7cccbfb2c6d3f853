import Crypto
import Foundation

/// The text of a document as intertwine stores it, and the rules that make it so.
///
/// Stored text is the imported file decoded as strict UTF-8, with leading BOMs
/// removed and CRLF and CR turned into LF. There is no Unicode normalization.
/// All offsets into it count Unicode scalars, 0-based, end exclusive.
public enum StoredText {
    /// Why a file's bytes cannot become stored text.
    public enum DecodingProblem: Error, Equatable {
        case empty
        case nulByte(offset: Int)
        case invalidUTF8(offset: Int)
    }

    /// Decodes `bytes` strictly as UTF-8 and normalizes line ends.
    ///
    /// Throws the byte offset of the first NUL byte (a binary file) or of the first
    /// byte that is not valid UTF-8.
    public static func decode(_ bytes: [UInt8]) throws(DecodingProblem) -> String {
        if bytes.isEmpty { throw .empty }
        if let nul = bytes.firstIndex(of: 0) { throw .nulByte(offset: nul) }
        // The common file: valid UTF-8 with no mark and no CR, checked and copied once.
        if !bytes.starts(with: [0xEF, 0xBB, 0xBF]), !bytes.contains(0x0D) {
            if let text = String(validating: bytes, as: UTF8.self) { return text }
        }
        if let bad = firstInvalidUTF8Offset(bytes) { throw .invalidUTF8(offset: bad) }
        return normalized(bytes, byteOrderMarks: .all).text
    }

    /// How many byte-order marks at the start are not text: all of them (a file from
    /// disk, which a second program may have saved with a second mark), or one (a
    /// REFI-QDA source, whose program counted positions after one).
    public enum ByteOrderMarks: Sendable { case all, one }

    /// Valid UTF-8 made stored text: leading byte-order marks removed, CRLF and CR
    /// turned into LF. Also returns where (as scalar offsets of the text after the
    /// marks) a CR of a CRLF was dropped, so that positions counted in the original
    /// can be moved to the stored text. The one place text is normalised.
    public static func normalized(_ bytes: some Collection<UInt8>, byteOrderMarks: ByteOrderMarks) -> (
        text: String, droppedCRs: [Int]
    ) {
        let bytes = Array(bytes)
        var start = 0
        while bytes.count >= start + 3, bytes[start] == 0xEF, bytes[start + 1] == 0xBB, bytes[start + 2] == 0xBF {
            start += 3
            if byteOrderMarks == .one { break }
        }
        guard bytes[start...].contains(0x0D) else { return (String(decoding: bytes[start...], as: UTF8.self), []) }
        var normalized = [UInt8]()
        normalized.reserveCapacity(bytes.count - start)
        var dropped: [Int] = []
        var scalar = 0
        var i = start
        while i < bytes.count {
            let byte = bytes[i]
            if byte & 0xC0 != 0x80 { scalar += 1 } // a byte that begins a scalar
            if byte == 0x0D {
                normalized.append(0x0A)
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A {
                    dropped.append(scalar - 1) // this CR goes; its LF stays
                    normalized.removeLast()
                }
            } else {
                normalized.append(byte)
            }
            i += 1
        }
        return (String(decoding: normalized, as: UTF8.self), dropped)
    }

    /// Decodes a file's bytes as `decode` does, with the researcher's error naming
    /// `path` (empty, binary, or not UTF-8 at a byte offset).
    public static func decodeFile(_ bytes: [UInt8], path: String) throws -> String {
        do {
            return try decode(bytes)
        } catch .empty {
            throw EngineError.emptyFile(path: path)
        } catch .nulByte(let offset) {
            throw EngineError.binaryFile(path: path, byteOffset: offset)
        } catch .invalidUTF8(let offset) {
            throw EngineError.notUTF8(path: path, byteOffset: offset)
        }
    }

    /// The byte offset of the first byte that does not begin or continue a valid
    /// UTF-8 sequence, or nil when all of `bytes` is valid UTF-8.
    public static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    /// Lowercase hex SHA-256 of the stored text's UTF-8 bytes. Two coders' codings
    /// are comparable only when their documents' hashes agree.
    public static func sha256(_ text: String) -> String {
        var text = text
        // Hashed from the string's own UTF-8, and written in hex by hand
        // (`String(format:)` per byte took a tenth of reading a transcript).
        let digest = text.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: SHA256.byteCount * 2) { buffer in
            var n = 0
            for byte in digest {
                buffer[n] = hex[Int(byte >> 4)]
                buffer[n + 1] = hex[Int(byte & 0x0F)]
                n += 2
            }
            return n
        }
    }

    /// The length of `text` in Unicode scalars, the unit of every offset.
    public static func length(_ text: String) -> Int {
        text.unicodeScalars.count
    }
}
