import CodingEngine

/// A source's text as another program counted it, and the way from its positions to
/// the offsets of intertwine's stored text (BOM removed, CRLF and CR turned into LF).
final class SourceText {
    /// The stored text.
    let stored: String
    /// Original scalar offset → stored offset (nil when the text had no CR).
    private let scalarMap: [Int]?
    /// UTF-16 offset → original scalar offset, built when first needed.
    private lazy var utf16Map: [Int] = {
        var utf16: [Int] = []
        utf16.reserveCapacity(original.count + 1)
        for (index, scalar) in original.enumerated() {
            utf16.append(index)
            if scalar.value > 0xFFFF { utf16.append(index + 1) }   // the second unit of a surrogate pair ends the scalar
        }
        utf16.append(original.count)
        return utf16
    }()
    let original: [Unicode.Scalar]

    init(decoded: String) {
        var text = decoded
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        original = Array(text.unicodeScalars)
        let (normalized, dropped) = StoredText.normalized(Array(decoded.utf8), byteOrderMarks: .one)
        stored = normalized
        guard !dropped.isEmpty else {
            scalarMap = nil
            return
        }
        // Original offset → stored offset: less one for each CR dropped before it.
        var map: [Int] = []
        map.reserveCapacity(original.count + 1)
        var next = 0
        for index in 0...original.count {
            while next < dropped.count, dropped[next] < index { next += 1 }
            map.append(index - next)
        }
        scalarMap = map
    }

    /// The stored offset of an original position counted in code points or UTF-16
    /// units; nil when outside the text.
    func offset(_ position: Int, utf16: Bool) -> Int? {
        let scalar: Int
        if utf16 {
            guard position >= 0, position < utf16Map.count else { return nil }
            scalar = utf16Map[position]
        } else {
            guard position >= 0, position <= original.count else { return nil }
            scalar = position
        }
        return scalarMap.map { $0[scalar] } ?? scalar
    }

    /// The original text between two positions, for checking which unit a file used.
    func text(_ start: Int, _ end: Int, utf16: Bool) -> String? {
        let s: Int, e: Int
        if utf16 {
            guard start >= 0, end < utf16Map.count, start <= end else { return nil }
            (s, e) = (utf16Map[start], utf16Map[end])
        } else {
            guard start >= 0, end <= original.count, start <= end else { return nil }
            (s, e) = (start, end)
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: original[s..<e])
        return String(view)
    }
}
