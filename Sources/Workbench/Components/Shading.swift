/// Cells shaded by their value: heat maps, matrices, frequency tables.
enum Shading {
    /// Background from pale to deep blue with the value (0 to 1); aggregates bold.
    static func heat(_ value: Double, aggregate: Bool = false, colors: Bool = true) -> Style {
        guard value > 0 else { return Style(bold: aggregate, dim: !aggregate) }
        guard colors else { return Style(bold: value > 0.3 || aggregate, reverse: value > 0.6) }
        let level = UInt8(255 - Int(min(1, value) * 170))
        let background = RGB(red: level, green: UInt8(min(255, Int(level) + 20)), blue: 255)
        return Style(foreground: value > 0.6 ? .white : .black, background: background, bold: aggregate)
    }
}
