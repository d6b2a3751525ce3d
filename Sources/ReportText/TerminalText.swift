/// Text from outside (a repository's file names, reasons quoting code, a server's replies)
/// made safe to print on a terminal: C0 and C1 control characters and DEL become visible `\xNN` escapes, so a file
/// named with escape sequences can neither recolour nor retitle the terminal, nor fake a line.
public enum TerminalText {
    /// `text` with every control character escaped.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether `scalar` is a C0 or C1 control character or DEL.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
