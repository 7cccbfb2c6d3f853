/// How a cell is drawn: colours and attributes. The terminal adapter maps colours to
/// what the terminal offers (256, 16 or 8 colours, or none).
public struct Style: Hashable, Sendable {
    public var foreground: RGB?
    public var background: RGB?
    public var bold = false
    public var underline = false
    public var reverse = false
    public var dim = false

    public init(
        foreground: RGB? = nil, background: RGB? = nil, bold: Bool = false, underline: Bool = false,
        reverse: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let reverse = Style(reverse: true)
    public static let dim = Style(dim: true)
    public static let underline = Style(underline: true)
}
