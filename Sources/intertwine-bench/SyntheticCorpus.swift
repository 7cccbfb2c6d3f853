import Foundation

/// A reproducible synthetic interview corpus: owner-manager interviews with speaker
/// turns, realistic word lengths, accents, CJK and emoji, in one folder per case.
struct SyntheticCorpus {
    var interviews: Int
    var wordsPerInterview: Int
    var interviewsPerCase = 10
    var generator = SplitMix64(seed: 2006)

    /// Common English words weighted towards the short ones, as speech is.
    static let words = ("the and to of a in we that it was I they you for on with had but so our is be at what "
        + "as all were have this from them not their customer supplier quality system procedure learnt learning "
        + "business firm manager owner production programme college university partnership consultant agency "
        + "standard audit graphs meeting committee design prototype market product sales process knowledge "
        + "because something everyone approach improvement continuous strategic development institutional "
        + "responsibility manufacturing organisation understanding").split(separator: " ").map(String.init)
    static let seasoning = ["café", "naïve", "Zoë", "façade", "Müller", "señor", "学习", "知識", "改善", "🙂", "👍", "👩‍👩‍👧", "🇬🇧", "e\u{301}te"]

    /// Writes the corpus under `folder` and returns the number of bytes written.
    mutating func write(to folder: URL) throws -> Int {
        var bytes = 0
        for index in 0..<interviews {
            let caseName = String(format: "case%03d", index / interviewsPerCase + 1)
            let caseFolder = folder.appendingPathComponent(caseName)
            try FileManager.default.createDirectory(at: caseFolder, withIntermediateDirectories: true)
            let text = interview(number: index + 1, caseName: caseName)
            let data = Data(text.utf8)
            try data.write(to: caseFolder.appendingPathComponent(String(format: "interview%04d.txt", index + 1)))
            bytes += data.count
        }
        return bytes
    }

    mutating func interview(number: Int, caseName: String) -> String {
        var out = "---\ncase: \(caseName)\ntitle: Interview \(number)\nemployees: \(10 + generator.next(upTo: 200))\n"
        out += "sector: Manufacturing\nturnover: \(Double(generator.next(upTo: 900)) / 100 + 1)\n---\n"
        var words = 0
        var interviewerTurn = true
        while words < wordsPerInterview {
            let length = interviewerTurn ? 8 + generator.next(upTo: 30) : 40 + generator.next(upTo: 260)
            out += interviewerTurn ? "Interviewer: " : "Participant \(number % 3 + 1): "
            for w in 0..<length {
                if w > 0 { out += w % 17 == 0 ? ". " : " " }
                if generator.next(upTo: 40) == 0 {
                    out += Self.seasoning[generator.next(upTo: Self.seasoning.count)]
                } else {
                    // Zipf-like: low indices (short, common words) far more often.
                    let r = generator.next(upTo: 1000)
                    out += Self.words[min(Self.words.count - 1, (r * r) / 1000 * Self.words.count / 1000)]
                }
            }
            out += ".\n\n"
            words += length
            interviewerTurn.toggle()
        }
        return out
    }
}

/// A small, fast, seedable random number generator, so that every run builds the
/// same corpus.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(upTo bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
