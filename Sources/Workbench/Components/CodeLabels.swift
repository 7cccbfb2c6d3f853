import CodingEngine

/// Short names for codes where space is scarce or colour is missing: a unique
/// abbreviation of up to four letters (`Intu`, `Intp`, `Intg`, `Inst`, `Intw` for
/// the five processes, never their shared initial) and a unique one-character mark
/// for a stripe or a block of a flow strip.
public struct CodeLabels: Equatable, Sendable {
    private var abbreviations: [String: String] = [:]
    private var marks: [String: String] = [:]

    public init(_ codebook: Codebook) {
        let codes = codebook.codes
        // Abbreviations: the first four letters of the name; where several codes share
        // them, the first three and the first letter that tells each apart.
        let names = codes.map { Array($0.name.filter { $0.isLetter || $0.isNumber }) }
        var candidate = names.map { String($0.prefix(4)) }
        let groups = Dictionary(grouping: codes.indices, by: { candidate[$0].lowercased() })
        for (_, members) in groups where members.count > 1 {
            for index in members {
                let name = names[index]
                var differs = 3
                for other in members where other != index {
                    let common = zip(name, names[other]).prefix { $0.0.lowercased() == $0.1.lowercased() }.count
                    differs = max(differs, common)
                }
                // A name that begins another keeps its four letters; the longer changes.
                if differs >= name.count { continue }
                var letter = differs < name.count ? name[differs] : name.last ?? "?"
                var next = differs
                while name.count > 2, next + 1 < name.count, letter.lowercased() == String(name[2]).lowercased() {
                    next += 1
                    letter = name[next]
                }
                candidate[index] = String(name.prefix(3)) + String(letter)
            }
        }
        var taken: [String: Int] = [:]
        for (index, code) in codes.enumerated() {
            var abbreviation = candidate[index].isEmpty ? "?" : candidate[index]
            let key = abbreviation.lowercased()
            if let count = taken[key] {
                taken[key] = count + 1
                abbreviation = String(abbreviation.prefix(3)) + String(count + 1)
            } else {
                taken[key] = 1
            }
            abbreviations[code.path] = abbreviation
        }
        // Marks: the abbreviation's last letter, else its first, else any free character.
        var used = Set<String>()
        let spare = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789").map(String.init)
        for code in codes {
            let abbreviation = abbreviations[code.path] ?? "?"
            let wishes =
                [abbreviation.last.map { String($0).lowercased() }, abbreviation.first.map { String($0).uppercased() }]
                .compactMap { $0 } + abbreviation.map { String($0).lowercased() }
                + abbreviation.map { String($0).uppercased() } + spare
            let mark = wishes.first { !used.contains($0) } ?? "?"
            used.insert(mark)
            marks[code.path] = mark
        }
    }

    /// The code's unique abbreviation (up to four characters).
    public func abbreviation(_ path: String) -> String { abbreviations[path] ?? String(path.suffix(4)) }

    /// The code's unique one-character mark.
    public func mark(_ path: String) -> String { marks[path] ?? "?" }

    /// What stands for a code in a legend: a square in its colour, or without colour
    /// (NO_COLOR, a terminal without colours) its mark, bold, as the margin shows it.
    public func swatch(_ code: Code, colors: Bool) -> (text: String, style: Style) {
        colors ? ("■", Style(foreground: RGB(hex: code.color))) : (mark(code.path), Style(bold: true))
    }
}
