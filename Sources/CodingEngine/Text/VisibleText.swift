/// Control characters made visible for a terminal.
///
/// Transcripts, names and memos may hold ESC and other C0 or C1 controls (a file
/// from another program, a crafted project): the store keeps them byte-exact, but a
/// terminal must never receive them, or text could move the cursor, recolour the
/// screen or send the terminal commands. The command line shows them as escapes
/// (`\u001b`), the workbench as one visible cell each (`␛`), so that offsets and
/// columns still line up.
public enum VisibleText {
    /// Whether a terminal would act on `scalar` instead of showing it: the C0 controls
    /// (tab and line feed included; callers keep those where they mean layout), DEL
    /// and the C1 controls U+0080 to U+009F.
    @inline(__always)
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Whether `text` holds a control other than those in `keeping`.
    public static func hasControls(_ text: String, keeping: Set<Unicode.Scalar> = []) -> Bool {
        // Fast path on bytes: controls are below 0x20, 0x7F, or U+0080…U+009F (lead byte 0xC2).
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return false }
        return text.unicodeScalars.contains { isControl($0) && !keeping.contains($0) }
    }

    /// `text` with every control written as an escape: `\n`, `\r`, `\t`, else
    /// `\u001b`; `keeping` lists the controls to pass through (e.g. line feeds of a
    /// listing). A carriage return right before a line feed is kept with it.
    public static func escaped(_ text: String, keeping: Set<Unicode.Scalar> = []) -> String {
        guard hasControls(text, keeping: keeping) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if !isControl(scalar) || keeping.contains(scalar) {
                out.unicodeScalars.append(scalar)
                continue
            }
            if scalar == "\r", keeping.contains("\n"), index + 1 < scalars.count, scalars[index + 1] == "\n" {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return out
    }

    /// A one-cell stand-in for a control: the Unicode control pictures for C0 and DEL
    /// (`␛` for ESC), a replacement mark for C1.
    public static func picture(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0..<0x20: return Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}"
        case 0x7F: return "\u{2421}"
        default: return "\u{FFFD}"
        }
    }
}
