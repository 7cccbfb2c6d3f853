import Yams

/// YAML scalars typed as YAML 1.2's core schema types them, plus dates.
///
/// Yams types plain scalars by YAML 1.1, where `012` is octal 10, `1:30` is 90
/// (base 60), `off` and `no` are false. In front matter that turns a participant's
/// `012` or a time `1:30` into surprises, so intertwine uses the 1.2 core rules:
/// `true`/`false` (any case form YAML allows) are booleans, `[-+]?[0-9]+` and
/// `0o17`, `0x1F` integers, decimals and exponents floats (`.inf`, `.nan` are
/// refused as not finite), `null`, `~` and nothing are empty, `YYYY-MM-DD` is a date,
/// and everything else (`off`, `1:30`, `yes`) is text.
enum YAMLCore {
    static let resolver: Resolver = {
        do {
            return try Resolver.basic
                .appending(.bool, "^(?:true|True|TRUE|false|False|FALSE)$")
                .appending(.int, "^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
                .appending(
                    .float,
                    "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"
                )
                .appending(.null, "^(?:null|Null|NULL|~|)$")
                .appending(.timestamp, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
        } catch {
            // The patterns above are fixed; the front-matter tests read every type through them.
            preconditionFailure("YAML 1.2 core schema patterns do not compile: \(error)")
        }
    }()

    /// The typed value of a plain or quoted scalar: nil for null; a non-finite float
    /// or a date that is not a calendar date is returned as such, for the caller to
    /// refuse with its line.
    static func value(_ node: Node) -> AttributeValue? {
        guard case .scalar(let scalar) = node else { return nil }
        let text = scalar.string
        switch Tag.Name(rawValue: node.tag.rawValue) {
        case .null: return nil
        case .bool: return .boolean(text.lowercased() == "true")
        case .int:
            let number: Int?
            if text.hasPrefix("0o") {
                number = Int(text.dropFirst(2), radix: 8)
            } else if text.hasPrefix("0x") {
                number = Int(text.dropFirst(2), radix: 16)
            } else {
                number = Int(text)
            }
            return number.map(AttributeValue.integer) ?? .text(text) // beyond 64 bits: kept as written
        case .float:
            switch text.lowercased().trimmingPrefix("+") {
            case ".inf": return .float(.infinity)
            case "-.inf": return .float(-.infinity)
            case ".nan": return .float(.nan)
            default: return Double(text).map(AttributeValue.float) ?? .text(text)
            }
        case .timestamp:
            return .date(text)
        default:
            return .text(text)
        }
    }
}

private extension String {
    func trimmingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}
