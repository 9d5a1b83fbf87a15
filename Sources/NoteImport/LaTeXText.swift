import NoteParsing

/// Turns the LaTeX left in exported abstracts into plain text: `25\%` → `25%`, `\textbf{x}` → `x`, `\&` → `&`.
/// Math in `$…$` is kept as written. The result has no whitespace at either end: a `~` (a tie, made a space) or a
/// dropped `\cite{…}` at the end of a title left a trailing space that the note's reader then trimmed, so the title
/// read back was not the one imported (found by fuzzing).
enum LaTeXText {
    static let unwrapCommands = ["textbf", "textit", "emph", "texttt", "textsc", "mathrm", "mathbf", "text", "underline", "textrm", "textsf"]

    static func plain(_ s: String) -> String {
        var out = ""
        var chars = Array(s)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                let n = chars[i + 1]
                if "%&_$#{}".contains(n) {
                    out.append(n)
                    i += 2
                    continue
                }
                if n.isLetter {
                    var j = i + 1
                    while j < chars.count, chars[j].isLetter { j += 1 }
                    let command = String(chars[(i + 1)..<j])
                    if unwrapCommands.contains(command), j < chars.count, chars[j] == "{" {
                        // Drop the command and its braces; the argument stays (nested braces balanced).
                        var depth = 0
                        var k = j
                        repeat {
                            if chars[k] == "{" { depth += 1 } else if chars[k] == "}" { depth -= 1 }
                            k += 1
                        } while k < chars.count && depth > 0
                        let inner = depth == 0 ? String(chars[(j + 1)..<(k - 1)]) : String(chars[(j + 1)...])
                        chars.replaceSubrange(i..<k, with: Array(inner))
                        continue
                    }
                    if command == "cite" || command == "citep" || command == "citet" || command == "ref", j < chars.count, chars[j] == "{",
                       let close = chars[j...].firstIndex(of: "}") {
                        i = close + 1
                        continue
                    }
                }
            }
            if c == "~" {
                out.append(" ")
            } else {
                out.append(c)
            }
            i += 1
        }
        return out.trimmingWhitespace()
    }
}
