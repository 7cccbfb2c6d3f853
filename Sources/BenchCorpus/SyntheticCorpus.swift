import CodingEngine
import Foundation

/// A reproducible synthetic interview corpus: owner-manager interviews with speaker
/// turns, realistic word lengths, accents, CJK and emoji, in one folder per case.
public struct SyntheticCorpus {
    public var interviews: Int
    public var wordsPerInterview: Int
    public var interviewsPerCase = 10
    public var generator = SplitMix64(seed: 2006)

    public init(interviews: Int, wordsPerInterview: Int) {
        self.interviews = interviews
        self.wordsPerInterview = wordsPerInterview
    }

    /// Common English words weighted towards the short ones, as speech is.
    public static let words =
        ("the and to of a in we that it was I they you for on with had but so our is be at what "
        + "as all were have this from them not their customer supplier quality system procedure learnt learning "
        + "business firm manager owner production programme college university partnership consultant agency "
        + "standard audit graphs meeting committee design prototype market product sales process knowledge "
        + "because something everyone approach improvement continuous strategic development institutional "
        + "responsibility manufacturing organisation understanding").split(separator: " ").map(String.init)
    public static let seasoning = [
        "café", "naïve", "Zoë", "façade", "Müller", "señor", "学习", "知識", "改善", "🙂", "👍", "👩‍👩‍👧", "🇬🇧", "e\u{301}te",
    ]

    /// Writes the corpus under `folder` and returns the number of bytes written.
    public mutating func write(to folder: URL) throws -> Int {
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

    /// The text of interview `number` (front matter, then alternating turns).
    public mutating func interview(number: Int, caseName: String) -> String {
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
