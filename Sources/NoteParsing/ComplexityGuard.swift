/// Refuses note bodies that would make libcmark-gfm 0.29 (Debian's) take super-linear time or memory.
///
/// That release predates the 2023 fixes for quadratic parsing (CVE-2023-22483, -22484, -24824, -37463,
/// GHSA-r8vr-c48j-fcc5); one note of 480 KB of `![[]()` takes over a minute. A cheap linear scan before parsing
/// catches the input shapes behind those reports, so one hostile note is reported ("note too complex") while the
/// rest of the site builds. Limits sit far above anything a person writes.
public enum ComplexityGuard {
    /// Largest note body accepted, in bytes.
    public static let maxBytes = 16 * 1024 * 1024
    /// Most `[` (link and image openers) allowed in one paragraph.
    public static let maxBracketsPerParagraph = 2_000
    /// Deepest nesting of block quotes or list items allowed.
    public static let maxNesting = 64

    /// Why the body is refused, or nil if it is fine.
    public static func problem(in body: Substring) -> String? {
        if body.utf8.count > maxBytes {
            return "note too complex: \(body.utf8.count / 1024) KB is over the \(maxBytes / 1024 / 1024) MB limit for one note"
        }
        var brackets = 0
        var lineStart = true
        var blankLine = true
        var quoteDepth = 0
        var indent = 0
        for byte in body.utf8 {
            switch byte {
            case UInt8(ascii: "\n"):
                if blankLine { brackets = 0 }  // a blank line ends the paragraph
                lineStart = true
                blankLine = true
                quoteDepth = 0
                indent = 0
                continue
            case UInt8(ascii: "["):
                brackets += 1
                if brackets > maxBracketsPerParagraph {
                    return "note too complex: more than \(maxBracketsPerParagraph) '[' in one paragraph (this cmark-gfm version parses that in quadratic time)"
                }
            case UInt8(ascii: ">") where lineStart:
                quoteDepth += 1
                if quoteDepth > maxNesting { return "note too complex: block quotes nested more than \(maxNesting) deep" }
                continue
            case UInt8(ascii: " ") where lineStart:
                indent += 1
                // Two spaces or more per list level: 4 × the limit is deeper than any real outline.
                if indent > maxNesting * 4 { return "note too complex: lines indented more than \(maxNesting * 4) spaces (nested lists)" }
                continue
            case UInt8(ascii: "\t") where lineStart:
                indent += 4
                if indent > maxNesting * 4 { return "note too complex: lines indented more than \(maxNesting * 4) spaces (nested lists)" }
                continue
            default:
                break
            }
            lineStart = false
            if byte != UInt8(ascii: "\r") { blankLine = false }
        }
        return nil
    }
}
