/// Values from outside (file names, reasons, a server's replies) written into XML reports
/// (JUnit) so that they stay one value: markup characters are escaped, a line break or tab is
/// a character reference (so no raw line of the file can begin with text from input — a CI log
/// that prints the file then shows no `::error` line the input planted), other control
/// characters are written visibly as `\xNN` (as ``TerminalText`` does), and the characters XML
/// 1.0 cannot hold at all (U+FFFE, U+FFFF) are dropped.
public enum XMLText {
    /// `text` for an attribute value or element content alike. Structure (the line breaks a
    /// report puts between values) is the caller's to write raw, around values written with this.
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            case "\t": result += "&#9;"
            case "\u{FFFE}", "\u{FFFF}": continue
            case _ where TerminalText.isControl(scalar):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
