import CNcursesw
import Workbench

/// Maps the workbench's RGB colours to what the terminal has (256, 16 or 8
/// colours, or none) and hands out ncurses colour pairs as they are needed.
final class ColorPalette {
    let colors: Int
    private var pairs: [Int64: Int16] = [:]
    private var nextPair: Int16 = 1
    private let maximumPairs: Int

    /// `enabled` is false under NO_COLOR or on a terminal without colour.
    init(enabled: Bool) {
        colors = enabled ? Int(it_colors()) : 0
        maximumPairs = enabled ? Int(min(it_color_pairs(), 32_767)) : 0
    }

    /// The colour pair for a style's colours, or 0 (the terminal's default).
    func pair(for style: Style) -> Int16 {
        guard colors >= 8, style.foreground != nil || style.background != nil else { return 0 }
        let fg = style.foreground.map(index) ?? -1
        let bg = style.background.map(index) ?? -1
        let key = Int64(fg) << 32 | Int64(UInt32(bitPattern: Int32(bg)))
        if let pair = pairs[key] { return pair }
        guard Int(nextPair) < maximumPairs else { return 0 }
        let pair = nextPair
        init_pair(pair, Int16(fg), Int16(bg))
        pairs[key] = pair
        nextPair += 1
        return pair
    }

    /// The nearest colour the terminal offers.
    func index(_ rgb: RGB) -> Int32 {
        if colors >= 256 { return Int32(Self.xterm256(rgb)) }
        return Int32(Self.basic(rgb, bright: colors >= 16))
    }

    /// The xterm 256-colour cube (16-231) or grey ramp (232-255).
    static func xterm256(_ rgb: RGB) -> Int {
        let r = Int(rgb.red), g = Int(rgb.green), b = Int(rgb.blue)
        if abs(r - g) < 10 && abs(g - b) < 10 {
            if r < 8 { return 16 }
            if r > 246 { return 231 }
            return 232 + (r - 8) * 24 / 239
        }
        func level(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
        return 16 + 36 * level(r) + 6 * level(g) + level(b)
    }

    /// One of the 8 (or 16) basic colours.
    static func basic(_ rgb: RGB, bright: Bool) -> Int { rgb.basicIndex(bright: bright) }
}
