/// A small, fast, seedable random number generator (Steele, Lea & Flood's SplitMix64):
/// the same seed gives the same numbers on every machine, so a seeded corpus or a
/// seeded bootstrap is reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A number in `0..<bound` (the modulo's bias is below 2⁻⁴⁰ for the bounds used).
    public mutating func next(upTo bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A number in `0..<bound` by multiplying (Lemire's method, without the rejection
    /// step: a bias below bound / 2⁶⁴).
    @inline(__always)
    public mutating func index(below bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }
}
