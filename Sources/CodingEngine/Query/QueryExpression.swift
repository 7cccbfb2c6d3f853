/// A parsed coding query (see the README's "Queries"): what text it selects, as a
/// tree. Each node keeps the column where it was written, for messages.
public indirect enum QueryExpression: Equatable, Sendable {
    /// The text coded with the code at `path` or any code below it.
    case code(path: String, column: Int)
    /// The text `name` coded (with anything); with `and`, what `name` coded there.
    case coder(name: String, column: Int)
    /// The speech of the turns of `name`.
    case speaker(name: String, column: Int)
    /// The whole text of one document.
    case document(name: String, column: Int)
    /// The text a regular expression matches.
    case text(pattern: String, column: Int)
    /// The whole text of the documents whose case (or document) attribute compares so.
    case attribute(scope: AttributeScope, key: String, comparison: Comparison, value: String, column: Int)
    case and(QueryExpression, QueryExpression)
    case or(QueryExpression, QueryExpression)
    case not(QueryExpression)
    /// The passages of the left side that stand in `relation` to the right side.
    case relation(QueryExpression, Relation, QueryExpression)

    public enum AttributeScope: String, Equatable, Sendable { case `case`, document = "doc" }

    public enum Comparison: String, Equatable, Sendable, CaseIterable {
        case equal = "=", notEqual = "!=", lessOrEqual = "<=", greaterOrEqual = ">=", less = "<", greater = ">"

        /// Whether it orders (<, <=, >, >=) rather than tests equality.
        public var orders: Bool { self != .equal && self != .notEqual }
    }

    public enum Relation: Equatable, Sendable {
        /// Shares at least one character with a passage of the right side.
        case overlaps
        /// Lies wholly inside a passage of the right side.
        case within
        /// Lies within `words` words of a passage of the right side (either side; overlapping is 0).
        case near(words: Int)
        /// A passage of the right side starts after it ends, at most `turns` turns later.
        case followedBy(turns: Int)
        /// Shares a speaker turn with a passage of the right side.
        case sameTurn
    }

    /// The parts that select text by themselves (codes, coders, speakers, documents,
    /// patterns, attributes), left to right.
    public var leaves: [QueryExpression] {
        switch self {
        case .and(let a, let b), .or(let a, let b), .relation(let a, _, let b): return a.leaves + b.leaves
        case .not(let a): return a.leaves
        default: return [self]
        }
    }
}
