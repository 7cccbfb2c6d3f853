import Foundation

/// A typed value of a case attribute, as front matter or `case set` gives it.
public enum AttributeValue: Equatable, Hashable, Sendable, CustomStringConvertible {
    case text(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    /// A calendar date, kept as `YYYY-MM-DD`.
    case date(String)

    /// The type's name as stored and shown: text, integer, float, boolean or date.
    public var typeName: String {
        switch self {
        case .text: return "text"
        case .integer: return "integer"
        case .float: return "float"
        case .boolean: return "boolean"
        case .date: return "date"
        }
    }

    /// The value as stored in the project and printed in listings.
    public var description: String {
        switch self {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .float(let d): return String(d)
        case .boolean(let b): return b ? "true" : "false"
        case .date(let d): return d
        }
    }

    /// Rebuilds a value from its stored type name and text. A stored value that is
    /// not of its type (a `nan` float or a date `hello` an older intertwine let in)
    /// comes back as text, so that no export fails on it.
    public init(typeName: String, stored: String) {
        switch typeName {
        case "integer": self = Int(stored).map(AttributeValue.integer) ?? .text(stored)
        case "float": self = Double(stored).flatMap { $0.isFinite ? AttributeValue.float($0) : nil } ?? .text(stored)
        case "boolean": self = .boolean(stored == "true")
        case "date": self = Self.isCalendarDate(stored) ? .date(stored) : .text(stored)
        default: self = .text(stored)
        }
    }

    /// Why this value cannot be stored, or nil: floats must be finite numbers (not
    /// `nan`, `inf` or `1e400`), dates real calendar dates.
    public var problem: String? {
        switch self {
        case .float(let d) where !d.isFinite: return "\(d) is not a finite number"
        case .date(let d) where !Self.isCalendarDate(d): return "\"\(d)\" is not a date (YYYY-MM-DD)"
        default: return nil
        }
    }

    /// Infers the type of a value typed on the command line (`KEY=VALUE`):
    /// whole numbers are integers, decimals floats, true/false booleans,
    /// `YYYY-MM-DD` dates, anything else text.
    public static func inferred(from raw: String) -> AttributeValue {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if let i = Int(trimmed) { return .integer(i) }
        if trimmed.contains("."), let d = Double(trimmed), d.isFinite { return .float(d) }
        switch trimmed.lowercased() {
        case "true", "yes": return .boolean(true)
        case "false", "no": return .boolean(false)
        default: break
        }
        if isCalendarDate(trimmed) { return .date(trimmed) }
        return .text(raw)
    }

    /// Whether `s` is a valid `YYYY-MM-DD` date.
    public static func isCalendarDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return false }
        var components = DateComponents()
        components.year = y; components.month = m; components.day = d
        let calendar = Calendar(identifier: .gregorian)
        guard (1...12).contains(m), (1...31).contains(d), let date = calendar.date(from: components) else {
            return false
        }
        return calendar.component(.day, from: date) == d
    }
}

/// One attribute of a case: a key and its typed value.
public struct CaseAttribute: Equatable, Hashable, Sendable {
    public var key: String
    public var value: AttributeValue

    public init(key: String, value: AttributeValue) {
        self.key = key
        self.value = value
    }
}
