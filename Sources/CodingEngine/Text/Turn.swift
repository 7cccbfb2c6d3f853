/// One speaker turn of a transcript: a label such as `Roger:` and what follows it
/// up to the next label; in a transcript without labels, one paragraph.
public struct Turn: Equatable, Hashable, Sendable, Codable {
    /// 1-based position in the document, used to cite passages.
    public var index: Int
    /// The speaker as labelled, or nil for a paragraph without a label.
    public var speaker: String?
    /// Where the turn begins (the label's first character).
    public var start: Int
    /// Where the spoken words begin, after the label.
    public var speechStart: Int
    /// Where the turn ends (exclusive), trailing white space left out.
    public var end: Int
    /// Start and end times in seconds, when the source gives them.
    public var startTime: Double?
    public var endTime: Double?

    public init(
        index: Int, speaker: String?, start: Int, speechStart: Int, end: Int,
        startTime: Double? = nil, endTime: Double? = nil
    ) {
        self.index = index
        self.speaker = speaker
        self.start = start
        self.speechStart = speechStart
        self.end = end
        self.startTime = startTime
        self.endTime = endTime
    }

    /// The spoken words: the range a turn coding covers.
    public var speech: TextRange { TextRange(speechStart, max(speechStart, end)) }
}
