/// A document's stored text with constant-time access by Unicode-scalar offset.
///
/// Codings, turns and sentences are ranges of scalar offsets; this is how they are
/// turned back into text without walking the string from its start each time.
public struct ScalarText: Sendable, Equatable {
    /// The scalars of the text, one per offset.
    public let scalars: [Unicode.Scalar]

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// The number of scalars: the end of the last valid range.
    public var length: Int { scalars.count }

    /// The text of `[start, end)`, clamped to the document.
    public func slice(_ start: Int, _ end: Int) -> String {
        let lower = max(0, min(start, scalars.count))
        let upper = max(lower, min(end, scalars.count))
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lower..<upper])
        return String(view)
    }

    public subscript(offset: Int) -> Unicode.Scalar { scalars[offset] }
}
