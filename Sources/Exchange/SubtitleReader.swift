import CodingEngine
import Foundation

/// WebVTT (`.vtt`) and SubRip (`.srt`) subtitles as transcripts: cues merged into
/// speaker turns, each turn keeping its start and end time.
///
/// A cue's speaker comes from a VTT voice tag (`<v Roger Watson>`) or a label at the
/// start of its text (`Roger Watson: …`). Consecutive cues of one speaker make one
/// turn, and a cue without a speaker continues the turn before it (its time is the
/// turn's first cue's); a cue with another speaker starts a new turn. Cues before any
/// speaker are merged until a pause of two seconds or more.
public enum SubtitleReader {
    struct Cue { var start: Double; var end: Double; var speaker: String?; var text: String }

    public static func read(path: String, name: String, caseName: String) throws -> Transcript {
        let bytes = try TranscriptFormats.bytes(path)
        let text = try StoredText.decodeFile(bytes, path: path)
        let cues = try parse(text, path: path)
        guard !cues.isEmpty else { throw EngineError.emptyFile(path: path) }
        return transcript(cues, path: path, name: name, caseName: caseName)
    }

    /// Cues from VTT or SRT text (the block format is the same: optional id, a
    /// `start --> end` line, text lines, a blank line).
    static func parse(_ text: String, path: String) throws -> [Cue] {
        var cues: [Cue] = []
        let lines = text.components(separatedBy: "\n")
        var i = 0
        while i < lines.count {
            let line = lines[i].trimmingCharacters(in: .whitespaces)
            guard line.contains("-->") else { i += 1; continue }
            let parts = line.components(separatedBy: "-->")
            guard parts.count == 2, let start = time(parts[0]),
                let end = time(parts[1].split(separator: " ").first.map(String.init) ?? "")
            else {
                throw EngineError.badLine(
                    path: path, line: i + 1,
                    problem:
                        "a cue time line that is not `00:00:01.000 --> 00:00:04.000`; fix the time and import again")
            }
            guard ClockTime.isValid(start), ClockTime.isValid(end) else {
                throw EngineError.badLine(
                    path: path, line: i + 1,
                    problem: "a cue time outside 0 to 1000 hours; fix the time and import again")
            }
            i += 1
            var body: [String] = []
            while i < lines.count, !lines[i].trimmingCharacters(in: .whitespaces).isEmpty {
                body.append(lines[i])
                i += 1
            }
            var content = body.joined(separator: " ")
            var speaker: String?
            if let voice = content.range(of: #"<v(\.[^ >]*)? ([^>]+)>"#, options: .regularExpression) {
                let tag = String(content[voice])
                speaker = tag.replacingOccurrences(of: #"^<v(\.[^ >]*)? "#, with: "", options: .regularExpression)
                    .dropLast().trimmingCharacters(in: .whitespaces)
            }
            content = content.replacingOccurrences(of: #"<[^>]*>"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">")
                .trimmingCharacters(in: .whitespaces)
            if speaker == nil {
                let scalars = ScalarText(content)
                if let label = TurnFinder.speakerLabel(scalars, line: TextRange(0, scalars.length)) {
                    speaker = label.speaker
                    content = scalars.slice(label.speechStart, scalars.length).trimmingCharacters(in: .whitespaces)
                }
            }
            if !content.isEmpty { cues.append(Cue(start: start, end: end, speaker: speaker, text: content)) }
        }
        return cues
    }

    /// `hh:mm:ss.mmm`, `mm:ss.mmm` or SRT's `hh:mm:ss,mmm`, in seconds; nil unless
    /// every part is digits (a decimal fraction on the seconds only), so `nan:00`
    /// or `1e9:00` are not times.
    static func time(_ raw: String) -> Double? {
        let parts = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".").split(
            separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return nil }
        var seconds = 0.0
        for (index, part) in parts.enumerated() {
            let last = index == parts.count - 1
            let pieces = part.split(separator: ".", omittingEmptySubsequences: false)
            guard !part.isEmpty, pieces.count <= (last ? 2 : 1),
                pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                part.count <= 20, let value = Double(part)
            else { return nil }
            seconds = seconds * 60 + value
        }
        return seconds
    }

    /// Turns from cues: "Speaker: words" paragraphs with their times.
    static func transcript(_ cues: [Cue], path: String, name: String, caseName: String) -> Transcript {
        var groups: [[Cue]] = []
        for cue in cues {
            // A cue without a label continues the turn of the speaker before it (only the
            // first cue of an answer carries "Name:"); cues of nobody merge until a pause.
            if let last = groups.last?.last,
                (last.speaker == cue.speaker && (cue.speaker != nil || cue.start - last.end < 2))
                    || (cue.speaker == nil && last.speaker != nil)
            {
                var cue = cue
                cue.speaker = last.speaker
                groups[groups.count - 1].append(cue)
            } else {
                groups.append([cue])
            }
        }
        var text = ""
        var turns: [Turn] = []
        var offset = 0
        for (index, group) in groups.enumerated() {
            if index > 0 {
                text += "\n\n"
                offset += 2
            }
            let label = group[0].speaker.map { "\($0): " } ?? ""
            let words = group.map(\.text).joined(separator: " ")
            text += label + words
            let start = offset
            offset += label.unicodeScalars.count + words.unicodeScalars.count
            turns.append(
                Turn(
                    index: index + 1, speaker: group[0].speaker, start: start,
                    speechStart: start + label.unicodeScalars.count, end: offset,
                    startTime: group[0].start, endTime: group[group.count - 1].end))
        }
        return Transcript(
            name: name, sourcePath: path, caseName: caseName, frontMatter: FrontMatter(), text: text,
            sha256: StoredText.sha256(text), length: offset, turns: turns)
    }
}
