import Foundation
import _FoundationICU

/// Regular-expression search over a document's text, with a time limit.
///
/// Patterns are ICU regular expressions (the syntax NSRegularExpression reads: it is
/// ICU too), run through ICU's own C interface, from the ICU library Foundation ships
/// with, on each text's UTF-16: about twice as fast as NSRegularExpression, which
/// fetches a Swift string's UTF-16 a few characters at a time and makes an object per
/// match. Some patterns take exponential time on some text (`(a+)+$`, `(a|aa)*c`):
/// ICU calls back every few thousand steps of its matcher, and the search stops after
/// `timeLimit` seconds and says so, instead of hanging.
public enum PatternSearch {
    /// How long one search may run, in seconds.
    public static let timeLimit: TimeInterval = 5

    /// A pattern compiled once, to search many texts, on any number of threads at once.
    public final class Compiled: @unchecked Sendable {
        public let pattern: String
        /// The compiled pattern (an ICU `URegularExpression`); each search uses a clone,
        /// as ICU asks, so that searches on several threads never share a matcher.
        private let expression: OpaquePointer
        private let cloning = NSLock()

        public init(_ pattern: String) throws {
            let units = Array(pattern.utf16)
            var status = U_ZERO_ERROR
            var place = UParseError()
            let opened = units.withUnsafeBufferPointer {
                swift_uregex_open($0.baseAddress, Int32($0.count), 0, &place, &status)
            }
            guard let opened, status.rawValue <= U_ZERO_ERROR.rawValue else {
                if let opened { swift_uregex_close(opened) }
                let column = place.offset >= 0 ? " (near character \(place.offset + 1))" : ""
                throw EngineError.badPattern(
                    pattern: pattern, problem: "check its brackets, parentheses and escapes\(column)")
            }
            self.pattern = pattern
            expression = opened
        }

        deinit { swift_uregex_close(expression) }

        /// The ranges (Unicode scalar offsets, end exclusive) of every non-empty match
        /// in `text`, in order. `document` names the text in errors.
        public func matches(in text: String, document: String, timeLimit: TimeInterval = PatternSearch.timeLimit) throws
            -> [TextRange]
        {
            let units = PatternSearch.utf16(text)
            guard !units.isEmpty else { return [] }
            guard units.count <= Int(Int32.max) else {
                throw EngineError.patternTooSlow(pattern: pattern, document: document, seconds: 0)
            }
            var status = U_ZERO_ERROR
            cloning.lock()
            let matcher = swift_uregex_clone(expression, &status)
            cloning.unlock()
            guard let matcher, status.rawValue <= U_ZERO_ERROR.rawValue else {
                throw EngineError.badPattern(
                    pattern: pattern,
                    problem: "ICU could not prepare it (\(String(cString: swift_u_errorName(status))))")
            }
            defer { swift_uregex_close(matcher) }
            var deadline = ProcessInfo.processInfo.systemUptime + timeLimit
            var found: [(start: Int32, end: Int32)] = []
            withUnsafeMutablePointer(to: &deadline) { deadline in
                // Called by ICU every few thousand steps; returning false stops the match.
                swift_uregex_setMatchCallback(
                    matcher,
                    { context, _ in
                        guard let context else { return 0 }
                        return ProcessInfo.processInfo.systemUptime < context.load(as: TimeInterval.self) ? 1 : 0
                    }, deadline, &status)
                units.withUnsafeBufferPointer { units in
                    swift_uregex_setText(matcher, units.baseAddress, Int32(units.count), &status)
                    while status.rawValue <= U_ZERO_ERROR.rawValue, swift_uregex_findNext(matcher, &status) != 0 {
                        let start = swift_uregex_start(matcher, 0, &status), end = swift_uregex_end(matcher, 0, &status)
                        if end > start { found.append((start, end)) }
                    }
                }
            }
            switch status {
            case _ where status.rawValue <= U_ZERO_ERROR.rawValue: break
            case U_REGEX_STOPPED_BY_CALLER, U_REGEX_TIME_OUT:
                throw EngineError.patternTooSlow(pattern: pattern, document: document, seconds: Int(timeLimit))
            case U_REGEX_STACK_OVERFLOW:
                throw EngineError.patternTooDeep(pattern: pattern, document: document)
            default:
                throw EngineError.badPattern(
                    pattern: pattern,
                    problem: "ICU stopped on \(document) (\(String(cString: swift_u_errorName(status))))")
            }
            return PatternSearch.scalarRanges(found, in: text)
        }
    }

    /// The ranges (Unicode scalar offsets, end exclusive) of every non-empty match of
    /// `pattern` in `text`, in order. `document` names the text in errors.
    public static func matches(
        of pattern: String, in text: String, document: String,
        timeLimit: TimeInterval = PatternSearch.timeLimit
    ) throws -> [TextRange] {
        try Compiled(pattern).matches(in: text, document: document, timeLimit: timeLimit)
    }

    /// The UTF-16 code units of `text`, decoded from its UTF-8 in one loop (several
    /// times faster than copying `text.utf16`, which steps an index per unit).
    static func utf16(_ text: String) -> [UInt16] {
        var text = text
        return text.withUTF8 { bytes in
            [UInt16](unsafeUninitializedCapacity: bytes.count) { units, count in
                var i = 0, n = 0
                while i < bytes.count {
                    let lead = UInt32(bytes[i])
                    if lead < 0x80 {
                        units[n] = UInt16(lead)
                        i += 1; n += 1
                    } else if lead < 0xE0 {
                        units[n] = UInt16((lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F))
                        i += 2; n += 1
                    } else if lead < 0xF0 {
                        units[n] = UInt16(
                            (lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F))
                        i += 3; n += 1
                    } else {
                        let scalar =
                            (lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                            | UInt32(bytes[i + 3] & 0x3F)
                        units[n] = UInt16(0xD800 + ((scalar - 0x10000) >> 10))
                        units[n + 1] = UInt16(0xDC00 + ((scalar - 0x10000) & 0x3FF))
                        i += 4; n += 2
                    }
                }
                count = n
            }
        }
    }

    /// UTF-16 ranges (start, end) as Unicode scalar ranges, in one pass over the text's
    /// UTF-8 bytes (a scalar is one UTF-16 unit, or two when its UTF-8 form has four
    /// bytes); text all in ASCII needs no conversion at all.
    static func scalarRanges(_ ranges: [(start: Int32, end: Int32)], in text: String) -> [TextRange] {
        var text = text
        return text.withUTF8 { bytes in
            if bytes.allSatisfy({ $0 < 0x80 }) {
                return ranges.map { TextRange(Int($0.start), Int($0.end)) }
            }
            var result: [TextRange] = []
            result.reserveCapacity(ranges.count)
            var byte = 0
            var unitOffset = 0
            var scalarOffset = 0
            func scalar(at target: Int) -> Int {
                while unitOffset < target, byte < bytes.count {
                    let lead = bytes[byte]
                    let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                    byte += width
                    unitOffset += width == 4 ? 2 : 1
                    scalarOffset += 1
                }
                return scalarOffset
            }
            for range in ranges {
                let start = scalar(at: Int(range.start))
                let end = scalar(at: Int(range.end))
                result.append(TextRange(start, end))
            }
            return result
        }
    }
}
