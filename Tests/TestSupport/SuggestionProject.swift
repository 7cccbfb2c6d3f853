import CodingEngine
import Foundation

/// A small project to learn suggestions from: ana coded one interview, five audit
/// sentences as Customer (enough to learn) and four sentences Processes/Intuiting (too
/// few); the second interview is not coded.
public enum SuggestionProject {
    /// An interview where ana coded five audit sentences Customer and four others Processes/Intuiting.
    public static let coded = """
        Interviewer: How did it start?
        Owner: The audit found problems. We failed the audit badly. The audit was a shock. Lunch was good.
        Interviewer: And then?
        Owner: A second audit came. The audit report was long. We ate lunch in town. The weather was fine.
        Interviewer: Anything else?
        Owner: We had a meeting. We had a long day. A friend called. We had a party after.
        """

    /// An interview nobody coded, with one sentence about an audit.
    public static let uncoded = """
        Interviewer: What happened next?
        Owner: The next audit went well. We had a picnic. Nothing else changed.
        """

    /// The project: ana's codings in the first interview, the second not coded.
    public static func make() throws -> Project {
        let folder = try Support.temporaryFolder()
        let project = try Project.inMemory(codebook: CodebookFile.parse(Support.smallCodebook, file: "small.yaml"))
        try project.importTranscripts([
            try Support.write(coded, "Firm A/first.txt", in: folder),
            try Support.write(uncoded, "Firm B/second.txt", in: folder),
        ])
        let text = Array(coded.unicodeScalars)
        func range(_ sentence: String) -> TextRange {
            let wanted = Array(sentence.unicodeScalars)
            let start = (0...(text.count - wanted.count)).first { Array(text[$0..<($0 + wanted.count)]) == wanted }!
            return TextRange(start, start + wanted.count)
        }
        for sentence in [
            "The audit found problems.", "We failed the audit badly.", "The audit was a shock.", "A second audit came.",
            "The audit report was long.",
        ] {
            try project.addCodings(document: "first", ranges: [range(sentence)], code: "Customer", coder: "ana")
        }
        // Four codings of another code: too few to learn.
        for sentence in ["Lunch was good.", "We ate lunch in town.", "The weather was fine.", "How did it start?"] {
            try project.addCodings(
                document: "first", ranges: [range(sentence)], code: "Processes/Intuiting", coder: "ana")
        }
        return project
    }
}
