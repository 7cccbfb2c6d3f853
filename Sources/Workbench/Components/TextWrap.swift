/// Wrapping text to a width in terminal cells, at spaces where it can (a word
/// longer than the width is cut). Used by the multi-line editor and the passage
/// reader; the transcript has its own layout, which keeps scalar offsets.
enum TextWrap {
    /// The ranges of `characters` (one line, no line breaks) that fit `width` cells.
    static func ranges(_ characters: [Character], width: Int) -> [Range<Int>] {
        let width = max(1, width)
        var result: [Range<Int>] = []
        var start = 0
        repeat {
            var end = start, cells = 0
            var lastSpace: Int?
            while end < characters.count {
                let w = DisplayWidth.of(String(characters[end]))
                if cells + w > width { break }
                if characters[end] == " " { lastSpace = end }
                cells += w
                end += 1
            }
            if end < characters.count, let space = lastSpace, space > start { end = space + 1 }
            if end == start, start < characters.count { end = start + 1 } // a character wider than the width
            result.append(start..<end)
            start = end
        } while start < characters.count
        return result
    }

    /// `text` (line breaks kept) as screen lines of at most `width` cells.
    static func lines(_ text: String, width: Int) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            let characters = Array(line)
            return ranges(characters, width: width).map { String(characters[$0]) }
        }
    }
}
