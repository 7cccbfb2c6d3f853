/// A colour as the codebook gives it (`#rrggbb`).
public struct RGB: Hashable, Sendable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Parses `#rrggbb`; nil for anything else.
    public init?(hex: String) {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
    }

    /// Relative brightness from 0 to 1, to choose black or white text on this colour.
    public var luminance: Double {
        (0.299 * Double(red) + 0.587 * Double(green) + 0.114 * Double(blue)) / 255
    }

    /// The nearest of the 8 basic terminal colours (or 16, when `bright`): what an
    /// 8-colour terminal shows.
    public func basicIndex(bright: Bool = false) -> Int {
        let r = red > 127 ? 1 : 0, g = green > 127 ? 2 : 0, b = blue > 127 ? 4 : 0
        let base = r | g | b
        let light = bright && max(red, green, blue) > 200 && base != 7
        return base + (light ? 8 : 0)
    }

    public static let black = RGB(red: 0, green: 0, blue: 0)
    public static let white = RGB(red: 255, green: 255, blue: 255)
}
